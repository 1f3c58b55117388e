package org.fde.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.fde.TestImages;
import org.fde.fft.Fft2;
import org.fde.guidance.GuidanceKind;
import org.fde.image.BatchShape;
import org.fde.image.Image;
import org.fde.image.TileGrid;
import org.fde.kernel.HqsKernelEstimator;
import org.fde.kernel.Kernels;
import org.fde.kernel.MStepConfig;
import org.fde.kernel.ProjectionPrior;
import org.fde.noise.NoiseSigma;
import org.fde.operator.CircularConvolution;
import org.fde.score.GaussianScoreModel;
import org.fde.score.ModelSpec;
import org.fde.score.ScoreModel;
import org.fde.stack.Hyperstack;
import org.fde.stack.StackDeblur;
import org.fde.stack.StackRequest;
import org.fde.stack.StackResult;
import org.junit.jupiter.api.Test;

/**
 * Large images by overlapping tiles with one jointly estimated kernel: a 96&times;80 image, 48&times;48 tiles (3
 * &times; 2 of them), the analytic Gaussian prior.
 */
class TilingTest {

	static final int W = 96;
	static final int H = 80;
	static final int T = 48;
	static final int KS = 5;

	static GaussianScoreModel tilePrior() {
		return GaussianScoreModel.powerLaw(T, T, 0, 0.05, 1.5);
	}

	/** A blurred, noisy two-channel test image on the unit range. */
	static Image blurred(long seed) {
		float[] k = GaussianPriorTest.gaussianKernel(KS, 1.2, 0.7, 0.4);
		float[][] p = new float[2][];
		for (int c = 0; c < 2; c++) {
			float[] x = TestImages.shapes(W, H, seed + c);
			p[c] = TestImages.addNoise(new CircularConvolution(k, KS, KS, H, W).apply(x), 0.01, seed + 10 + c);
		}
		return new Image(W, H, p);
	}

	static EmConfig.Builder config() {
		return EmConfig.builder().steps(10).particles(2).kernelSize(KS).tuning(t -> t.withMStepIterations(3)).outerIterations(2).seed(7);
	}

	static void assertSame(DeblurResult a, DeblurResult b, String what) {
		for (int c = 0; c < a.image().channels(); c++) {
			assertArrayEquals(a.image().plane(c), b.image().plane(c), what + ": image");
			assertArrayEquals(a.mean().plane(c), b.mean().plane(c), what + ": mean");
		}
		for (int j = 0; j < a.kernels().length; j++) {
			assertArrayEquals(a.kernels()[j], b.kernels()[j], what + ": kernel");
		}
		for (int s = 0; s < a.diagnostics().size(); s++) {
			assertEquals(a.diagnostics().get(s).residual(), b.diagnostics().get(s).residual(), what + ": residual");
		}
	}

	/** (i) A tile size at least the image's is one tile: the run is the untiled one, bit for bit. */
	@Test
	void oneTileIsTheUntiledRunBitForBit() {
		Image y = blurred(1);
		GaussianScoreModel m = GaussianScoreModel.powerLaw(H, W, 0, 0.05, 1.5);
		for (GuidanceKind g : GuidanceKind.values()) {
			EmConfig plain = config().guidance(g).build();
			EmConfig oneTile = config().guidance(g).tileSize(W).tilesPerBatch(3).build();
			assertSame(new FastEm(m, new ProjectionPrior(), plain).run(y, null, null),
					new FastEm(m, new ProjectionPrior(), oneTile).run(y, null, null), g + " Fast EM");
			assertSame(new DiffusionEm(m, new ProjectionPrior(), plain).run(y, null, null),
					new DiffusionEm(m, new ProjectionPrior(), oneTile).run(y, null, null), g + " Diffusion EM");
		}
	}

