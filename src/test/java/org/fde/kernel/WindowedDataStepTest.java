package org.fde.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
			double[] extra = { 0.3, 0.0 };
			float[] dense = Kernels.project(random(s * s, r), s);
			float[] sparse = dense.clone();
			for (int i = 0; i < sparse.length; i += 3) {
				sparse[i] = 0f;
			}
			for (float[] z : new float[][] { dense, sparse }) {
				for (boolean[] mask : new boolean[][] { null, { false, true } }) {
					int channels = mask == null ? 2 : 1;
					for (double[] fw : new double[][] { null, MStepConfig.gradientWeight(h, w) }) {
						float[] fast = HqsKernelEstimator.WindowedDataStep.of(data, alpha, extra, channels, mask, s, fw)
								.apply(z);
						float[] ref = HqsKernelEstimator.referenceDataStep(data, alpha, extra, channels, mask, s, z, fw);
						double max = 0;
						for (float v : ref) {
							max = Math.max(max, Math.abs(v));
						}
						for (int i = 0; i < ref.length; i++) {
							assertEquals(ref[i], fast[i], 1e-4 * max,
									"s=" + s + " mask=" + (mask != null) + " gradient=" + (fw != null) + " at " + i);
						}
					}
				}
			}
		}
	}

	/**
	 * The gradient-domain data step is the plain data step on the images' forward differences (halved, periodic):
	 * its frequency weight is (|D_x|&sup2; + |D_y|&sup2;)/4, mean 1 and 0 at DC. Checked on an odd-sized plane
	 * against data terms built in space from the difference images.
	 */
	@Test
	void gradientDomainIsTheDataStepOnTheDifferences() {
		int h = 37;
		int w = 31;
		int s = 9;
		double[] fw = MStepConfig.gradientWeight(h, w);
		double mean = 0;
		for (double v : fw) {
			mean += v / fw.length;
		}
		assertEquals(1.0, mean, 1e-12);
		assertEquals(0.0, fw[0], 0.0);
		SplittableRandom r = new SplittableRandom(11);
		Fft2 f = Fft2.of(h, w);
		HqsKernelEstimator.DataTerm values = new HqsKernelEstimator.DataTerm(1, h, w);
		HqsKernelEstimator.DataTerm differences = new HqsKernelEstimator.DataTerm(1, h, w);
		for (int p = 0; p < 2; p++) {
			float[] x = random(h * w, r);
			float[] y = random(h * w, r);
			values.add(0, f.forward(y), f.forward(x));
			for (boolean alongX : new boolean[] { true, false }) {
				differences.add(0, f.forward(halfDifference(y, h, w, alongX)),
						f.forward(halfDifference(x, h, w, alongX)));
			}
		}
		float[] z = Kernels.project(random(s * s, r), s);
		double alpha = 0.4;
		double[] extra = { 0.0 };
		float[] weighted = HqsKernelEstimator.referenceDataStep(values, alpha, extra, 1, null, s, z, fw);
		float[] direct = HqsKernelEstimator.referenceDataStep(differences, alpha, extra, 1, null, s, z);
		double max = 0;
		for (float v : direct) {
			max = Math.max(max, Math.abs(v));
		}
		for (int i = 0; i < direct.length; i++) {
			assertEquals(direct[i], weighted[i], 1e-4 * max, "at " + i);
		}
		// and it is not the plain data step
		float[] plain = HqsKernelEstimator.referenceDataStep(values, alpha, extra, 1, null, s, z);
		double diff = 0;
		for (int i = 0; i < plain.length; i++) {
			diff = Math.max(diff, Math.abs(plain[i] - direct[i]));
		}
		assertTrue(diff > 1e-2 * max, "the weighting changed nothing");
	}

	/** (x(p + e) &minus; x(p))/2 with periodic wrap, e the unit step along x or y. */
	private static float[] halfDifference(float[] a, int h, int w, boolean alongX) {
		float[] out = new float[a.length];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int q = alongX ? y * w + (x + 1) % w : ((y + 1) % h) * w + x;
				out[y * w + x] = 0.5f * (a[q] - a[y * w + x]);
			}
		}
		return out;
	}

	@Test
	void fastSizes() {
		assertEquals(65 + 7, HqsKernelEstimator.WindowedDataStep.fastSize(65));
		assertEquals(64, HqsKernelEstimator.WindowedDataStep.fastSize(64));
		assertEquals(192, HqsKernelEstimator.WindowedDataStep.fastSize(190));
	}
}
