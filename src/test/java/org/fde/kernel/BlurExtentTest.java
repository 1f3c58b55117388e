package org.fde.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fde.image.Synthetic;
import org.fde.operator.CircularConvolution;
import org.junit.jupiter.api.Test;

/** The blur-extent hint from the autocorrelation of y's gradients, on generated images with known blurs. */
class BlurExtentTest {

	static final int N = 192;
	static final double SIGMA = 0.01;

	/** A horizontal line of the given odd length in a size&times;size window, rotated by 90 degrees if asked. */
	static float[] line(int length, int size, boolean vertical) {
		float[] k = new float[size * size];
		for (int i = 0; i < length; i++) {
			int a = size / 2 - length / 2 + i;
			k[vertical ? a * size + size / 2 : (size / 2) * size + a] = 1f / length;
		}
		return k;
	}

	static BlurExtent.Estimate blurred(float[] k, int size, long seed) {
		float[] x = Synthetic.shapes(N, N, seed);
		float[] y = Synthetic.addNoise(new CircularConvolution(k, size, size, N, N).apply(x), SIGMA, seed + 1);
		return BlurExtent.estimate(y, N, N, SIGMA);
	}

	@Test
	void aSharpImageHasAlmostNoExtent() {
		for (long seed = 1; seed <= 3; seed++) {
			float[] y = Synthetic.addNoise(Synthetic.shapes(N, N, seed), SIGMA, seed + 1);
			BlurExtent.Estimate e = BlurExtent.estimate(y, N, N, SIGMA);
			assertTrue(e.radius() <= 2, "sharp image, seed " + seed + ": radius " + e.radius());
		}
	}

	@Test
	void aLineBlurIsMeasuredAboutItsLength() {
		for (boolean vertical : new boolean[] { false, true }) {
			for (int length : new int[] { 9, 21, 41 }) {
				BlurExtent.Estimate e = blurred(line(length, 45, vertical), 45, 3);
				// a straight motion of length L: R about L/2 (only the gradient across the motion is smeared)
				assertTrue(e.radius() >= 0.35 * length && e.radius() <= 0.75 * length + 2, "line " + length
						+ (vertical ? " vertical" : " horizontal") + ": radius " + e.radius());
				assertTrue(e.kernelSize() >= 0.8 * length, "line " + length + ": suggested size " + e.kernelSize());
				assertTrue(e.kernelSize() % 2 == 1);
			}
		}
	}

	@Test
	void aLongerBlurGivesALargerExtent() {
		int previous = -1;
		for (int length : new int[] { 5, 15, 31 }) {
			int r = blurred(line(length, 33, false), 33, 5).radius();
			assertTrue(r > previous, "length " + length + ": radius " + r + " not above " + previous);
			previous = r;
		}
	}

	@Test
	void theNoiseAloneIsNotABlur() {
		// white noise only: its differences are correlated at lag 1 (-sigma^2), which the estimate removes
		float[] y = Synthetic.addNoise(new float[N * N], 0.05, 9);
		for (int i = 0; i < y.length; i++) {
			y[i] += 0.5f;
		}
		assertTrue(BlurExtent.estimate(y, N, N, 0.05).radius() <= 1);
	}

	@Test
	void rejectsTinyImages() {
		assertThrows(IllegalArgumentException.class, () -> BlurExtent.estimate(new float[16], 4, 4, 0));
		assertThrows(IllegalArgumentException.class, () -> BlurExtent.estimate(new float[100], 10, 11, 0));
	}

	@Test
	void suggestedSizesAreOddAndGrow() {
		int previous = 0;
		for (int r = 0; r < 200; r++) {
			int s = BlurExtent.sizeFor(r);
			assertTrue(s % 2 == 1 && s >= 3 && s >= previous && s > r);
			previous = s;
		}
	}
}
