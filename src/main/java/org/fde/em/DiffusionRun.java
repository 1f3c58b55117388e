package org.fde.em;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.fde.fft.Fft2;
import org.fde.guidance.DpsGuidance;
import org.fde.guidance.GuidanceKind;
import org.fde.guidance.MaskedPigdm;
import org.fde.guidance.PigdmGuidance;
import org.fde.image.BatchShape;
import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.image.TileGrid;
import org.fde.kernel.BlurExtent;
import org.fde.kernel.EdgeSelection;
import org.fde.kernel.HqsKernelEstimator;
import org.fde.kernel.KernelCentring;
import org.fde.noise.NoiseEstimator;
import org.fde.parallel.Chunks;
import org.fde.sampler.Sampler;
import org.fde.schedule.NoiseSchedule;
import org.fde.schedule.RespacedSchedule;
import org.fde.score.EpsilonParameterisation;
import org.fde.score.EpsilonParameterisation.Prediction;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;
import org.fde.score.ValueRange;

/**
 * The machinery shared by the three solvers: one guided reverse-diffusion step with an optional M-step, the
 * measurement's spectra, the noise source and the bookkeeping. The solvers ({@link FastEm}, {@link DiffusionEm},
 * {@link NonBlind}) own the order of the steps.
 * <p>
 * <b>Tiles.</b> The state x_t is always the whole image (n particles &times; C &times; H &times; W), as is the
 * sampler's noise. When {@link EmConfig#tiles} says so, the image is covered by a {@link TileGrid}; each tile is its
 * own periodic problem with its own measurement y_j (the crop of y), and at every step:
 * <ol>
 * <li>(a) the network gives x&#770;0 on every tile, at most {@link EmConfig#tilesPerBatch} tiles (times n particles)
 * per network batch; the tiles' x&#770;0 are blended with the grid's weights into one x&#770;0 of the whole image, and,
 * with an M-step, every tile's planes are added to the data term of eq. 24 ({@link HqsKernelEstimator.DataTerm});</li>
 * <li>(b) the M-step (and centring) gives the ONE kernel shared by all tiles;</li>
 * <li>(c) on every tile, the guidance with that kernel and the tile's own y_j (&Pi;GDM per plane, DPS normalised
 * per (tile, particle)) and its VJP through the network; the tiles' gradients are blended like x&#770;0;</li>
 * <li>x_{t&minus;1} = sampler(x_t, blended x&#770;0) + w_t &middot; blended gradient. Blending at every step (as
 * MultiDiffusion does) keeps neighbouring tiles consistent, so the result has no seams.</li>
 * </ol>
 * A VJP needs its own forward's graph, and only one graph may be open at a time (DJL's single gradient collector;
 * keeping all of them would make memory grow with the image). So with an M-step and more than one network batch,
 * (a) runs untracked forwards on all batches but the last, whose tracked forward stays open across (b) for its VJP
 * in (c), and (c) repeats a tracked forward on the other batches: m batches cost m + (m &minus; 1) forwards and m
 * VJPs per step instead of m forwards and m VJPs. Without an M-step (non-blind runs, Diffusion EM's E-steps) tiles
 * are independent given the kernel and each batch is forwarded once. With one batch (the whole image, or every tile
 * in one batch) the step is exactly the untiled one.
 */
final class DiffusionRun {

	final EmConfig config;
	final ScoreModel model;
	final RespacedSchedule schedule;
	final Sampler sampler;
	/** The M-step, with &lambda; adapted to the noise level ({@link NoiseAdaptation}). */
	final HqsKernelEstimator mStep;
	/** Fast EM's &Pi;GDM factor adapted to the noise level ({@link NoiseAdaptation}). */
	final double blindPigdmScale;
	/** The largest support of Fast EM's kernel ({@link #supportCap}). */
	final int supportCap;
	/**
	 * Coarse-to-fine (issue 37): where the M-step may put the kernel's mass, kernelSize&sup2; flags; null = anywhere
	 * in the centred support window. Set by {@link CoarseToFine} before the steps.
	 */
	boolean[] supportMask;
	/** The whole image's batch: n particles &times; C &times; H &times; W (the state x_t). */
	final BatchShape shape;
	/** The tiles (one tile, the whole image, when not tiling). */
	final TileGrid grid;
	/** Tiles per network batch. */
	final int chunkTiles;
	/** F(y_j^c) per (tile j, channel c), index j&middot;C + c. */
	final float[][] ySpectra;
	/** The measured pixels of each tile (a padded measurement's padding is missing data). */
	final ObservedRegion observed;
	final double sigma;
	final SplittableRandom rng;
	/** The FFT of one tile. */
	final Fft2 fft;
	final ProgressListener listener;
	final BooleanSupplier cancelled;
	final List<StepDiagnostics> diagnostics = new ArrayList<>();
	final int totalSteps;
	final long start = System.nanoTime();
	private int done;

