package org.fde.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.fde.TestImages;
import org.fde.fft.Fft2;
import org.fde.guidance.DpsGuidance;
import org.fde.guidance.GuidanceKind;
import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.image.TileGrid;
import org.fde.kernel.ProjectionPrior;
import org.fde.noise.NoiseSigma;
import org.fde.operator.CircularConvolution;
import org.fde.score.GaussianScoreModel;
import org.junit.jupiter.api.Test;

/**
 * A padded measurement's padding is missing data: the masked residual and the completed measurement against their
 * spatial definitions on odd sizes, and whole solver runs that never read the padding's values.
 */
class ObservedRegionTest {

	static float[] random(int n, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		float[] a = new float[n];
		for (int i = 0; i < n; i++) {
			a[i] = (float) r.nextDouble();
		}
		return a;
	}

	static double maxDiff(float[] a, float[] b) {
		double m = 0;
		for (int i = 0; i < a.length; i++) {
			m = Math.max(m, Math.abs(a[i] - b[i]));
		}
		return m;
	}

	@Test
	void maskedResidualAndCompletedMeasurementMatchTheirSpatialDefinitions() {
		int w = 37;
		int h = 31;
		int ks = 5;
		PadFrame frame = new PadFrame(25, 20, 6, 4, w, h); // measured: x in [6, 31), y in [4, 24)
		ObservedRegion region = ObservedRegion.of(frame, TileGrid.single(w, h), w, h);
		assertTrue(region.anyMissing());
		Fft2 fft = Fft2.of(h, w);
		float[] y = random(w * h, 1);
		float[] x = random(w * h, 2);
		float[] k = random(ks * ks, 3);
		float[] kx = new CircularConvolution(k, ks, ks, h, w).apply(x);
		float[] rSpec = DpsGuidance.residualSpectrum(fft.otf(k, ks, ks), fft.forward(y), fft.forward(x));
		float[] masked = fft.inverseReal(region.maskResidual(fft, 0, rSpec));
		float[] completed = fft.inverseReal(region.completed(fft, 0, fft.forward(y), rSpec));
		for (int r = 0; r < h; r++) {
			for (int c = 0; c < w; c++) {
				int i = r * w + c;
				boolean in = r >= 4 && r < 24 && c >= 6 && c < 31;
				assertEquals(in ? y[i] - kx[i] : 0, masked[i], 1e-4, "masked residual at " + c + "," + r);
				assertEquals(in ? y[i] : kx[i], completed[i], 1e-4, "completed y at " + c + "," + r);
			}
		}
	}

	@Test
	void aFrameThatFillsTheImageMissesNothing() {
		PadFrame frame = new PadFrame(40, 30, 0, 0, 40, 30);
		assertTrue(!ObservedRegion.of(frame, TileGrid.single(40, 30), 40, 30).anyMissing());
		assertTrue(!ObservedRegion.of(null, TileGrid.single(40, 30), 40, 30).anyMissing());
	}

	/** The measured 48x36 window of a 64x48 frame, its padding filled by {@code fill} (0: mirror, else noise). */
	static Image padded(PadFrame frame, long fill) {
		int ks = 5;
		float[] k = GaussianPriorTest.gaussianKernel(ks, 1.5, 0.6, 0.3);
		float[] big = TestImages.shapes(frame.paddedWidth(), frame.paddedHeight(), 4);
		float[] blurred = TestImages.addNoise(new CircularConvolution(k, ks, ks, frame.paddedHeight(),
				frame.paddedWidth()).apply(big), 0.01, 5);
		Image inner = frame.crop(Image.gray(frame.paddedWidth(), frame.paddedHeight(), blurred));
		Image y = frame.pad(inner);
		if (fill != 0) {
			float[] p = y.plane(0);
			float[] noise = random(p.length, fill);
			for (int r = 0; r < frame.paddedHeight(); r++) {
				for (int c = 0; c < frame.paddedWidth(); c++) {
					boolean in = r >= frame.top() && r < frame.top() + frame.height() && c >= frame.left()
							&& c < frame.left() + frame.width();
					if (!in) {
						p[r * frame.paddedWidth() + c] = 3 * noise[r * frame.paddedWidth() + c];
					}
				}
			}
			y = Image.gray(frame.paddedWidth(), frame.paddedHeight(), p);
		}
		return y;
	}

	interface Solver {
		DeblurResult run(Image y, PadFrame frame);
	}

