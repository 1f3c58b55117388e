package org.fde.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fde.TestImages;
import org.fde.fft.Fft2;
import org.fde.image.BatchShape;
import org.fde.operator.CircularConvolution;
import org.junit.jupiter.api.Test;

/** ALGORITHM.md &sect;13: the HQS M-step with the known sharp image recovers the kernel (projection-only prior). */
class MStepRecoveryTest {

	static final int N = 256;

	@Test
	void recoversKnownKernelFromKnownSharpImage() {
		int s = 33;
		for (long seed = 1; seed <= 3; seed++) {
			float[] k = TestImages.curvedKernel(s, seed);
			float[] kh = estimateFromKnownImage(MStepConfig.official(s), k, seed);
			double corr = Kernels.correlation(kh, k);
			assertTrue(corr >= 0.95, "seed " + seed + ": correlation " + corr);
			assertEquals(1.0, Kernels.sum(kh), 1e-5);
			for (float v : kh) {
				assertTrue(v >= 0);
			}
			// the flipped kernel must correlate worse: the orientation is the true-convolution one
			float[] flipped = new float[k.length];
			for (int i = 0; i < k.length; i++) {
				flipped[i] = k[k.length - 1 - i];
			}
			assertTrue(Kernels.correlation(kh, flipped) < corr);
		}
	}


	/** One M-step (projection-only prior) from the delta, given the sharp test image of the seed blurred by k (5/255). */
	private static float[] estimateFromKnownImage(MStepConfig c, float[] k, long seed) {
		int s = c.kernelSize();
		float[] x = TestImages.shapes(N, N, seed);
		float[] y = TestImages.addNoise(new CircularConvolution(k, s, s, N, N).apply(x), 5 / 255.0, seed + 100);
		Fft2 f = Fft2.of(N, N);
		return new HqsKernelEstimator(c, new ProjectionPrior()).estimate(new float[][] { f.forward(y) },
				new float[][] { f.forward(x) }, new BatchShape(1, 1, N, N), 5 / 255.0, Kernels.delta(s), null);
	}

	@Test
	void priorsAreUsable() {
		int s = 15;
		float[] x = TestImages.shapes(N, N, 1);
		float[] k = TestImages.curvedKernel(s, 9);
		float[] y = TestImages.addNoise(new CircularConvolution(k, s, s, N, N).apply(x), 10 / 255.0, 9);
		Fft2 f = Fft2.of(N, N);
		for (org.fde.score.KernelPrior p : new org.fde.score.KernelPrior[] { new L1Prior(), new L2Prior(),
				new ProjectionPrior() }) {
			float[] kh = new HqsKernelEstimator(MStepConfig.defaults(s), p).estimate(new float[][] { f.forward(y) },
					new float[][] { f.forward(x) }, new BatchShape(1, 1, N, N), 10 / 255.0, Kernels.delta(s),
					null);
			assertTrue(Kernels.correlation(kh, k) > 0.8, p.name() + ": " + Kernels.correlation(kh, k));
			assertEquals(1.0, Kernels.sum(kh), 1e-5, p.name());
		}
	}
}