	DiffusionRun(ScoreModel model, KernelPrior prior, EmConfig config, Image y, int totalSteps,
			ProgressListener listener, BooleanSupplier cancelled) {
		this(model, prior, config, y, null, totalSteps, listener, cancelled);
	}

	/**
	 * @param observed null when every pixel of y is measured; else the frame that padded the measurement to y's size:
	 *                 only its inner window is measured, the padding is missing data ({@link ObservedRegion})
	 */
	DiffusionRun(ScoreModel model, KernelPrior prior, EmConfig config, Image y, PadFrame observed, int totalSteps,
			ProgressListener listener, BooleanSupplier cancelled) {
		if (!y.isFinite()) {
			throw new IllegalArgumentException("the image contains NaN or infinite values");
		}
		int ks = config.mStep().kernelSize();
		if (y.width() < 2 * ks || y.height() < 2 * ks) {
			throw new IllegalArgumentException("the image (" + y.width() + "x" + y.height()
					+ ") must be at least twice the kernel size (" + ks + ") in each dimension");
		}
		this.config = config;
		this.model = model;
		this.schedule = NoiseSchedule.linear(model.spec().trainingSteps(), model.spec().betaStart(),
				model.spec().betaEnd()).respace(config.steps());
		this.sampler = Double.isNaN(config.ddimEta()) ? Sampler.ddpm() : Sampler.ddim(config.ddimEta());
		this.shape = new BatchShape(config.particles(), y.channels(), y.height(), y.width());
		this.grid = config.tiles(y.width(), y.height())
				? TileGrid.of(y.width(), y.height(), config.tileSize(), config.effectiveOverlap())
				: TileGrid.single(y.width(), y.height());
		this.chunkTiles = Math.min(config.tilesPerBatch(), grid.count());
		if (grid.tileWidth() < 2 * ks || grid.tileHeight() < 2 * ks) {
			throw new IllegalArgumentException("the tiles (" + grid.tileWidth() + "x" + grid.tileHeight()
					+ ") must be at least twice the kernel size (" + ks + ") in each dimension");
		}
		EpsilonParameterisation.networkShape(chunkShape(chunkTiles), model.spec()); // fail early on a bad tile size
		this.fft = Fft2.of(grid.tileHeight(), grid.tileWidth());
		int cs = y.channels();
		this.ySpectra = new float[grid.count() * cs][];
		float[][] planes = new float[cs][];
		for (int c = 0; c < cs; c++) {
			planes[c] = y.plane(c);
			for (int j = 0; j < grid.count(); j++) {
				ySpectra[j * cs + c] = fft.forward(grid.isSingle() ? y.plane(c) : grid.crop(y.plane(c), j));
			}
		}
		this.observed = ObservedRegion.of(observed, grid, y.width(), y.height());
		this.sigma = Double.isNaN(config.sigma()) ? NoiseEstimator.estimate(observedPlanes(planes, y, observed),
				observed == null ? y.width() : observed.width(), observed == null ? y.height() : observed.height())
				: config.sigma();
		// the noise-dependent gains (NoiseAdaptation): lambda here, Fast EM's PiGDM factor in step()
		this.mStep = new HqsKernelEstimator(config.mStep().withLambda(config.mStep().lambda()
				* config.noiseAdaptation().lambdaFactor(sigma)), prior);
		this.blindPigdmScale = config.blindPigdmScale() * config.noiseAdaptation().blindScaleFactor(sigma);
		this.supportCap = supportCap(config, observedPlanes(planes, y, observed)[0],
				observed == null ? y.width() : observed.width(), observed == null ? y.height() : observed.height(),
				sigma);
		this.rng = new SplittableRandom(config.seed());
		this.totalSteps = totalSteps;
		this.listener = listener == null ? ProgressListener.NONE : listener;
		this.cancelled = cancelled == null ? () -> false : cancelled;
	}

