package org.fde.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.fde.image.Synthetic;
import org.junit.jupiter.api.Test;

class SsimTest {

	static final int N = 48;

	@Test
	void identicalImagesGiveOne() {
		float[] x = Synthetic.shapes(N, N, 3);
		assertEquals(1.0, Ssim.ssim(x, x, N, N), 1e-9);
	}

	/**
	 * Two constant images a and b: every window has zero variance and covariance, so the structure term is C2/C2 = 1
	 * and SSIM = (2ab + C1)/(a&sup2; + b&sup2; + C1) with C1 = (0.01)&sup2;. For a = 0.5, b = 0.6: 0.6001/0.6101.
	 */
	@Test
	void constantImagesMatchTheClosedForm() {
		float[] a = new float[N * N];
		float[] b = new float[N * N];
		Arrays.fill(a, 0.5f);
		Arrays.fill(b, 0.6f);
		double c1 = 1e-4;
		double expected = (2 * 0.5 * 0.6 + c1) / (0.25 + 0.36 + c1);
		assertEquals(0.6001 / 0.6101, expected, 1e-12);
		assertEquals(expected, Ssim.ssim(a, b, N, N), 1e-6);
	}

	/**
	 * The contrast-structure term: a is a 0.3/0.7 checkerboard, whose Gaussian-weighted window mean is 0.5 and variance
	 * v = 0.04 (to 1e-5: the window's response at the Nyquist frequency is exp(&minus;&pi;&sup2;&sigma;&sup2;/2)), and
	 * b = 2a &minus; 0.5 has the same means, &sigma;_b&sup2; = 4v and &sigma;_ab = 2v. So the luminance term is 1 and
	 * SSIM = (4v + C2)/(5v + C2) = 0.8009.
	 */
	@Test
	void contrastChangeApproachesTheClosedForm() {
		float[] a = new float[N * N];
		float[] b = new float[N * N];
		for (int y = 0; y < N; y++) {
			for (int x = 0; x < N; x++) {
				a[y * N + x] = ((x + y) % 2 == 0) ? 0.3f : 0.7f; // checkerboard: local mean ~0.5, variance 0.04
				b[y * N + x] = 2 * a[y * N + x] - 0.5f;
			}
		}
		double s = Ssim.ssim(a, b, N, N);
		double v = 0.04;
		double c2 = 9e-4;
		assertEquals((4 * v + c2) / (5 * v + c2), s, 1e-4);
	}

	@Test
	void symmetric() {
		float[] a = Synthetic.shapes(N, N, 1);
		float[] b = Synthetic.addNoise(Synthetic.shapes(N, N, 2), 0.05, 4);
		assertEquals(Ssim.ssim(a, b, N, N), Ssim.ssim(b, a, N, N), 1e-12);
	}

	@Test
	void decreasesWithNoise() {
		float[] x = Synthetic.shapes(N, N, 5);
		double prev = 1.0;
		for (double sigma : new double[] { 0.01, 0.03, 0.1, 0.3 }) {
			double s = Ssim.ssim(x, Synthetic.addNoise(x, sigma, 6), N, N);
			assertTrue(s < prev, "SSIM at sigma " + sigma + " = " + s + " should be below " + prev);
			prev = s;
		}
	}

	@Test
	void rejectsTinyImages() {
		assertThrows(IllegalArgumentException.class, () -> Ssim.ssim(new float[100], new float[100], 10, 10));
	}
}
