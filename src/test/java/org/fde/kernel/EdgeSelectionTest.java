package org.fde.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.fde.TestImages;
import org.fde.fft.Fft2;
import org.fde.operator.CircularConvolution;
import org.junit.jupiter.api.Test;

/** {@link EdgeSelection}: the derivative pairs on an odd size, the mask, the energy factor, and kernel recovery. */
class EdgeSelectionTest {

	static final int H = 37;
	static final int W = 31;

	private static float[] random(long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		float[] a = new float[H * W];
		for (int i = 0; i < a.length; i++) {
			a[i] = (float) r.nextDouble();
		}
		return a;
	}

	/** With every pixel kept: g D_d Y and g D_d X, D_1 = e^{2 pi i v/W} - 1, D_2 = e^{2 pi i u/H} - 1. */
	@Test
	void allKeptIsTheDerivativeFiltersTimesTheEnergyFactor() {
		Fft2 fft = Fft2.of(H, W);
		float[] ys = fft.forward(random(1));
		float[] xs = fft.forward(random(2));
		float[][] p = EdgeSelection.derivativePairs(fft, ys, xs, 1);
		double xEnergy = 0;
		double dxEnergy = 0;
		for (int u = 0; u < H; u++) {
			for (int v = 0; v < W; v++) {
				int f = u * W + v;
				if (f > 0) {
					xEnergy += xs[2 * f] * (double) xs[2 * f] + xs[2 * f + 1] * (double) xs[2 * f + 1];
				}
				for (int d = 0; d < 2; d++) {
					double a = 2 * Math.PI * (d == 0 ? (double) v / W : (double) u / H);
					double dr = Math.cos(a) - 1;
					double di = Math.sin(a);
					double xr = dr * xs[2 * f] - di * xs[2 * f + 1];
					double xi = dr * xs[2 * f + 1] + di * xs[2 * f];
					dxEnergy += xr * xr + xi * xi;
				}
			}
		}
		double g = Math.sqrt(xEnergy / dxEnergy);
		for (int u = 0; u < H; u++) {
			for (int v = 0; v < W; v++) {
				int f = u * W + v;
				for (int d = 0; d < 2; d++) {
					double a = 2 * Math.PI * (d == 0 ? (double) v / W : (double) u / H);
					double dr = Math.cos(a) - 1;
					double di = Math.sin(a);
					float[][] in = { ys, xs };
					for (int s = 0; s < 2; s++) {
						float[] z = in[s];
						double re = g * (dr * z[2 * f] - di * z[2 * f + 1]);
						double im = g * (dr * z[2 * f + 1] + di * z[2 * f]);
						float[] out = p[2 * d + s];
						assertEquals(re, out[2 * f], 1e-3 * (1 + Math.abs(re)), "d " + d + " s " + s + " f " + f);
						assertEquals(im, out[2 * f + 1], 1e-3 * (1 + Math.abs(im)), "d " + d + " s " + s + " f " + f);
					}
				}
			}
		}
	}

	/** A fraction keeps the strongest gradients of x only, as they are, and nothing of the others; y is not masked. */
	@Test
	void aFractionKeepsTheStrongestGradientsOfX() {
		Fft2 fft = Fft2.of(H, W);
		float[] x = random(3);
		float[] y = random(4);
		float[][] all = EdgeSelection.derivativePairs(fft, fft.forward(y), fft.forward(x), 1);
		float[][] p = EdgeSelection.derivativePairs(fft, fft.forward(y), fft.forward(x), 0.1);
		int n = H * W;
		float[] x1 = fft.inverseReal(p[1]);
		float[] x2 = fft.inverseReal(p[3]);
		float[] y1 = fft.inverseReal(p[0]);
		float[] y1all = fft.inverseReal(all[0]);
		// the factor g: recovered from y's derivative, which is never masked
		int probe = 0;
		while (Math.abs(y1all[probe]) < 0.1) {
			probe++;
		}
		double gAll = y1all[probe] / (y[probe + 1] - y[probe]);
		double g = y1[probe] / (y[probe + 1] - y[probe]);
		assertTrue(g > gAll, "fewer gradients kept, a larger factor: " + g + " against " + gAll);
		double[] magnitudes = new double[n];
		int kept = 0;
		for (int i = 0; i < H; i++) {
			for (int j = 0; j < W; j++) {
				int o = i * W + j;
				double d1 = x[i * W + (j + 1) % W] - x[o];
				double d2 = x[((i + 1) % H) * W + j] - x[o];
				magnitudes[o] = d1 * d1 + d2 * d2;
				if (Math.abs(x1[o]) > 1e-4 || Math.abs(x2[o]) > 1e-4) {
					kept++;
					assertEquals(g * d1, x1[o], 1e-3);
					assertEquals(g * d2, x2[o], 1e-3);
				}
				assertEquals(g * (y[i * W + (j + 1) % W] - y[o]), y1[o], 1e-3);
			}
		}
		assertEquals(n - (int) Math.floor(0.9 * n), kept);
		double[] sorted = magnitudes.clone();
		java.util.Arrays.sort(sorted);
		double floor = sorted[(int) Math.floor(0.9 * n)];
		for (int o = 0; o < n; o++) {
			boolean isKept = Math.abs(x1[o]) > 1e-4 || Math.abs(x2[o]) > 1e-4;
			assertEquals(magnitudes[o] >= floor, isKept, "pixel " + o);
		}
	}

	@Test
	void theFractionIsChecked() {
		Fft2 fft = Fft2.of(H, W);
		float[] s = fft.forward(random(5));
		for (double f : new double[] { 0, -0.1, 1.5, Double.NaN }) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
					() -> EdgeSelection.derivativePairs(fft, s, s, f));
			assertEquals("edge fraction must be in (0, 1], got " + f, e.getMessage());
		}
		assertThrows(IllegalArgumentException.class,
				() -> EdgeSelection.derivativePairs(fft, s, new float[8], 0.5));
	}

	/**
	 * With the known sharp image, the M-step on its 10 % strongest gradients recovers the kernel (projection-only
	 * prior), less closely than on the whole image: the edges of a piecewise-constant image carry less of it.
	 */
	@Test
	void recoversKnownKernelFromTheEdgesOfAKnownSharpImage() {
		int n = MStepRecoveryTest.N;
		int s = 33;
		Fft2 fft = Fft2.of(n, n);
		for (long seed = 1; seed <= 3; seed++) {
			float[] k = TestImages.curvedKernel(s, seed);
			float[] x = TestImages.shapes(n, n, seed);
			float[] y = TestImages.addNoise(new CircularConvolution(k, s, s, n, n).apply(x), 5 / 255.0, seed + 100);
			HqsKernelEstimator.DataTerm data = new HqsKernelEstimator.DataTerm(1, n, n);
			EdgeSelection.addPairs(data, 0, fft, fft.forward(y), fft.forward(x), 0.1);
			float[] kh = new HqsKernelEstimator(MStepConfig.official(s), new ProjectionPrior()).estimate(data,
					5 / 255.0, 1, Kernels.delta(s), 0, null);
			double corr = Kernels.correlation(kh, k);
			// 0.86-0.88 (the plain data term: >= 0.95, MStepRecoveryTest); a delta: far below
			assertTrue(corr >= 0.83, "seed " + seed + ": correlation " + corr);
			assertTrue(Kernels.correlation(Kernels.delta(s), k) < 0.5);
			assertEquals(1.0, Kernels.sum(kh), 1e-5);
		}
	}
}
