package org.fde.guidance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.fde.fft.Fft2;
import org.fde.operator.CircularConvolution;
import org.junit.jupiter.api.Test;

/**
 * The masked &Pi;GDM vector against a dense direct solve of K<sup>T</sup>M(r&sup2;MKK<sup>T</sup>M + &sigma;&sup2;I)&#8315;&sup1;M R
 * on the measured pixels of an odd-sized plane, and its reduction to the periodic &Pi;GDM without missing pixels.
 */
class MaskedPigdmTest {

	private static final int H = 37;
	private static final int W = 31;
	private static final int KS = 5;

	/** A window of measured pixels inside a margin of missing ones. */
	private static float[] windowMask(int margin) {
		float[] m = new float[H * W];
		for (int y = margin; y < H - margin; y++) {
			for (int x = margin; x < W - margin; x++) {
				m[y * W + x] = 1f;
			}
		}
		return m;
	}

	private static float[] masked(float[] a, float[] m) {
		float[] out = a.clone();
		for (int i = 0; i < out.length; i++) {
			out[i] *= m[i];
		}
		return out;
	}

	/** G by Gaussian elimination (double) on the measured pixels, with the naive spatial convolution. */
	private static float[] direct(float[] kernel, float[] maskedResidual, float[] mask, double r2, double sigma) {
		CircularConvolution conv = new CircularConvolution(kernel, KS, KS, H, W);
		int n = H * W;
		int[] idx = new int[n];
		int m = 0;
		for (int i = 0; i < n; i++) {
			if (mask[i] == 1f) {
				idx[m++] = i;
			}
		}
		double[][] a = new double[m][m + 1];
		for (int j = 0; j < m; j++) {
			float[] e = new float[n];
			e[idx[j]] = 1f;
			float[] col = conv.apply(conv.adjoint(e)); // K K^T e_j
			for (int i = 0; i < m; i++) {
				a[i][j] = r2 * col[idx[i]] + (i == j ? sigma * sigma : 0);
			}
		}
		for (int i = 0; i < m; i++) {
			a[i][m] = maskedResidual[idx[i]];
		}
		for (int c = 0; c < m; c++) { // SPD: no pivoting needed
			for (int r = c + 1; r < m; r++) {
				double f = a[r][c] / a[c][c];
				if (f != 0) {
					for (int q = c; q <= m; q++) {
						a[r][q] -= f * a[c][q];
					}
				}
			}
		}
		double[] z = new double[m];
		for (int r = m - 1; r >= 0; r--) {
			double s = a[r][m];
			for (int q = r + 1; q < m; q++) {
				s -= a[r][q] * z[q];
			}
			z[r] = s / a[r][r];
		}
		float[] full = new float[n];
		for (int i = 0; i < m; i++) {
			full[idx[i]] = (float) z[i];
		}
		return conv.adjoint(full);
	}

	private static double relativeError(float[] ref, float[] got) {
		double e = 0;
		double s = 0;
		for (int i = 0; i < ref.length; i++) {
			e += (ref[i] - got[i]) * (double) (ref[i] - got[i]);
			s += (double) ref[i] * ref[i];
		}
		return Math.sqrt(e / s);
	}

	@Test
	void matchesTheDirectSolveOnTheMeasuredPixels() {
		SplittableRandom rnd = new SplittableRandom(5);
		float[] kernel = HalfSpectrumGuidanceTest.kernel(KS, rnd);
		float[] mask = windowMask(4);
		float[] res = masked(HalfSpectrumGuidanceTest.random(H * W, rnd), mask);
		Fft2 fft = Fft2.of(H, W);
		float[] otf = fft.otf(kernel, KS, KS);
		double r2 = 0.6;
		double sigma = 0.05;
		float[] ref = direct(kernel, res, mask, r2, sigma);
		MaskedPigdm.Solution cg = MaskedPigdm.vector(fft, otf, res, mask, r2, sigma, 100, 1e-7);
		assertTrue(relativeError(ref, cg.vector()) < 1e-4, "CG vs direct: " + relativeError(ref, cg.vector()));
		// the capped default converges well enough, and better than the periodic inverse on the masked residual
		MaskedPigdm.Solution capped = MaskedPigdm.vector(fft, otf, res, mask, r2, sigma,
				MaskedPigdm.DEFAULT_ITERATIONS, MaskedPigdm.DEFAULT_TOLERANCE);
		float[] periodic = PigdmGuidance.vector(fft, otf, fft.forward(res), r2, sigma);
		double capErr = relativeError(ref, capped.vector());
		double perErr = relativeError(ref, periodic);
		assertTrue(capErr < 0.01, "capped CG error " + capErr);
		assertTrue(perErr > 10 * capErr, "periodic approximation error " + perErr + " vs CG " + capErr);
		assertTrue(capped.iterations() > 0 && capped.iterations() <= MaskedPigdm.DEFAULT_ITERATIONS);
	}

	@Test
	void withoutMissingPixelsItIsThePeriodicPigdm() {
		SplittableRandom rnd = new SplittableRandom(8);
		float[] kernel = HalfSpectrumGuidanceTest.kernel(KS, rnd);
		float[] mask = windowMask(0);
		float[] res = HalfSpectrumGuidanceTest.random(H * W, rnd);
		Fft2 fft = Fft2.of(H, W);
		float[] otf = fft.otf(kernel, KS, KS);
		MaskedPigdm.Solution s = MaskedPigdm.vector(fft, otf, res, mask, 0.3, 0.02, 12, 1e-3);
		float[] periodic = PigdmGuidance.vector(fft, otf, fft.forward(res), 0.3, 0.02);
		assertEquals(0, s.iterations(), "the preconditioner is exact without missing pixels");
		assertTrue(relativeError(periodic, s.vector()) < 1e-4, "error " + relativeError(periodic, s.vector()));
	}

	@Test
	void rejectsMismatchedSizes() {
		Fft2 fft = Fft2.of(H, W);
		float[] otf = fft.otf(new float[] { 1 }, 1, 1);
		org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
				() -> MaskedPigdm.vector(fft, otf, new float[5], windowMask(2), 0.5, 0.1, 5, 1e-3));
	}
}
