package org.fde.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fde.image.Synthetic;
import org.fde.operator.CircularConvolution;
import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.junit.jupiter.api.Test;

/** Levin's shift-tolerant SSD, the error ratio and the reblur loss on synthetic data. */
class ShiftAndRatioTest {

	static final int N = 64;

	static float[] translate(float[] x, int dy, int dx) {
		float[] out = new float[x.length];
		for (int y = 0; y < N; y++) {
			for (int c = 0; c < N; c++) {
				out[y * N + c] = x[Math.floorMod(y - dy, N) * N + Math.floorMod(c - dx, N)];
			}
		}
		return out;
	}

	@Test
	void aShiftWithinFivePixelsIsFound() {
		float[] ref = Synthetic.shapes(N, N, 11);
		float[] est = translate(ref, 2, -3); // est(y, x) = ref(y - 2, x + 3)
		ShiftTolerantSsd.Match m = ShiftTolerantSsd.levin(est, ref, N, N);
		assertEquals(2, m.dy());
		assertEquals(-3, m.dx());
		assertEquals(0, m.ssd(), 1e-9);
		assertEquals((N - 30) * (N - 30), m.count());
		double plain = Metrics.mse(est, ref);
		assertTrue(plain > 1e-3, "the unshifted comparison should see the shift, mse " + plain);
	}

	@Test
	void aShiftBeyondTheToleranceIsNotFound() {
		float[] ref = Synthetic.shapes(N, N, 12);
		ShiftTolerantSsd.Match m = ShiftTolerantSsd.levin(translate(ref, 8, 0), ref, N, N);
		assertTrue(m.ssd() > 0.1);
	}

	@Test
	void errorRatioOfABetterKernelIsSmaller() {
		// deconvolve y with the true kernel and with a wrong one; the wrong one gives the larger SSD
		float[] x = Synthetic.shapes(N, N, 13);
		int ks = 15;
		float[] k = KernelGenerator.random(KernelFamily.MOTION, ks, 5);
		float[] y = Synthetic.addNoise(new CircularConvolution(k, ks, ks, N, N).apply(x), 0.01, 1);
		float[] wrong = KernelGenerator.random(KernelFamily.MOTION, ks, 99);
		double ssdTrue = ShiftTolerantSsd.levin(org.fde.baseline.Wiener.deconvolve(y, N, N, k, ks, 0.01), x, N, N)
				.ssd();
		double ssdWrong = ShiftTolerantSsd.levin(org.fde.baseline.Wiener.deconvolve(y, N, N, wrong, ks, 0.01), x, N,
				N).ssd();
		assertTrue(ErrorRatio.ratio(ssdWrong, ssdTrue) > 1.2);
		assertEquals(1.0, ErrorRatio.ratio(ssdTrue, ssdTrue), 0);
	}

	@Test
	void successRatesAreCumulative() {
		double[] r = { 1.0, 1.9, 2.5, 4.0, 10.0, Double.NaN };
		assertEquals(2 / 6.0, ErrorRatio.successRate(r, 2), 1e-12);
		assertEquals(3 / 6.0, ErrorRatio.successRate(r, 3), 1e-12);
		assertEquals(4 / 6.0, ErrorRatio.successRate(r, 5), 1e-12);
		assertTrue(Double.isNaN(ErrorRatio.successRate(new double[0], 2)));
		assertThrows(IllegalArgumentException.class, () -> ErrorRatio.ratio(1, 0));
	}

	@Test
	void reblurLossOfTheTruthIsNearZero() {
		float[] x = Synthetic.shapes(N, N, 14);
		int ks = 9;
		float[] k = KernelGenerator.random(KernelFamily.GAUSSIAN, ks, 2);
		double sigma = 0.05;
		float[] y = Synthetic.addNoise(new CircularConvolution(k, ks, ks, N, N).apply(x), sigma, 3);
		double l = ReblurLoss.perValue(new float[][] { x }, k, ks, new float[][] { y }, N, N, sigma, 0);
		// E = 0, standard deviation sigma^2 sqrt(2/M) = 1.1e-4
		assertEquals(0, l, 5e-4);
		// a flat estimate leaves the image's variance unexplained: the loss is clearly positive
		float[] flat = new float[N * N];
		java.util.Arrays.fill(flat, 0.5f);
		assertTrue(ReblurLoss.perValue(new float[][] { flat }, k, ks, new float[][] { y }, N, N, sigma, 0) > 1e-3);
		// noiseless and exact: -sigma^2 exactly when sigma is declared
		float[] clean = new CircularConvolution(k, ks, ks, N, N).apply(x);
		assertEquals(-0.01, ReblurLoss.perValue(new float[][] { x }, k, ks, new float[][] { clean }, N, N, 0.1, 4),
				1e-9);
	}
}
