package org.fde.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fde.image.Synthetic;
import org.fde.kernel.Kernels;
import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.fde.metrics.Metrics;
import org.fde.operator.CircularConvolution;
import org.junit.jupiter.api.Test;

class SparseDeconvolutionTest {

	static final int W = 61;
	static final int H = 47;
	static final int KS = 13;

	/** A valid-region blur: the sharp frame is larger by the kernel, y and the reference are its inner w&times;h. */
	record Valid(float[] sharp, float[] y) {
	}

	static Valid valid(float[] k, double sigma) {
		int fw = W + KS - 1;
		int fh = H + KS - 1;
		float[] big = Synthetic.shapes(fw, fh, 5);
		float[] blurred = new CircularConvolution(k, KS, KS, fh, fw).apply(big);
		int c = KS / 2;
		float[] sharp = new float[W * H];
		float[] y = new float[W * H];
		for (int r = 0; r < H; r++) {
			for (int q = 0; q < W; q++) {
				sharp[r * W + q] = big[(r + c) * fw + q + c];
				y[r * W + q] = blurred[(r + c) * fw + q + c];
			}
		}
		return new Valid(sharp, Synthetic.addNoise(y, sigma, 3));
	}

	@Test
	void deblursAValidRegionWithoutBoundaryArtefacts() {
		float[] k = line();
		Valid v = valid(k, 1 / 255.0);
		float[] x = SparseDeconvolution.levin(v.y(), W, H, k, KS);
		double before = Metrics.psnr(v.y(), v.sharp());
		double after = Metrics.psnr(x, v.sharp());
		assertTrue(after > before + 3, "sparse deconvolution " + after + " dB vs blurred " + before);
		// no wrap-around: the border rows are as good as the image (within 3 dB)
		float[] top = new float[W * 3];
		float[] topSharp = new float[W * 3];
		System.arraycopy(x, 0, top, 0, top.length);
		System.arraycopy(v.sharp(), 0, topSharp, 0, top.length);
		assertTrue(Metrics.psnr(top, topSharp) > after - 3, "border " + Metrics.psnr(top, topSharp) + " vs " + after);
	}

	@Test
	void theTrueKernelGivesTheSmallestErrorAndTheInputIsUntouched() {
		float[] k = KernelGenerator.random(KernelFamily.MOTION, KS, 7);
		Valid v = valid(k, 0.5 / 255.0);
		float[] y0 = v.y().clone();
		double ssdTrue = ssd(SparseDeconvolution.levin(v.y(), W, H, k, KS), v.sharp());
		double ssdDelta = ssd(SparseDeconvolution.levin(v.y(), W, H, Kernels.delta(KS), KS), v.sharp());
		float[] rotated = new float[k.length];
		for (int i = 0; i < k.length; i++) {
			rotated[i] = k[k.length - 1 - i];
		}
		double ssdRotated = ssd(SparseDeconvolution.levin(v.y(), W, H, rotated, KS), v.sharp());
		assertTrue(ssdTrue < ssdDelta && ssdTrue < ssdRotated, ssdTrue + " vs delta " + ssdDelta + ", rotated "
				+ ssdRotated);
		assertEquals(0, ssd(y0, v.y()));
	}

	@Test
	void rejectsBadArguments() {
		float[] y = new float[W * H];
		assertThrows(IllegalArgumentException.class, () -> SparseDeconvolution.levin(y, W, H, new float[16], 4));
		assertThrows(IllegalArgumentException.class,
				() -> SparseDeconvolution.deconvolve(y, W, H, Kernels.delta(3), 3, 0, 10));
		assertThrows(IllegalArgumentException.class,
				() -> SparseDeconvolution.deconvolve(y, W, H, Kernels.delta(3), 3, 0.01, 0));
	}

	/** A diagonal motion of 11 taps. */
	static float[] line() {
		float[] k = new float[KS * KS];
		for (int i = 1; i < KS - 1; i++) {
			k[i * KS + i] = 1f / (KS - 2);
		}
		return k;
	}

	static double ssd(float[] a, float[] b) {
		return Metrics.mse(a, b) * a.length;
	}
}
