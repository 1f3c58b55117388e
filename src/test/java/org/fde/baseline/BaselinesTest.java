package org.fde.baseline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fde.image.Synthetic;
import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.fde.metrics.Metrics;
import org.fde.operator.CircularConvolution;
import org.junit.jupiter.api.Test;

class BaselinesTest {

	static final int N = 64;
	static final int KS = 15;

	record Blurred(float[] x, float[] k, float[] y) {
	}

	static Blurred blurred(double sigma) {
		float[] x = Synthetic.shapes(N, N, 21);
		float[] k = KernelGenerator.random(KernelFamily.MOTION, KS, 4);
		float[] y = Synthetic.addNoise(new CircularConvolution(k, KS, KS, N, N).apply(x), sigma, 8);
		return new Blurred(x, k, y);
	}

	@Test
	void wienerImprovesOnTheBlurredInput() {
		Blurred b = blurred(2 / 255.0);
		float[] w = Wiener.deconvolve(b.y(), N, N, b.k(), KS, 2 / 255.0);
		double before = Metrics.psnr(b.y(), b.x());
		double after = Metrics.psnr(w, b.x());
		assertTrue(after > before + 1, "Wiener PSNR " + after + " vs blurred " + before);
	}

	@Test
	void richardsonLucyImprovesAndStaysPositive() {
		Blurred b = blurred(2 / 255.0);
		for (double tv : new double[] { 0, 0.002 }) {
			float[] r = new RichardsonLucy(30, tv).deconvolve(b.y(), N, N, b.k(), KS);
			double before = Metrics.psnr(b.y(), b.x());
			double after = Metrics.psnr(r, b.x());
			assertTrue(after > before + 0.5, "RL (tv " + tv + ") PSNR " + after + " vs blurred " + before);
			for (float v : r) {
				assertTrue(v >= 0 && Float.isFinite(v), "RL value " + v);
			}
		}
	}

	@Test
	void wienerWithoutNoiseInvertsAnInvertibleKernel() {
		// separable [0.15 0.7 0.15]^2: transfer function >= 0.4^2 everywhere
		float[] a = { 0.15f, 0.7f, 0.15f };
		float[] k = new float[9];
		for (int i = 0; i < 3; i++) {
			for (int j = 0; j < 3; j++) {
				k[i * 3 + j] = a[i] * a[j];
			}
		}
		float[] x = Synthetic.shapes(N, N, 22);
		float[] y = new CircularConvolution(k, 3, 3, N, N).apply(x);
		float[] w = Wiener.deconvolve(y, N, N, k, 3, 0);
		assertTrue(Metrics.psnr(w, x) > 90, "PSNR " + Metrics.psnr(w, x));
		// and a tiny sigma is nearly the inverse too
		assertTrue(Metrics.psnr(Wiener.deconvolve(y, N, N, k, 3, 1e-6), x) > 70);
	}

	@Test
	void invalidSettingsAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> new RichardsonLucy(0, 0));
		assertThrows(IllegalArgumentException.class, () -> new RichardsonLucy(10, -1));
		assertThrows(IllegalArgumentException.class, () -> Wiener.deconvolve(new float[10], 4, 4, new float[] { 1 },
				1, 0.1));
		assertThrows(IllegalArgumentException.class, () -> Wiener.deconvolve(new float[16], 4, 4, new float[] { 1 }, 1,
				-1));
	}
}
