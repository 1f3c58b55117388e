package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fde.image.Synthetic;
import org.fde.kernel.HqsKernelEstimator;
import org.fde.kernel.Kernels;
import org.fde.kernel.MStepConfig;
import org.fde.kernel.ProjectionPrior;
import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.fde.operator.CircularConvolution;
import org.junit.jupiter.api.Test;

class KnownSharpBenchTest {

	private static final int KS = 15;

	/** A valid-region blur of a larger image (no wrap-around), as a real capture: the sharp crop and y. */
	private static float[][] capture(int w, int h, float[] k) {
		int m = KS / 2;
		int lw = w + 2 * m;
		int lh = h + 2 * m;
		float[] large = Synthetic.shapes(lw, lh, 5);
		float[] full = new CircularConvolution(k, KS, KS, lh, lw).apply(large);
		float[] x = new float[w * h];
		float[] y = new float[w * h];
		for (int r = 0; r < h; r++) {
			System.arraycopy(large, (r + m) * lw + m, x, r * w, w);
			System.arraycopy(full, (r + m) * lw + m, y, r * w, w);
		}
		return new float[][] { x, Synthetic.addNoise(y, 1e-3, 9) };
	}

	private static double relativeError(float[] a, float[] b) {
		double num = 0;
		double den = 0;
		for (int i = 0; i < a.length; i++) {
			num += (a[i] - b[i]) * (a[i] - b[i]);
			den += b[i] * b[i];
		}
		return Math.sqrt(num / den);
	}

	@Test
	void recoversTheKernelOfANonPeriodicCaptureAndTheCompletionIsWhatMakesItWork() {
		int w = 97;
		int h = 83; // odd sizes
		float[] k = KernelGenerator.random(KernelFamily.MOTION, KS, 3);
		float[][] xy = capture(w, h, k);
		float[] x0 = xy[0].clone();
		float[] y0 = xy[1].clone();
		HqsKernelEstimator est = new HqsKernelEstimator(new MStepConfig(KS, 0.0, 1e4, 10),
				new ProjectionPrior());
		float[] completed = KnownSharpBench.estimate(xy[0], xy[1], w, h, 1e-3, est, 10);
		float[] once = KnownSharpBench.estimate(xy[0], xy[1], w, h, 1e-3, est, 1); // first fit: delta's completion
		assertArrayEquals(x0, xy[0]);
		assertArrayEquals(y0, xy[1]);
		assertEquals(1.0, Kernels.sum(completed), 1e-4);
		double eCompleted = relativeError(completed, k);
		double eOnce = relativeError(once, k);
		assertTrue(eCompleted < 0.15, "relative kernel error " + eCompleted);
		assertTrue(eCompleted < 0.5 * eOnce, "completion " + eCompleted + " vs one M-step " + eOnce);
	}

	@Test
	void rejectsAnImageNoLargerThanTheKernelWindow() {
		HqsKernelEstimator est = new HqsKernelEstimator(new MStepConfig(KS, 1.0, 1e4, 10),
				new ProjectionPrior());
		float[] x = new float[14 * 14];
		assertThrows(IllegalArgumentException.class, () -> KnownSharpBench.estimate(x, x, 14, 14, 0.01, est, 1));
	}

	@Test
	void namesTheDataOptionWhenLevinsPairsAreMissing() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> KnownSharpBench.main(new String[] { "--data", "/nonexistent-fde-data" }));
		assertTrue(e.getMessage().contains("--data"), e.getMessage());
		IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
				() -> KnownSharpBench.main(new String[] { "--kernelsize", "32" }));
		assertTrue(odd.getMessage().contains("--kernelsize"), odd.getMessage());
		IllegalArgumentException th = assertThrows(IllegalArgumentException.class,
				() -> KnownSharpBench.main(new String[] { "--kernel-threshold", "1" }));
		assertEquals("--kernel-threshold must be a number in [0.0, 0.99], got 1", th.getMessage());
	}
}
