package org.fde.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fde.TestImages;
import org.fde.operator.CircularConvolution;
import org.junit.jupiter.api.Test;

class NoiseEstimatorTest {

	@Test
	void estimatesNoiseOnBlurredImages() {
		int n = 256;
		float[] x = TestImages.shapes(n, n, 4);
		float[] k = TestImages.curvedKernel(15, 4);
		float[] b = new CircularConvolution(k, 15, 15, n, n).apply(x);
		for (double sigma : new double[] { 5 / 255.0, 10 / 255.0, 20 / 255.0 }) {
			double est = NoiseEstimator.estimate(TestImages.addNoise(b, sigma, 1), n, n);
			assertEquals(sigma, est, 0.1 * sigma, "sigma " + sigma * 255);
		}
	}
}
