package org.fde.stack;

import java.util.SplittableRandom;

import org.fde.image.PadFrame;
import org.fde.operator.CircularConvolution;

/**
 * Blur plus white Gaussian noise applied to every plane of a hyperstack, for testing the deblurring commands on data
 * with a known kernel. The convolution uses mirror boundaries (each plane is reflected by the kernel radius,
 * convolved periodically and cropped), so no wrap-around seam appears; the noise is N(0, sigma&sup2;) in the image's
 * own units, independent for every pixel and plane, deterministic in the seed. The input is not modified.
 */
public final class SimulatedBlur {

	private SimulatedBlur() {
	}

	/**
	 * @param kernel     size&times;size, row-major, origin at (&lfloor;size/2&rfloor;, &lfloor;size/2&rfloor;); used
	 *                   as given (normalise it first if it must preserve intensities)
	 * @param size       kernel side, &ge; 1
	 * @param sigma      noise standard deviation in image units, &ge; 0 (0 = no noise)
	 * @param seed       seeds the noise
	 * @throws IllegalArgumentException for a kernel of the wrong length, negative or non-finite sigma, or an image
	 *                                  with non-finite pixels
	 */
	public static Hyperstack apply(Hyperstack image, float[] kernel, int size, double sigma, long seed) {
		if (size < 1 || kernel.length != size * size) {
			throw new IllegalArgumentException("kernel must have size*size values for size " + size + ", got "
					+ kernel.length);
		}
		if (!(sigma >= 0) || !Double.isFinite(sigma)) {
			throw new IllegalArgumentException("sigma must be >= 0 and finite (0 = no noise), got " + sigma);
		}
		String bad = image.firstNonFinite();
		if (bad != null) {
			throw new IllegalArgumentException("the image contains NaN or infinite values: " + bad);
		}
		PadFrame frame = PadFrame.around(image.width(), image.height(), size / 2 + 1, 1);
		CircularConvolution conv = new CircularConvolution(kernel, size, size, frame.paddedHeight(),
				frame.paddedWidth());
		SplittableRandom rng = new SplittableRandom(seed);
		float[][] out = new float[image.planeCount()][];
		for (int i = 0; i < out.length; i++) {
			float[] blurred = frame.crop(conv.apply(frame.pad(image.plane(i))));
			if (sigma > 0) {
				for (int q = 0; q < blurred.length; q++) {
					blurred[q] += (float) (sigma * rng.nextGaussian());
				}
			}
			out[i] = blurred;
		}
		return new Hyperstack(image.width(), image.height(), image.channels(), image.slices(), image.frames(), out);
	}
}
