package org.fde.em;

import org.fde.fft.Fft2;
import org.fde.image.BatchShape;
import org.fde.image.TileGrid;
import org.fde.schedule.RespacedSchedule;
import org.fde.score.EpsilonParameterisation;
import org.fde.score.EpsilonParameterisation.Prediction;
import org.fde.score.ScoreModel;
import org.fde.score.ValueRange;

/**
 * The network over the tiles: x&#770;0 of every tile's particles, at most {@code tilesPerBatch} tiles per network
 * batch, blended into whole-image arrays with the grid's weights, and the vector-Jacobian product of a batch's
 * forward (its autograd graph). The state x_t is always the whole image (n particles &times; C &times; H &times; W).
 * <p>
 * A VJP needs its own forward's graph, and only one graph may be open at a time (DJL's single gradient collector;
 * keeping all of them would make memory grow with the image). A {@link Batch} that was forwarded with tracking holds
 * its graph until it is closed.
 */
final class TiledDenoiser {

	private final ScoreModel model;
	private final RespacedSchedule schedule;
	private final StepRecorder recorder;
	/** The whole image's batch: n particles &times; C &times; H &times; W (the state x_t). */
	final BatchShape shape;
	final TileGrid grid;
	private final Fft2 fft;
	/** Tiles per network batch. */
	private final int chunkTiles;

	TiledDenoiser(ScoreModel model, RespacedSchedule schedule, BatchShape shape, TileGrid grid, Fft2 fft,
			int tilesPerBatch, StepRecorder recorder) {
		this.model = model;
		this.schedule = schedule;
		this.shape = shape;
		this.grid = grid;
		this.fft = fft;
		this.chunkTiles = Math.min(tilesPerBatch, grid.count());
		this.recorder = recorder;
		EpsilonParameterisation.networkShape(chunkShape(chunkTiles), model.spec()); // fail early on a bad tile size
	}

	/** Number of network batches per pass over the tiles. */
	int batches() {
		return (grid.count() + chunkTiles - 1) / chunkTiles;
	}

	/** The batch of {@code tiles} tiles' particles: (tiles&middot;n) &times; C &times; th &times; tw. */
	private BatchShape chunkShape(int tiles) {
		return new BatchShape(tiles * shape.n(), shape.c(), grid.tileHeight(), grid.tileWidth());
	}

	/** One network batch: x&#770;0 of its tiles' particles, their unit-range spectra, and the graph if tracked. */
	final class Batch implements AutoCloseable {
		final int firstTile;
		final int tiles;
		final BatchShape shape;
		final float[][] spectra;
		private final ScoreModel.TrackedEpsilon tracked;
		private final Prediction pred;
		private final double alphaBar;

		private Batch(int firstTile, int tiles, BatchShape shape, ScoreModel.TrackedEpsilon tracked, Prediction pred,
				float[][] spectra, double alphaBar) {
			this.firstTile = firstTile;
			this.tiles = tiles;
			this.shape = shape;
			this.tracked = tracked;
			this.pred = pred;
			this.spectra = spectra;
			this.alphaBar = alphaBar;
		}

		/** The tile of plane p of this batch. */
		int tileOfPlane(int p) {
			return firstTile + p / (TiledDenoiser.this.shape.n() * shape.c());
		}

		/** Whether the graph is open for a {@link #vjp}. */
		boolean tracked() {
			return tracked != null;
		}

		/** x&#770;0, clipped, signed range. */
		float[] x0() {
			return pred.x0Clipped();
		}

		/**
		 * J<sup>T</sup>u for x&#770;0 (chain rule through the network's VJP), for a direction {@code dirUnit} on the unit
		 * range.
		 */
		float[] vjp(float[] dirUnit) {
			float[] u = ValueRange.pullBackUnitToSigned(dirUnit, pred.x0Raw());
			long v0 = System.nanoTime();
			float[] epsVjp = tracked.vjp(u); // (d eps/d x_t)^T u through the network
			recorder.network(v0);
			return EpsilonParameterisation.vjpX0(u, epsVjp, alphaBar);
		}