	/**
	 * The largest support Fast EM's kernel may take: the kernel size, or, when the support grows
	 * ({@link EmConfig#supportStart}) and the kernel is larger than its start, the size that the blur seen in the
	 * measurement suggests ({@link BlurExtent}), between the start and the kernel size.
	 */
	static int supportCap(EmConfig config, float[] plane, int w, int h, double sigma) {
		int ks = config.mStep().kernelSize();
		int start = config.supportStart();
		if (start == 0 || start >= ks || w < 8 || h < 8) {
			return ks;
		}
		return Math.max(start, Math.min(ks, BlurExtent.estimate(plane, w, h, sigma).kernelSize()));
	}

	/** The measured window of every plane (the planes themselves when all is measured), for the noise estimate. */
	private static float[][] observedPlanes(float[][] planes, Image y, PadFrame f) {
		if (f == null) {
			return planes;
		}
		float[][] out = new float[planes.length][f.width() * f.height()];
		for (int c = 0; c < planes.length; c++) {
			for (int r = 0; r < f.height(); r++) {
				System.arraycopy(planes[c], (f.top() + r) * y.width() + f.left(), out[c], r * f.width(), f.width());
			}
		}
		return out;
	}

	/** x_T ~ N(0, I) for all particles and channels of the whole image. */
	float[] initialNoise() {
		float[] x = new float[shape.size()];
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) rng.nextGaussian();
		}
		return x;
	}

	/** Number of kernels: one shared, or one per channel. */
	int kernelCount() {
		return config.kernelMode() == KernelMode.SHARED ? 1 : shape.c();
	}

	float[] kernelOfChannel(float[][] kernels, int c) {
		return kernels.length == 1 ? kernels[0] : kernels[c];
	}

	/** Number of network batches per pass over the tiles. */
	int chunks() {
		return (grid.count() + chunkTiles - 1) / chunkTiles;
	}

	/** The batch of {@code tiles} tiles' particles: (tiles&middot;n) &times; C &times; th &times; tw. */
	BatchShape chunkShape(int tiles) {
		return new BatchShape(tiles * shape.n(), shape.c(), grid.tileHeight(), grid.tileWidth());
	}

	/** The result of one step. */
	record Outcome(float[] x, float[][] kernels) {
	}

	/**
	 * One reverse step k with guidance; with {@code updateKernel} the M-step runs on this step's x&#770;0 first
	 * (Algorithm 2 of the paper), else the kernels are held (Algorithm 1). See the class comment for the tiles.
	 */
	Outcome step(int outer, int k, float[] x, float[][] kernels, boolean updateKernel) {
		if (cancelled.getAsBoolean()) {
			throw new CancellationException("cancelled at step " + (schedule.length() - k) + " of " + schedule.length());
		}
		long t0 = System.nanoTime();
		double alphaBar = schedule.alphaBar(k);
		// Fast EM's steps have their own factor, down to blindLateTimestep; the fixed-kernel steps and the late ones
		// use pigdmScale
		boolean early = updateKernel && schedule.timestep(k) >= config.blindLateTimestep();
		double pigdmScale = early ? blindPigdmScale : config.pigdmScale();
		double weight = config.guidance() == GuidanceKind.PIGDM ? pigdmScale * schedule.pigdmWeight(k)
				: config.dpsScale() * Math.sqrt(alphaBar);
		boolean guided = weight > 0;
		int chunks = chunks();
		StepSums sums = new StepSums(guided && !grid.isSingle() ? new float[shape.size()] : null);
		float[] x0 = grid.isSingle() ? null : new float[shape.size()]; // the blended x^0 (clipped, signed)
		float[][] newKernels = kernels;
		if (!updateKernel) {
			// kernels held: the tiles are independent given k, one tracked forward per batch
			float[][] otfs = otfs(kernels);
			for (int c = 0; c < chunks; c++) {
				try (Pass p = pass(c, x, k, guided, sums)) {
					x0 = blend(p, p.pred.x0Clipped(), x0);
					apply(guidance(p, otfs, k, sums), sums);
				}
			}
		} else {
			// (a) x^0 of every tile and the data term of eq. 24 summed over tiles and particles
			HqsKernelEstimator.DataTerm data = new HqsKernelEstimator.DataTerm(shape.c(), grid.tileHeight(),
					grid.tileWidth());
			List<MissingPlane> missing = new ArrayList<>(); // planes of tiles with missing pixels, completed in (b)
			// the late steps' data from x^0's salient edges (EmConfig#edgeFraction; 0 = the pair (y, x^0) itself)
			double edges = schedule.timestep(k) < config.edgeTimestep() ? config.edgeFraction() : 0;
			Pass open = null;
			try {
				for (int c = 0; c < chunks; c++) {
					boolean last = c == chunks - 1;
					Pass p = pass(c, x, k, guided && last, sums); // the last batch's graph stays open
					try {
						x0 = blend(p, p.pred.x0Clipped(), x0);
						addData(p, data, missing, edges);
					} finally {
						if (last) {
							open = p;
						} else {
							p.close();
						}
					}
				}
				// (b) M-step (eq. 24) and centring: one kernel for all tiles
				long m0 = System.nanoTime();
				newKernels = completedMStep(data, missing, kernels, schedule.pigdmR2(k), true, edges,
						Math.min(supportCap, config.kernelSupport(schedule.timestep(k))));
				sums.mStepSeconds += (System.nanoTime() - m0) * 1e-9;
				// (c) guidance with the new kernel: the open batch first (its result is applied last, so that the
				// tiles are summed in the same order however they are batched), then the others forwarded again
				float[][] otfs = otfs(newKernels);
				if (guided) {
					Guidance deferred = guidance(open, otfs, k, sums);
					open.close();
					open = null;
					for (int c = 0; c < chunks - 1; c++) {
						try (Pass p = pass(c, x, k, true, sums)) {
							apply(guidance(p, otfs, k, sums), sums);
						}
					}
					apply(deferred, sums);
				} else if (grid.isSingle()) {
					apply(guidance(open, otfs, k, sums), sums); // unguided (the last PiGDM step): diagnostics only
				} else {
					for (int c = 0; c < chunks; c++) {
						apply(residualOfBlend(c, x0, otfs), sums); // the same, measured on the blended x^0
					}
				}
			} finally {
				if (open != null) {
					open.close();
				}
			}
		}
		float[] next = sampler.step(schedule, k, x, x0, rng); // x_{t-1} ~ p(x_{t-1}|x_t), eq. 14
		if (guided) {
			float[] grad = sums.grad;
			Chunks.forEach(next.length, (from, to) -> {
				for (int i = from; i < to; i++) {
					next[i] += (float) (weight * grad[i]); // x_{t-1} = sample + w_t * grad
				}
			});
		}
		double total = (System.nanoTime() - t0) * 1e-9;
		double change = kernelChange(kernels[0], newKernels[0]);
		StepDiagnostics d = new StepDiagnostics(outer, k, schedule.timestep(k), sums.rms(fft), change,
				sums.networkSeconds, sums.mStepSeconds, total - sums.networkSeconds - sums.mStepSeconds);
		diagnostics.add(d);
		listener.onStep(++done, totalSteps, d);
		if (listener.wantsSnapshot(done, totalSteps)) { // for figures: x^0 (first particle) and the kernel
			listener.onSnapshot(new Snapshot(done, totalSteps, Image.fromBatch(ValueRange.toUnit(x0), shape, 0),
					newKernels[0], config.mStep().kernelSize()));
		}
		return new Outcome(next, newKernels);
	}

	/** What one step accumulates over its network batches. */
	private static final class StepSums {
		/** The blended gradient J^T G (whole image); for a single tile the tile's own array. */
		float[] grad;
		double residual2;
		int residualPlanes;
		double networkSeconds;
		double mStepSeconds;

		StepSums(float[] grad) {
			this.grad = grad;
		}

		/** RMS of the residual over all planes, by Parseval. */
		double rms(Fft2 fft) {
			double n = (double) fft.height() * fft.width();
			return Math.sqrt(residual2 / n / (n * residualPlanes));
		}
	}

	/** One network batch: x&#770;0 of its tiles' particles, their unit-range spectra, and the graph if tracked. */
	private final class Pass implements AutoCloseable {
		final int firstTile;
		final int tiles;
		final BatchShape shape;
		final ScoreModel.TrackedEpsilon tracked;
		final Prediction pred;
		final float[][] spectra;
		final double alphaBar;
		/** Where closing the graph is timed: freeing the network's activations is network time. */
		final StepSums sums;

		Pass(int firstTile, int tiles, BatchShape shape, ScoreModel.TrackedEpsilon tracked, Prediction pred,
				float[][] spectra, double alphaBar, StepSums sums) {
			this.firstTile = firstTile;
			this.tiles = tiles;
			this.shape = shape;
			this.tracked = tracked;
			this.pred = pred;
			this.spectra = spectra;
			this.alphaBar = alphaBar;
			this.sums = sums;
		}

		/** The tile of plane p of this batch. */
		int tileOfPlane(int p) {
			return firstTile + p / (DiffusionRun.this.shape.n() * shape.c());
		}

		@Override
		public void close() {
			if (tracked != null) {
				long c0 = System.nanoTime();
				tracked.close(); // frees the forward's graph (the activations kept for the VJP)
				sums.networkSeconds += (System.nanoTime() - c0) * 1e-9;
			}
		}
	}

	/** The network on batch c of tiles (tracked for one VJP if asked) and the x&#770;0 it gives. */
	private Pass pass(int c, float[] x, int k, boolean track, StepSums sums) {
		int first = c * chunkTiles;
		int tiles = Math.min(chunkTiles, grid.count() - first);
		BatchShape bs = chunkShape(tiles);
		float[] xt = grid.isSingle() ? x : cropBatch(x, first, tiles);
		double alphaBar = schedule.alphaBar(k);
		long n0 = System.nanoTime();
		BatchShape net = EpsilonParameterisation.networkShape(bs, model.spec());
		ScoreModel.TrackedEpsilon tracked = track ? model.epsilonTracked(xt, net, schedule.timestep(k)) : null;
		try {
			float[] eps = tracked != null ? tracked.epsilon() : model.epsilon(xt, net, schedule.timestep(k));
			sums.networkSeconds += (System.nanoTime() - n0) * 1e-9;
			Prediction pred = EpsilonParameterisation.x0(xt, eps, alphaBar); // x^0 = (x_t - sqrt(1-a) eps)/sqrt(a)
			float[][] spectra = spectra(ValueRange.toUnit(pred.x0Clipped()), bs); // F(x^0) on [0, 1]
			return new Pass(first, tiles, bs, tracked, pred, spectra, alphaBar, sums);
		} catch (RuntimeException | Error e) {
			if (tracked != null) {
				tracked.close();
			}
			throw e;
		}
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
	private float[] blend(Pass p, float[] batch, float[] into) {
		if (grid.isSingle()) {
			return batch;
		}
		int n = shape.n();
		for (int j = 0; j < p.tiles; j++) {
			for (int i = 0; i < n; i++) {
				for (int c = 0; c < shape.c(); c++) {
					grid.blend(batch, p.shape.planeOffset(j * n + i, c), p.firstTile + j, into, shape.planeOffset(i,
							c));
				}
			}
		}
		return into;
	}

	/** A plane x&#770;0 (its spectrum) of a tile whose measurement has missing pixels. */
	private record MissingPlane(int tile, int c, float[] x) {
	}

	/**
	 * Adds a batch's planes, each with its tile's measurement, to the M-step's data term; the planes of tiles with
	 * missing pixels go to {@code missing} instead, to be added with their completed measurement.
	 */
	private void addData(Pass p, HqsKernelEstimator.DataTerm data, List<MissingPlane> missing, double edges) {
		for (int q = 0; q < p.spectra.length; q++) {
			int c = q % shape.c();
			int tile = p.tileOfPlane(q);
			if (observed.hasMissing(tile)) {
				missing.add(new MissingPlane(tile, c, p.spectra[q]));
			} else {
				addPair(data, c, ySpectra[tile * shape.c() + c], p.spectra[q], edges);
			}
		}
	}

	/** One plane's data: the pair (y, x&#770;0), or with {@code edges} &gt; 0 its {@link EdgeSelection} pairs. */
	private void addPair(HqsKernelEstimator.DataTerm data, int c, float[] ySpectrum, float[] xSpectrum, double edges) {
		if (edges > 0) {
			EdgeSelection.addPairs(data, c, fft, ySpectrum, xSpectrum, edges);
		} else {
			data.add(c, ySpectrum, xSpectrum);
		}
	}

	/**
	 * The M-step (eq. 24) with the missing pixels of padded measurements completed by the kernel's prediction
	 * (ObservedRegion): {@link EmConfig#completionPasses()} passes, each completing with the previous pass's result
	 * (the first with {@code kernels}) and starting from {@code kernels}; one plain M-step when nothing is missing.
	 * {@code edges} &gt; 0 adds the missing planes as their {@link EdgeSelection} pairs (as {@code data} was built).
	 */
	float[][] completedMStep(HqsKernelEstimator.DataTerm data, List<MissingPlane> missing, float[][] kernels,
			double r2, boolean mayCentre, double edges, int support) {
		if (missing.isEmpty()) {
			return mStep(data, kernels, r2, mayCentre, support);
		}
		float[][] completion = kernels;
		float[][] out = kernels;
		for (int pass = 0; pass < config.completionPasses(); pass++) {
			HqsKernelEstimator.DataTerm d = data.copy();
			float[][] otfs = otfs(completion);
			for (MissingPlane m : missing) {
				addPair(d, m.c(), measurement(m.tile(), m.c(), otfs, m.x()), m.x(), edges);
			}
			out = mStep(d, kernels, r2, mayCentre, support);
			completion = out;
		}
		return out;
	}

	/** F(y_j^c), completed by k &#8859; x&#770;0 on the missing pixels of tile j (ObservedRegion#completed). */
	private float[] measurement(int tile, int c, float[][] otfs, float[] xSpectrum) {
		float[] y = ySpectra[tile * shape.c() + c];
		if (!observed.hasMissing(tile)) {
			return y;
		}
		return observed.completed(fft, tile, y, DpsGuidance.residualSpectrum(kernelOfChannel(otfs, c), y, xSpectrum));
	}

	/** y_j^c &minus; k &#8859; x&#770;0 on the measured pixels of tile j. */
	private Residual residual(int tile, int c, float[][] otfs, float[] xSpectrum) {
		float[] r = DpsGuidance.residualSpectrum(kernelOfChannel(otfs, c), ySpectra[tile * shape.c() + c], xSpectrum);
		return observed.hasMissing(tile) ? new Residual(null, observed.maskedPlane(fft, tile, r))
				: new Residual(r, null);
	}

	/**
	 * One plane's residual on the measured pixels: its spectrum R when the tile is fully measured, else the masked
	 * plane M &middot; F^-1(R) in space (what the masked &Pi;GDM takes; its spectrum is computed only if asked for).
	 */
	private record Residual(float[] spectrum, float[] maskedPlane) {

		/** The spectrum: R, or F(M &middot; F^-1(R)). */
		float[] spectrum(Fft2 fft) {
			return spectrum != null ? spectrum : fft.forward(maskedPlane);
		}

		/** &Sigma;_f |R_m(f)|&sup2; (unnormalised DFT; for the masked plane by Parseval, N &Sigma; r&sup2;). */
		double energy() {
			float[] a = spectrum != null ? spectrum : maskedPlane;
			double sum = Chunks.sum(a.length, (from, to) -> {
				double s = 0;
				for (int i = from; i < to; i++) {
					s += (double) a[i] * a[i];
				}
				return s;
			});
			return spectrum != null ? sum : sum * a.length;
		}
	}

	/** A batch's guidance result: its residuals and (if tracked) its gradient J^T G, not yet applied. */
	private record Guidance(Pass pass, Residual[] residuals, float[] grad) {
	}

	/** Residuals with the given kernels and, for a tracked batch, the guidance's VJP through the network. */
	private Guidance guidance(Pass p, float[][] otfs, int k, StepSums sums) {
		Residual[] residuals = new Residual[p.spectra.length];
		for (int q = 0; q < residuals.length; q++) {
			residuals[q] = residual(p.tileOfPlane(q), q % shape.c(), otfs, p.spectra[q]); // y_j - k * x^0
		}
		if (p.tracked == null) {
			return new Guidance(p, residuals, null);
		}
		float[][] masks = new float[residuals.length][];
		for (int q = 0; q < masks.length; q++) {
			masks[q] = observed.mask(p.tileOfPlane(q));
		}
		float[] dir = guidanceDirection(otfs, residuals, masks, k, p.shape); // Pi-GDM eq. 17 or DPS eq. 16, unit range
		float[] u = ValueRange.pullBackUnitToSigned(dir, p.pred.x0Raw());
		long v0 = System.nanoTime();
		float[] epsVjp = p.tracked.vjp(u); // (d eps/d x_t)^T u through the network
		sums.networkSeconds += (System.nanoTime() - v0) * 1e-9;
		float[] grad = EpsilonParameterisation.vjpX0(u, epsVjp, p.alphaBar); // J^T u for x^0 (chain rule)
		return new Guidance(p, residuals, grad);
	}

	/** Adds a batch's residuals to the RMS and blends its gradient into the step's gradient. */
	private void apply(Guidance g, StepSums sums) {
		for (Residual r : g.residuals) {
			sums.residual2 += r.energy();
		}
		sums.residualPlanes += g.residuals.length;
		if (g.grad == null) {
			return;
		}
		if (grid.isSingle()) {
			sums.grad = g.grad;
		} else {
			blend(g.pass, g.grad, sums.grad);
		}
	}

	/** The residual of batch c's tiles measured on the blended x&#770;0 (no network call, no gradient). */
	private Guidance residualOfBlend(int c, float[] x0, float[][] otfs) {
		int first = c * chunkTiles;
		int tiles = Math.min(chunkTiles, grid.count() - first);
		BatchShape bs = chunkShape(tiles);
		float[][] spectra = spectra(ValueRange.toUnit(cropBatch(x0, first, tiles)), bs);
		Residual[] residuals = new Residual[spectra.length];
		for (int q = 0; q < spectra.length; q++) {
			int ch = q % shape.c();
			int tile = first + q / (shape.n() * shape.c());
			residuals[q] = residual(tile, ch, otfs, spectra[q]);
		}
		return new Guidance(null, residuals, null);
	}

	/**
	 * The M-step (eq. 24) on accumulated data terms, with the kernel held in the centred support&times;support window
	 * ({@link EmConfig#kernelSupport}), then optional centring (&sect;5.3).
	 */
	float[][] mStep(HqsKernelEstimator.DataTerm data, float[][] kernels, double r2, boolean mayCentre, int support) {
		float[][] out = new float[kernels.length][];
		int s = config.mStep().kernelSize();

		for (int j = 0; j < kernels.length; j++) {
			boolean[] mask = null;
			if (kernels.length > 1) {
				mask = new boolean[shape.c()];
				mask[j] = true;
			}
			float[] k = mStep.estimate(data, sigma, shape.n(), kernels[j], r2, mask, support, supportMask);
			out[j] = (mayCentre && config.centreKernel()) ? KernelCentring.centre(k, s) : k;
		}
		return out;
	}

	/**
	 * Diffusion EM's M-step on the final samples of an E-step (whole image, signed range): every tile's planes with
	 * its own measurement, warm-started from {@code kernels}, without centring.
	 */
	float[][] mStepOnSamples(float[] x, float[][] kernels) {
		float[] unit = ValueRange.toUnit(x);
		HqsKernelEstimator.DataTerm data = new HqsKernelEstimator.DataTerm(shape.c(), grid.tileHeight(),
				grid.tileWidth());
		List<MissingPlane> missing = new ArrayList<>();
		for (int c = 0; c < chunks(); c++) {
			int first = c * chunkTiles;
			int tiles = Math.min(chunkTiles, grid.count() - first);
			BatchShape bs = chunkShape(tiles);
			float[][] spectra = spectra(grid.isSingle() ? unit : cropBatch(unit, first, tiles), bs);
			for (int q = 0; q < spectra.length; q++) {
				int ch = q % shape.c();
				int tile = first + q / (shape.n() * shape.c());
				if (observed.hasMissing(tile)) {
					missing.add(new MissingPlane(tile, ch, spectra[q]));
				} else {
					data.add(ch, ySpectra[tile * shape.c() + ch], spectra[q]);
				}
			}
		}
		return completedMStep(data, missing, kernels, 0.0, false, 0, config.mStep().kernelSize());
	}

	/** F of every plane of a unit-range batch of tiles (NCHW). */
	float[][] spectra(float[] batch, BatchShape bs) {
		int planes = bs.n() * bs.c();
		float[][] out = new float[planes][];
		for (int p = 0; p < planes; p++) {
			out[p] = fft.forward(batch, p * bs.planeSize());
		}
		return out;
	}

	float[][] otfs(float[][] kernels) {
		int s = config.mStep().kernelSize();
		float[][] out = new float[kernels.length][];
		for (int j = 0; j < kernels.length; j++) {
			out[j] = fft.otf(kernels[j], s, s);
		}
		return out;
	}

	/**
	 * The guidance direction on the unit range for every plane of a batch (NCHW): &Pi;GDM per plane, DPS per
	 * (tile, particle), i.e. normalised by that tile's residual norm.
	 */
	private float[] guidanceDirection(float[][] otfs, Residual[] residuals, float[][] masks, int k, BatchShape bs) {
		float[] out = new float[bs.size()];
		int planeSize = bs.planeSize();
		if (config.guidance() == GuidanceKind.PIGDM) {
			double r2 = schedule.pigdmR2(k);
			for (int p = 0; p < residuals.length; p++) {
				float[] otf = kernelOfChannel(otfs, p % bs.c());
				float[] g = masks[p] == null || config.maskedGuidanceIterations() == 0
						? PigdmGuidance.vector(fft, otf, residuals[p].spectrum(fft), r2, sigma)
						: MaskedPigdm.vector(fft, otf, residuals[p].maskedPlane(), masks[p], r2, sigma,
								config.maskedGuidanceIterations(), MaskedPigdm.DEFAULT_TOLERANCE).vector();
				System.arraycopy(g, 0, out, p * planeSize, planeSize);
			}
		} else {
			for (int i = 0; i < bs.n(); i++) {
				float[][] o = new float[bs.c()][];
				float[][] r = new float[bs.c()][];
				for (int c = 0; c < bs.c(); c++) {
					o[c] = kernelOfChannel(otfs, c);
					r[c] = residuals[i * bs.c() + c].spectrum(fft);
				}
				float[][] g = DpsGuidance.direction(fft, o, r);
				for (int c = 0; c < bs.c(); c++) {
					System.arraycopy(g[c], 0, out, bs.planeOffset(i, c), planeSize);
				}
			}
		}
		return out;
	}

	static double kernelChange(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			double d = a[i] - b[i];
			s += d * d;
		}
		return Math.sqrt(s);
	}

	/** Packs the final x_0 into a result (unit range): first particle, mean and standard deviation. */
	DeblurResult result(float[] x, float[][] kernels) {
		float[] unit = ValueRange.toUnit(x);
		int c = shape.c();
		int n = shape.n();
		int ps = shape.planeSize();
		Image first = Image.fromBatch(unit, shape, 0);
		Image mean = first;
		Image std = null;
		if (n > 1) {
			float[][] m = new float[c][ps];
			float[][] sd = new float[c][ps];
			for (int ch = 0; ch < c; ch++) {
				for (int q = 0; q < ps; q++) {
					double s1 = 0;
					double s2 = 0;
					for (int i = 0; i < n; i++) {
						double v = unit[shape.planeOffset(i, ch) + q];
						s1 += v;
						s2 += v * v;
					}
					double mu = s1 / n;
					m[ch][q] = (float) mu;
					sd[ch][q] = (float) Math.sqrt(Math.max(0, s2 / n - mu * mu));
				}
			}
			mean = new Image(shape.w(), shape.h(), m);
			std = new Image(shape.w(), shape.h(), sd);
		}
		double elapsed = (System.nanoTime() - start) * 1e-9;
		return new DeblurResult(first, mean, std, kernels, config.mStep().kernelSize(), sigma, List.copyOf(diagnostics),
				elapsed);
	}
}
