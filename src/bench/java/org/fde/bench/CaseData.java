package org.fde.bench;

import org.fde.image.Image;
import org.fde.image.Synthetic;
import org.fde.noise.NoiseEstimator;
import org.fde.operator.CircularConvolution;

/**
 * A materialised case: the sharp reference, the measurement y and the true kernel, all gray and unit range.
 *
 * @param benchCase  the case
 * @param sharp      the ground truth, same size as y
 * @param observed   y
 * @param kernel     the true kernel (sum 1, the project's convolution convention)
 * @param kernelSize its side
 * @param sigma      the noise level (given, or estimated for a real capture)
 */
public record CaseData(BenchCase benchCase, Image sharp, Image observed, float[] kernel, int kernelSize,
		double sigma) {

	/**
	 * Builds the measurement: CIRCULAR y = k &#8859; x + &sigma;n (periodic); VALID y = the valid part of the linear
	 * convolution of the crop enlarged by the kernel footprint, plus &sigma;n, so that y is aligned with the crop and
	 * contains no wrap-around; REAL y = the captured file, &sigma; estimated from it ({@link NoiseEstimator}).
	 */
	public static CaseData materialise(BenchCase c) {
		KernelSource.Kernel k = c.kernel().load();
		int w = c.image().width();
		int h = c.image().height();
		switch (c.boundary()) {
		case CIRCULAR: {
			float[] x = c.image().load(0, 0);
			float[] y = new CircularConvolution(k.values(), k.size(), k.size(), h, w).apply(x);
			return new CaseData(c, Image.gray(w, h, x), Image.gray(w, h, Synthetic.addNoise(y, c.sigma(), c.seed())),
					k.values(), k.size(), c.sigma());
		}
		case VALID: {
			int before = validOffset(k.size());
			int after = k.size() - 1 - before;
			float[] large = c.image().load(before, after);
			int lw = w + before + after;
			int lh = h + before + after;
			float[] full = new CircularConvolution(k.values(), k.size(), k.size(), lh, lw).apply(large);
			float[] x = crop(large, lw, before, w, h);
			float[] y = crop(full, lw, before, w, h);
			return new CaseData(c, Image.gray(w, h, x), Image.gray(w, h, Synthetic.addNoise(y, c.sigma(), c.seed())),
					k.values(), k.size(), c.sigma());
		}
		case REAL: {
			float[] x = c.image().load(0, 0);
			ImageFiles.Gray y = ImageFiles.readGray(c.captured(), false);
			if (y.width() != w || y.height() != h) {
				throw new IllegalArgumentException(c.captured() + " is " + y.width() + "x" + y.height()
						+ ", the reference crop " + w + "x" + h);
			}
			double sigma = NoiseEstimator.estimate(y.data(), w, h);
			return new CaseData(c, Image.gray(w, h, x), Image.gray(w, h, y.data()), k.values(), k.size(), sigma);
		}
		default:
			throw new AssertionError(c.boundary());
		}
	}

	/**
	 * Offset of the valid region in a periodic convolution with the p2o origin at &lfloor;ks/2&rfloor;: output pixel
	 * (r, c) reads input rows r &minus; (ks &minus; 1 &minus; &lfloor;ks/2&rfloor;) .. r + &lfloor;ks/2&rfloor;, so the
	 * rows from ks &minus; 1 &minus; &lfloor;ks/2&rfloor; on see no wrap-around.
	 */
	static int validOffset(int ks) {
		return ks - 1 - ks / 2;
	}

	static float[] crop(float[] src, int sw, int off, int w, int h) {
		float[] out = new float[w * h];
		for (int r = 0; r < h; r++) {
			System.arraycopy(src, (r + off) * sw + off, out, r * w, w);
		}
		return out;
	}

	/** What a method may see: everything except the sharp image. */
	public Problem problem() {
		return new Problem(observed, sigma, benchCase.estimateSize(), kernel, kernelSize, benchCase.seed(),
				benchCase.boundary().periodic(), null);
	}
}