		@Override
		public void close() {
			if (tracked != null) {
				long c0 = System.nanoTime();
				tracked.close(); // frees the forward's graph (the activations kept for the VJP)
				recorder.network(c0); // freeing the network's activations is network time
			}
		}
	}

	/** The network on batch c of tiles at step k (tracked for one VJP if asked) and the x&#770;0 it gives. */
	Batch forward(int c, float[] x, int k, boolean track) {
		int first = c * chunkTiles;
		int tiles = Math.min(chunkTiles, grid.count() - first);
		BatchShape bs = chunkShape(tiles);
		float[] xt = grid.isSingle() ? x : cropBatch(x, first, tiles);
		double alphaBar = schedule.alphaBar(k);
		long n0 = System.nanoTime();
		BatchShape net = EpsilonParameterisation.networkShape(bs, model.spec());
		ScoreModel.TrackedEpsilon tracked = track ? model.epsilonOfTilesTracked(xt, net, tiles, schedule.timestep(k))
				: null;
		try {
			float[] eps = tracked != null ? tracked.epsilon() : model.epsilonOfTiles(xt, net, tiles,
					schedule.timestep(k));
			recorder.network(n0);
			Prediction pred = EpsilonParameterisation.x0(xt, eps, alphaBar); // x^0 = (x_t - sqrt(1-a) eps)/sqrt(a)
			float[][] spectra = spectra(ValueRange.toUnit(pred.x0Clipped()), bs); // F(x^0) on [0, 1]
			return new Batch(first, tiles, bs, tracked, pred, spectra, alphaBar);
		} catch (RuntimeException | Error e) {
			if (tracked != null) {
				tracked.close();
			}
			throw e;
		}
	}

	/** The unit-range spectra of batch c's tiles cut from a whole-image signed array (no network call). */
	float[][] spectraOf(int c, float[] whole) {
		int first = c * chunkTiles;
		int tiles = Math.min(chunkTiles, grid.count() - first);
		return spectra(ValueRange.toUnit(grid.isSingle() ? whole : cropBatch(whole, first, tiles)), chunkShape(tiles));
	}

	/** The first tile of batch c. */
	int firstTile(int c) {
		return c * chunkTiles;
	}

	/** The tile of plane p of batch c. */
	int tileOfPlane(int c, int p) {
		return c * chunkTiles + p / (shape.n() * shape.c());
	}

	/** The particles of tiles [first, first + tiles) of a whole-image batch, as one NCHW batch. */
	private float[] cropBatch(float[] x, int first, int tiles) {
		BatchShape bs = chunkShape(tiles);
		float[] out = new float[bs.size()];
		int n = shape.n();
		int cs = shape.c();
		for (int j = 0; j < tiles; j++) {
			for (int i = 0; i < n; i++) {
				for (int c = 0; c < cs; c++) {
					grid.crop(x, shape.planeOffset(i, c), first + j, out, bs.planeOffset(j * n + i, c));
				}
			}
		}
		return out;
	}

	/**
	 * Adds a batch's tile planes, weighted by the grid's blending weights, into the whole-image {@code into}
	 * (allocated when null); for a single tile the batch's array is the whole image and is returned as is.
	 */
	float[] blend(Batch b, float[] batch, float[] into) {
		if (grid.isSingle()) {
			return batch;
		}
		float[] out = into == null ? new float[shape.size()] : into;
		int n = shape.n();
		for (int j = 0; j < b.tiles; j++) {
			for (int i = 0; i < n; i++) {
				for (int c = 0; c < shape.c(); c++) {
					grid.blend(batch, b.shape.planeOffset(j * n + i, c), b.firstTile + j, out, shape.planeOffset(i, c));
				}
			}
		}
		return out;
	}

	/** F of every plane of a unit-range batch of tiles (NCHW). */
	private float[][] spectra(float[] batch, BatchShape bs) {
		int planes = bs.n() * bs.c();
		float[][] out = new float[planes][];
		for (int p = 0; p < planes; p++) {
			out[p] = fft.forward(batch, p * bs.planeSize());
		}
		return out;
	}
}
