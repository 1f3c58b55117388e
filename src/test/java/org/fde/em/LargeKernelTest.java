package org.fde.em;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.fde.image.Image;
import org.fde.kernel.Kernels;
import org.fde.kernel.ProjectionPrior;
import org.fde.noise.NoiseSigma;
import org.fde.operator.CircularConvolution;
import org.fde.score.GaussianScoreModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 37 on the analytic Gaussian prior: the same blur is recovered in a large kernel window (65 px) as in a 33 px
 * one, because Fast EM's kernel support follows the blur the measurement shows, not the window. Without that (the
 * whole window from the first step) the window fills with the noise the early M-steps fit and the estimate
 * collapses: a 9 px blur in a 33 px window gave a kernel correlation of &minus;0.02, against 0.94 with the support.
 */
class LargeKernelTest {

	static final int N = 160;
	static final double SIGMA = 0.01;

	/**
	 * One blind run on a prior sample blurred by an anisotropic Gaussian of the given size, in a window of ks, on an
	 * N&times;N image, in one full-size run (no coarse-to-fine start).
	 */
	static double correlation(int blurSize, int ks, int supportStart, long seed) {
		return correlation(blurSize, ks, N, supportStart, 129, seed);
	}

	/** As {@link #correlation(int, int, int, long)} on an n&times;n image, coarse to fine above {@code coarseAbove}. */
	static double correlation(int blurSize, int ks, int n, int supportStart, int coarseAbove, long seed) {
		GaussianScoreModel prior = GaussianScoreModel.powerLaw(n, n, 0, 0.1, 1.0);
		float[] k = Kernels.embed(GaussianPriorTest.gaussianKernel(blurSize, blurSize / 4.5, blurSize / 13.5, 0.6),
				blurSize, ks);
		SplittableRandom r = new SplittableRandom(seed + 3);
		float[] x0 = prior.sample(r);
		float[] x = new float[x0.length];
		for (int i = 0; i < x.length; i++) {
			x[i] = (x0[i] + 1f) / 2f;
		}
		float[] y = new CircularConvolution(k, ks, ks, n, n).apply(x);
		for (int i = 0; i < y.length; i++) {
			y[i] += (float) (SIGMA * r.nextGaussian());
		}
		EmConfig cfg = EmConfig.builder().kernelSize(ks).steps(100).sigma(NoiseSigma.given(SIGMA)).seed(seed)
				.tuning(t -> t.withSupportStart(supportStart).withCoarseAbove(coarseAbove)).restarts(0).build();
		DeblurResult res = new FastEm(prior, new ProjectionPrior(), cfg).run(Image.gray(n, n, y), null, null);
		return Kernels.correlation(res.kernel(), k);
	}

	@Test
	void aLargeWindowRecoversTheBlurAsWellAsA33PxWindow() {
		double small = correlation(17, 33, 9, 1);
		double large = correlation(17, 65, 9, 1);
		System.out.printf("Fast EM, Gaussian prior, 17 px blur: kernel correlation %.3f in a 33 px window, %.3f in a "
				+ "65 px window%n", small, large);
		// measured: 0.810 and 0.819 (the analytic prior's own ceiling on this blur, not the window's)
		assertTrue(small > 0.75, "33 px window: " + small);
		assertTrue(large > 0.75 && large > small - 0.05, "65 px window: " + large + " (33 px: " + small + ")");
	}

	/**
	 * Coarse to fine (issue 37): a blur that fills most of a 65 px window (a 49 px Gaussian, standard deviations 10.9
	 * and 3.6 px) on a 320&sup2; image is recovered as well as the same blur at half the scale (25 px in a 33 px
	 * window, 160&sup2;), and better than by one full-size run. Measured (seed 1): 0.919 coarse to fine (the coarse
	 * kernel held, sharpened; 0.963 held as enlarged), 0.861 at 33 px, 0.645 in one run. The analytic prior's 33 px problem itself fails on some images (seed 2: 0.42 coarse to
	 * fine, and 0.27-0.50 for a plain 33 px run on the same shrunk image, docs/large-kernels.md).
	 */
	@Test
	@Tag("slow") // three runs, two of them on 320x320: about 25 s on a loaded 2-core machine
	void aLargeKernelIsRecoveredCoarseToFineAsWellAsA33PxOne() {
		double small = correlation(25, 33, 160, 9, EmTuning.COARSE_ABOVE_DEFAULT, 1);
		double large = correlation(49, 65, 320, 9, EmTuning.COARSE_ABOVE_DEFAULT, 1);
		double single = correlation(49, 65, 320, 9, 129, 1);
		System.out.printf("Fast EM, Gaussian prior: 25 px blur in a 33 px window %.3f; 49 px blur in a 65 px window "
				+ "%.3f coarse to fine, %.3f in one run%n", small, large, single);
		assertTrue(small > 0.8, "33 px: " + small);
		assertTrue(large > 0.8 && large > small - 0.05, "65 px coarse to fine: " + large + " (33 px: " + small + ")");
		assertTrue(large > single + 0.1, "65 px coarse to fine " + large + " against one run " + single);
	}

	/**
	 * The fine stage's check (issue 37): with the analytic prior the fine M-steps spoil a good coarse kernel (its
	 * x&#770;0 is a smooth Wiener estimate), so the refined kernel no longer agrees with the coarse one at the coarse
	 * scale and the coarse kernel must be held instead. A 25 px blur in a 65 px window on 320&sup2;, where the coarse
	 * kernel's support is small enough for the fine stage to refine; measured (seed 1): 0.398 refined alone, 0.906
	 * with the check (the held kernel sharpened; 0.923 held as enlarged).
	 */
	@Test
	@Tag("slow") // one coarse-to-fine run with two fine passes on 320x320
	void theFineStageHoldsTheCoarseKernelWhenRefiningLosesIt() {
		double c = correlation(25, 65, 320, 9, EmTuning.COARSE_ABOVE_DEFAULT, 1);
		System.out.printf("Fast EM, Gaussian prior: 25 px blur in a 65 px window, coarse to fine: %.3f%n", c);
		assertTrue(c > 0.85, "25 px blur in a 65 px window, coarse to fine: " + c);
	}

	@Test
	void withoutTheFittedSupportTheLargeWindowCollapses() {
		double whole = correlation(17, 65, 0, 1); // one full-size run (no coarse-to-fine start)
		assertTrue(whole < 0.5, "the whole 65 px window from the first step: " + whole);
	}
}