	static void assertPaddingIgnored(Solver s, PadFrame frame, String what) {
		DeblurResult mirror = s.run(padded(frame, 0), frame);
		DeblurResult noise = s.run(padded(frame, 9), frame);
		double dImage = maxDiff(frame.crop(mirror.image()).plane(0), frame.crop(noise.image()).plane(0));
		double dKernel = maxDiff(mirror.kernels()[0], noise.kernels()[0]);
		assertTrue(dImage < 1e-3 && dKernel < 1e-4, what + ": the padding changed the result (image "
				+ dImage + ", kernel " + dKernel + ")");
		// without the frame the padding is data, and the same two measurements give different results
		DeblurResult mirrorAsData = s.run(padded(frame, 0), null);
		DeblurResult noiseAsData = s.run(padded(frame, 9), null);
		double dData = maxDiff(frame.crop(mirrorAsData.image()).plane(0), frame.crop(noiseAsData.image()).plane(0));
		assertTrue(dData > 0.05, what + ": without the frame the padding should matter, max difference " + dData);
	}

	@Test
	void solversNeverReadThePaddingOfAPaddedMeasurement() {
		PadFrame frame = new PadFrame(48, 36, 8, 6, 64, 48);
		GaussianScoreModel prior = GaussianScoreModel.powerLaw(48, 64, 0, 0.05, 1.5);
		for (GuidanceKind g : GuidanceKind.values()) {
			EmConfig cfg = EmConfig.builder().steps(12).kernelSize(5).tuning(t -> t.withMStepIterations(3)).outerIterations(2)
					.guidance(g).sigma(NoiseSigma.given(0.01)).seed(3).build();
			assertPaddingIgnored((y, f) -> new FastEm(prior, new ProjectionPrior(), cfg).run(y, f, null, null), frame,
					"Fast EM " + g);
			float[] k = GaussianPriorTest.gaussianKernel(5, 1.5, 0.6, 0.3);
			assertPaddingIgnored((y, f) -> new NonBlind(prior, cfg).run(y, f, new float[][] { k }, null, null), frame,
					"non-blind " + g);
		}
		EmConfig periodicInverse = EmConfig.builder().steps(12).kernelSize(5).tuning(t -> t.withMStepIterations(3))
				.tuning(t -> t.withMaskedGuidanceIterations(0)).sigma(NoiseSigma.given(0.01)).seed(3).build();
		assertPaddingIgnored((y, f) -> new FastEm(prior, new ProjectionPrior(), periodicInverse).run(y, f, null, null),
				frame, "Fast EM, periodic Pi-GDM inverse on the masked residual");
		EmConfig dem = EmConfig.builder().steps(8).kernelSize(5).tuning(t -> t.withMStepIterations(3)).outerIterations(2).sigma(NoiseSigma.given(0.01))
				.seed(3).build();
		assertPaddingIgnored((y, f) -> new DiffusionEm(prior, new ProjectionPrior(), dem).run(y, f, null, null), frame,
				"Diffusion EM");
	}

	@Test
	void tilesNeverReadThePaddingEither() {
		PadFrame frame = new PadFrame(48, 36, 8, 6, 64, 48);
		GaussianScoreModel tilePrior = GaussianScoreModel.powerLaw(32, 32, 0, 0.05, 1.5);
		EmConfig cfg = EmConfig.builder().steps(10).kernelSize(5).tuning(t -> t.withMStepIterations(3)).sigma(NoiseSigma.given(0.01)).seed(3).tileSize(32)
				.tilesPerBatch(2).build();
		assertPaddingIgnored((y, f) -> new FastEm(tilePrior, new ProjectionPrior(), cfg).run(y, f, null, null), frame,
				"tiled Fast EM");
	}

	@Test
	void theMaskedPigdmChangesPaddedRunsOnly() {
		PadFrame frame = new PadFrame(48, 36, 8, 6, 64, 48);
		GaussianScoreModel prior = GaussianScoreModel.powerLaw(48, 64, 0, 0.05, 1.5);
		float[] k = GaussianPriorTest.gaussianKernel(5, 1.5, 0.6, 0.3);
		Image y = padded(frame, 0);
		EmConfig.Builder b = EmConfig.builder().steps(12).kernelSize(5).sigma(NoiseSigma.given(0.01)).seed(3);
		EmConfig cg = b.build();
		EmConfig approx = b.tuning(t -> t.withMaskedGuidanceIterations(0)).build();
		float[] withCg = new NonBlind(prior, cg).run(y, frame, new float[][] { k }, null, null).image().plane(0);
		float[] withApprox = new NonBlind(prior, approx).run(y, frame, new float[][] { k }, null, null).image()
				.plane(0);
		assertTrue(maxDiff(withCg, withApprox) > 1e-3, "the conjugate gradients should change a padded run, max "
				+ "difference " + maxDiff(withCg, withApprox));
		float[] periodicCg = new NonBlind(prior, cg).run(y, null, new float[][] { k }, null, null).image().plane(0);
		float[] periodicApprox = new NonBlind(prior, approx).run(y, null, new float[][] { k }, null, null).image()
				.plane(0);
		assertEquals(0.0, maxDiff(periodicCg, periodicApprox), "nothing is missing: the same run");
	}
}
