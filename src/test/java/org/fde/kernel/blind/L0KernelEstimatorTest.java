package org.fde.kernel.blind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fde.TestImages;
import org.fde.kernel.Kernels;
import org.fde.metrics.KernelError;
import org.fde.operator.CircularConvolution;
import org.junit.jupiter.api.Test;

/** The classical multiscale l0 blind kernel estimator on images the test makes itself. */
class L0KernelEstimatorTest {

	static final int N = 192;

	/** y: the test image blurred by k on its valid region (no wrap-around), with noise of the given level. */
	static float[] blurred(float[] k, int s, long seed, double sigma) {
		int m = N + 2 * s;
		float[] x = TestImages.shapes(m, m, seed);
		float[] full = new CircularConvolution(k, s, s, m, m).apply(x);
		float[] y = new float[N * N];
		for (int r = 0; r < N; r++) {
			System.arraycopy(full, (r + s) * m + s, y, r * N, N);
		}
		return sigma > 0 ? TestImages.addNoise(y, sigma, seed + 77) : y;
	}

	@Test
	void recoversAMotionKernel() {
		int s = 21;
		for (long seed = 1; seed <= 2; seed++) {
			float[] k = TestImages.curvedKernel(s, seed);
			float[] y = blurred(k, s, seed, 1 / 255.0);
			float[] kh = new L0KernelEstimator(BlindConfig.defaults(s)).estimate(y, N, N);
			double corr = alignedCorrelation(kh, k, s);
			// the delta (no estimate) scores about 0.32 on these kernels
			assertTrue(corr >= 0.8, "seed " + seed + ": correlation " + corr);
		}
	}

	/** The best correlation of a with b over integer shifts of a within 3 px (the kernel's position is free). */
	static double alignedCorrelation(float[] a, float[] b, int s) {
		double best = -1;
		for (int dy = -3; dy <= 3; dy++) {
			for (int dx = -3; dx <= 3; dx++) {
				best = Math.max(best, Kernels.correlation(KernelError.shift(a, s, dy, dx), b));
			}
		}
		return best;
	}

	@Test
	void kernelIsNonNegativeSumsToOneAndIsDeterministic() {
		int s = 15;
		float[] k = TestImages.curvedKernel(s, 5);
		float[] y = blurred(k, s, 5, 5 / 255.0);
		L0KernelEstimator e = new L0KernelEstimator(BlindConfig.defaults(s));
		float[] a = e.estimate(y, N, N);
		float[] b = e.estimate(y.clone(), N, N);
		assertEquals(s * s, a.length);
		assertEquals(1.0, Kernels.sum(a), 1e-5);
		for (float v : a) {
			assertTrue(v >= 0);
		}
		assertArrayEquals(a, b, "the same input gives the same kernel");
	}

	@Test
	void pyramidSidesAreOddAndEndAtTheKernelSize() {
		for (int ks : new int[] { 3, 5, 9, 31, 33, 75 }) {
			int[] sides = BlindConfig.defaults(ks).kernelSides();
			assertEquals(ks, sides[sides.length - 1]);
			for (int i = 0; i < sides.length; i++) {
				assertEquals(1, sides[i] % 2, ks + ": " + sides[i]);
				assertTrue(i == 0 || sides[i] >= sides[i - 1]);
			}
			assertTrue(sides[0] < 5 * Math.sqrt(2) + 2, ks + ": coarsest " + sides[0]);
		}
		assertArrayEquals(new int[] { 7, 9, 11, 17, 23, 31 }, BlindConfig.defaults(31).kernelSides());
	}

	@Test
	void removesSmallPiecesAndValues() {
		int s = 9;
		float[] k = new float[s * s];
		k[4 * s + 3] = 0.45f;
		k[4 * s + 4] = 0.45f;
		k[0] = 0.06f; // a far piece of 6 % of the mass
		k[8 * s + 8] = 0.04f;
		float[] c = GradientKernelStep.removeSmallPieces(k, s, 0.1);
		assertEquals(0f, c[0]);
		assertEquals(0f, c[8 * s + 8]);
		assertEquals(0.5f, c[4 * s + 3], 1e-6);
	}

	@Test
	void rejectsBadSettingsNamingTheParameter() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlindConfig.defaults(8));
		assertTrue(e.getMessage().contains("kernelSize"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> BlindConfig.defaults(15).withLambda(-1));
		assertTrue(e.getMessage().contains("lambda"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> new L0KernelEstimator(BlindConfig.defaults(31))
				.estimate(new float[20 * 20], 20, 20));
		assertTrue(e.getMessage().contains("kernelSize"), e.getMessage());
		float[] bad = new float[64 * 64];
		bad[5] = Float.NaN;
		assertThrows(IllegalArgumentException.class, () -> new L0KernelEstimator(BlindConfig.defaults(9)).estimate(bad,
				64, 64));
	}
}