	/**
	 * (i') The network batching does not change the algorithm: one tile per batch (with the extra forward of the
	 * M-step steps) and every tile in one batch give the same bits, for the three solvers and both guidances.
	 */
	@Test
	void batchingDoesNotChangeTheResult() {
		Image y = blurred(2);
		GaussianScoreModel m = tilePrior();
		for (GuidanceKind g : GuidanceKind.values()) {
			for (KernelMode km : KernelMode.values()) {
				EmConfig one = config().guidance(g).kernelMode(km).tileSize(T).tilesPerBatch(1).build();
				EmConfig all = config().guidance(g).kernelMode(km).tileSize(T).tilesPerBatch(6).build();
				EmConfig two = config().guidance(g).kernelMode(km).tileSize(T).tilesPerBatch(4).build();
				String w = g + " " + km;
				DeblurResult ref = new FastEm(m, new ProjectionPrior(), all).run(y, null, null);
				assertSame(ref, new FastEm(m, new ProjectionPrior(), one).run(y, null, null), w + " Fast EM 1");
				assertSame(ref, new FastEm(m, new ProjectionPrior(), two).run(y, null, null), w + " Fast EM 4+2");
				assertSame(new DiffusionEm(m, new ProjectionPrior(), all).run(y, null, null),
						new DiffusionEm(m, new ProjectionPrior(), one).run(y, null, null), w + " Diffusion EM");
				float[][] k = new float[km == KernelMode.SHARED ? 1 : 2][];
				for (int j = 0; j < k.length; j++) {
					k[j] = GaussianPriorTest.gaussianKernel(KS, 1.0, 1.0, 0);
				}
				assertSame(new NonBlind(m, all).run(y, k, null, null), new NonBlind(m, one).run(y, k, null, null),
						w + " non-blind");
			}
		}
	}

	/**
	 * (ii) The joint M-step over tiles: with the known sharp image cut into tiles, the kernel estimated from all
	 * tiles together is at least as good as the one from any single tile; and adding the same measurement twice
	 * equals halving &sigma;&sup2; (&alpha; is not multiplied by the number of measurements).
	 */
	@Test
	void jointMStepOverTilesRecoversTheKernel() {
		int ks = 9;
		int w = 192;
		int h = 160;
		TileGrid grid = TileGrid.of(w, h, 64, 16);
		float[] k = TestImages.curvedKernel(ks, 4);
		double sigma = 0.02;
		float[] x = TestImages.shapes(w, h, 5);
		float[] y = TestImages.addNoise(new CircularConvolution(k, ks, ks, h, w).apply(x), sigma, 6);
		Fft2 f = Fft2.of(grid.tileHeight(), grid.tileWidth());
		HqsKernelEstimator est = new HqsKernelEstimator(MStepConfig.official(ks), new ProjectionPrior());
		HqsKernelEstimator.DataTerm joint = new HqsKernelEstimator.DataTerm(1, grid.tileHeight(), grid.tileWidth());
		double worst = 1;
		double best = -1;
		for (int j = 0; j < grid.count(); j++) {
			float[] ys = f.forward(grid.crop(y, j));
			float[] xs = f.forward(grid.crop(x, j));
			joint.add(0, ys, xs);
			HqsKernelEstimator.DataTerm one = new HqsKernelEstimator.DataTerm(1, grid.tileHeight(), grid.tileWidth());
			one.add(0, ys, xs);
			double corr = Kernels.correlation(est.estimate(one, sigma, 1, Kernels.delta(ks), null), k);
			worst = Math.min(worst, corr);
			best = Math.max(best, corr);
		}
		double jointCorr = Kernels.correlation(est.estimate(joint, sigma, 1, Kernels.delta(ks), null), k);
		Fft2 fw = Fft2.of(h, w);
		double wholeCorr = Kernels.correlation(est.estimate(new float[][] { fw.forward(y) }, new float[][] { fw
				.forward(x) }, new BatchShape(1, 1, h, w), sigma, Kernels.delta(ks), null), k);
		System.out.printf("joint M-step over %d tiles: kernel correlation %.4f (single tiles %.4f to %.4f; the whole "
				+ "periodic image %.4f)%n", grid.count(), jointCorr, worst, best, wholeCorr);
		// the tiles' periodic wrap-around at their inner edges biases every tile alike: the whole (periodic) image
		// does better, but the joint estimate must beat every single tile clearly
		assertTrue(jointCorr >= best + 0.1, "joint " + jointCorr + " vs best single tile " + best);
		assertTrue(jointCorr > 0.8, "joint correlation " + jointCorr);

		// two identical measurements = one with sigma^2 / 2
		float[] ys = f.forward(grid.crop(y, 0));
		float[] xs = f.forward(grid.crop(x, 0));
		HqsKernelEstimator.DataTerm twice = new HqsKernelEstimator.DataTerm(1, grid.tileHeight(), grid.tileWidth());
		twice.add(0, ys, xs);
		twice.add(0, ys, xs);
		HqsKernelEstimator.DataTerm once = new HqsKernelEstimator.DataTerm(1, grid.tileHeight(), grid.tileWidth());
		once.add(0, ys, xs);
		assertArrayEquals(est.estimate(once, sigma / Math.sqrt(2), 1, Kernels.delta(ks), null),
				est.estimate(twice, sigma, 1, Kernels.delta(ks), null), 1e-5f);
	}

