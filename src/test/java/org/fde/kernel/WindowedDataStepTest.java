package org.fde.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.fde.fft.Fft2;
import org.junit.jupiter.api.Test;

/** The fast (windowed) HQS data step against the direct full-size FFT computation, on odd sizes. */
class WindowedDataStepTest {

	static float[] random(int n, SplittableRandom r) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++) {
			a[i] = (float) r.nextDouble();
		}
		return a;
	}

	@Test
	void matchesTheDirectComputation() {
		matches(37, 31, new int[] { 5, 9, 15, 25 });
	}

	@Test
	void matchesTheDirectComputationOnALargePlane() {
		matches(189, 175, new int[] { 33 }); // >= Fft2.PARALLEL_MIN values: rows and columns split over threads
	}

	@Test
	void matchesTheDirectComputationForLargeKernels() {
		matches(140, 131, new int[] { 45, 47, 65 }); // window sizes L = 90, 96, 135 (issue 37's range)
	}

	private static void matches(int h, int w, int[] sizes) {
		SplittableRandom r = new SplittableRandom(3);
		for (int s : sizes) {
			HqsKernelEstimator.DataTerm data = new HqsKernelEstimator.DataTerm(2, h, w);
			Fft2 f = Fft2.of(h, w);
			for (int p = 0; p < 3; p++) {
				for (int c = 0; c < 2; c++) {
					data.add(c, f.forward(random(h * w, r)), f.forward(random(h * w, r)));
				}
			}
			double alpha = 0.7;
			float[] dense = Kernels.project(random(s * s, r), s);
			float[] sparse = dense.clone();
			for (int i = 0; i < sparse.length; i += 3) {
				sparse[i] = 0f;
			}
			for (float[] z : new float[][] { dense, sparse }) {
				for (boolean[] mask : new boolean[][] { null, { false, true } }) {
					int channels = mask == null ? 2 : 1;
					float[] fast = HqsKernelEstimator.WindowedDataStep.of(data, alpha, channels, mask, s).apply(z);
					float[] ref = HqsKernelEstimator.referenceDataStep(data, alpha, channels, mask, s, z);
					double max = 0;
					for (float v : ref) {
						max = Math.max(max, Math.abs(v));
					}
					for (int i = 0; i < ref.length; i++) {
						assertEquals(ref[i], fast[i], 1e-4 * max, "s=" + s + " mask=" + (mask != null) + " at " + i);
					}
				}
			}
		}
	}


	@Test
	void fastSizes() {
		assertEquals(65 + 7, HqsKernelEstimator.WindowedDataStep.fastSize(65));
		assertEquals(64, HqsKernelEstimator.WindowedDataStep.fastSize(64));
		assertEquals(192, HqsKernelEstimator.WindowedDataStep.fastSize(190));
	}
}