	/** Counts network calls, the largest batch and the tracked forwards open at once. */
	static final class CountingModel implements ScoreModel {
		final ScoreModel inner;
		int calls;
		int trackedCalls;
		int maxBatch;
		int open;
		int maxOpen;
		final List<Integer> batches = new ArrayList<>();

		CountingModel(ScoreModel inner) {
			this.inner = inner;
		}

		@Override
		public ModelSpec spec() {
			return inner.spec();
		}

		private void count(BatchShape s) {
			calls++;
			maxBatch = Math.max(maxBatch, s.n() * s.c());
			batches.add(s.n() * s.c());
		}

		@Override
		public float[] epsilon(float[] x, BatchShape shape, double t) {
			count(shape);
			return inner.epsilon(x, shape, t);
		}

		@Override
		public TrackedEpsilon epsilonTracked(float[] x, BatchShape shape, double t) {
			count(shape);
			trackedCalls++;
			TrackedEpsilon te = inner.epsilonTracked(x, shape, t);
			open++;
			maxOpen = Math.max(maxOpen, open);
			return TrackedEpsilon.of(te.epsilon(), te::vjp, () -> {
				open--;
				te.close();
			});
		}
	}

	/** (iv) Network calls and the largest network batch are bounded by tilesPerBatch; one graph open at a time. */
	@Test
	void networkBatchesAreBoundedByTilesPerBatch() {
		Image y = blurred(3);
		int steps = 10;
		int tiles = 6;
		int planes = 2 * 2; // particles x channels per tile
		for (int perBatch : new int[] { 1, 2, 4, 6 }) {
			int m = (tiles + perBatch - 1) / perBatch;
			for (GuidanceKind g : GuidanceKind.values()) {
				EmConfig c = config().steps(steps).guidance(g).tileSize(T).tilesPerBatch(perBatch).build();
				CountingModel fast = new CountingModel(tilePrior());
				new FastEm(fast, new ProjectionPrior(), c).run(y, null, null);
				// guided steps: m forwards for x^0 and the M-step + (m - 1) repeated tracked forwards for the VJPs;
				// the last PiGDM step has weight 0: m forwards only
				int guided = g == GuidanceKind.PIGDM ? steps - 1 : steps;
				assertEquals(guided * (2 * m - 1) + (steps - guided) * m, fast.calls, g + " Fast EM, " + perBatch);
				assertEquals(guided * m, fast.trackedCalls, g + " Fast EM tracked, " + perBatch);
				assertEquals(perBatch * planes, fast.maxBatch, "largest batch, " + perBatch);
				assertEquals(1, fast.maxOpen, "tracked forwards open at once");
				assertEquals(0, fast.open, "all tracked forwards closed");

				CountingModel nb = new CountingModel(tilePrior());
				new NonBlind(nb, c).run(y, new float[][] { Kernels.delta(KS) }, null, null);
				assertEquals(steps * m, nb.calls, g + " non-blind: one forward per batch and step");
				assertEquals(perBatch * planes, nb.maxBatch);
				assertEquals(1, nb.maxOpen);
			}
		}
	}

	/** Horizontal difference of a plane, per column, averaged over rows. */
	static double[] columnJumps(float[] a, float[] ref, int w, int h) {
		double[] out = new double[w - 1];
		for (int x = 0; x < w - 1; x++) {
			double s = 0;
			for (int y = 0; y < h; y++) {
				double da = a[y * w + x + 1] - a[y * w + x];
				double dr = ref[y * w + x + 1] - ref[y * w + x];
				s += Math.abs(da - dr);
			}
			out[x] = s / h;
		}
		return out;
	}

	/**
	 * (v) No seams: deblurring a smooth image in tiles, the jump across the tiles' edges and overlaps (relative to the
	 * sharp image) is no larger than elsewhere, nor than the largest jump of the untiled run (the analytic prior's
 * texture). The PSNRs are printed for information only: this prior adds texture to a smooth image.
	 */
	@Test
	void tiledResultHasNoSeams() {
		int w = 144;
		int h = 48;
		float[] x = new float[w * h];
		for (int yy = 0; yy < h; yy++) {
			for (int xx = 0; xx < w; xx++) {
				x[yy * w + xx] = (float) (0.5 + 0.2 * Math.sin(2 * Math.PI * xx / 72.0) * Math.cos(2 * Math.PI * yy
						/ 48.0) + 0.15 * Math.cos(2 * Math.PI * (xx + 2 * yy) / 144.0));
			}
		}
		float[] k = GaussianPriorTest.gaussianKernel(KS, 1.5, 1.0, 0.3);
		float[] y = TestImages.addNoise(new CircularConvolution(k, KS, KS, h, w).apply(x), 0.005, 3);
		Image img = Image.gray(w, h, y);
		EmConfig base = config().steps(20).particles(4).sigma(NoiseSigma.given(0.005)).build();
		EmConfig tiled = base.toBuilder().tileSize(T).build();
		TileGrid grid = TileGrid.of(w, h, T, tiled.tileOverlap());
		DeblurResult r = new FastEm(tilePrior(), new ProjectionPrior(), tiled).run(img, null, null);
		DeblurResult whole = new FastEm(GaussianScoreModel.powerLaw(h, w, 0, 0.05, 1.5), new ProjectionPrior(), base)
				.run(img, null, null);
		double[] jumps = columnJumps(r.mean().plane(0), x, w, h);
		boolean[] seam = new boolean[w - 1];
		for (int j = 0; j < grid.columns(); j++) {
			int left = grid.x(j);
			int right = left + grid.tileWidth() - 1;
			for (int d = -1; d <= 1; d++) {
				if (left > 0 && left + d >= 0 && left + d < w - 1) {
					seam[left + d] = true;
				}
				if (right < w - 1 && right + d >= 0 && right + d < w - 1) {
					seam[right + d] = true;
				}
			}
		}
		double seamMax = 0;
		double restMax = 0;
		double restMean = 0;
		int rest = 0;
		for (int c = 0; c < w - 1; c++) {
			if (seam[c]) {
				seamMax = Math.max(seamMax, jumps[c]);
			} else {
				restMax = Math.max(restMax, jumps[c]);
				restMean += jumps[c];
				rest++;
			}
		}
		restMean /= rest;
		double errTiled = TestImages.psnr(r.mean().plane(0), x);
		double errWhole = TestImages.psnr(whole.mean().plane(0), x);
		double errBlurred = TestImages.psnr(y, x);
		System.out.printf("seams: column jump at tile edges max %.4f, elsewhere max %.4f mean %.4f; PSNR tiled %.2f dB,"
				+ " whole %.2f dB, blurred %.2f dB (%s)%n", seamMax, restMax, restMean, errTiled, errWhole, errBlurred,
				grid);
		assertTrue(grid.columns() >= 3 && grid.rows() == 1, grid.toString());
		assertTrue(seamMax <= restMax, "jump at the tiles' edges " + seamMax + " > elsewhere " + restMax);
		double wholeMax = 0;
		for (double v : columnJumps(whole.mean().plane(0), x, w, h)) {
			wholeMax = Math.max(wholeMax, v);
		}
		assertTrue(seamMax <= 1.2 * wholeMax, "jump at the tiles' edges " + seamMax + " vs the untiled run's largest "
				+ wholeMax);
	}

	/** StackDeblur's tile size: explicit, automatic (only above 512 pixels) and a tiled run through the stack API. */
	@Test
	void stackDeblurTiles() {
		assertEquals(0, org.fde.image.TileSize.of(0).forPlane(288, 288, 33, 8), "small planes are not tiled");
		assertEquals(384, org.fde.image.TileSize.of(0).forPlane(1056, 1056, 33, 8));
		assertEquals(0, org.fde.image.TileSize.of(0).forPlane(512, 512, 33, 8));
		assertTrue(org.fde.image.TileSize.of(0).forPlane(513, 200, 33, 8) > 0);
		assertEquals(264, org.fde.image.TileSize.of(260).forPlane(1056, 1056, 33, 8), "rounded up to the size multiple");
		assertEquals(0, org.fde.image.TileSize.of(2000).forPlane(1056, 1056, 33, 8), "a tile larger than the plane");
		float[] p = blurred(4).plane(0);
		float[] scaled = new float[p.length];
		for (int i = 0; i < p.length; i++) {
			scaled[i] = 1000 * p[i];
		}
		Hyperstack hs = new Hyperstack(W, H, 1, 1, 1, new float[][] { scaled });
		// padded by KS/2 = 2 on each side: 100 x 84, tiled by 48 x 48
		StackRequest req = StackRequest.blind(StackRequest.Method.FAST_EM, config().particles(1).build(), 0, false,
				false, 0, 0, false).withTileSize(T);
		StackResult r = StackDeblur.run(hs, req, tilePrior(), new ProjectionPrior(), null, null);
		assertEquals(W, r.deblurred().width());
		float[] out = r.deblurred().plane(0, 0, 0);
		for (float v : out) {
			assertTrue(Float.isFinite(v));
		}
		assertEquals(1.0, Kernels.sum(r.kernels().plane(0, 0, 0)), 1e-4);
	}
}
