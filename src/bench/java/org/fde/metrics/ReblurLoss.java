package org.fde.metrics;

import org.fde.operator.CircularConvolution;

/**
 * The reblur loss of Laroche et al. (WACV 2024, eq. 34), L = &Vert;H&#770;x&#770; &minus; y&Vert;&sup2; &minus; &sigma;&sup2;M,
 * on the unit range, reported <em>per measured value</em>: L / M. M is the number of measured values that enter the
 * sum (pixels times channels). A value near 0 means the estimate explains the measurement down to the noise level;
 * a negative value means over-fitting of the noise.
 * <p>
 * H&#770; is the periodic convolution with the estimated kernel. For measurements without periodic boundaries pass a
 * {@code border} of at least &lfloor;kernel size/2&rfloor;: only pixels whose whole kernel footprint lies inside
 * the image are then counted, so the wrap-around of the periodic convolution never enters the loss.
 */
public final class ReblurLoss {

	private ReblurLoss() {
	}

	/**
	 * @param estimate x&#770;, one plane per channel (w&times;h, unit range)
	 * @param kernel   H&#770;'s kernel, ks&times;ks (used as given; pass a sum-1 kernel)
	 * @param observed y, same shape as the estimate
	 * @param sigma    the noise standard deviation on the unit range, &ge; 0
	 * @param border   pixels ignored on each side, in [0, min(w, h)/2)
	 * @return (&Vert;H&#770;x&#770; &minus; y&Vert;&sup2; &minus; &sigma;&sup2;M) / M over the counted pixels
	 */
	public static double perValue(float[][] estimate, float[] kernel, int ks, float[][] observed, int w, int h,
			double sigma, int border) {
		if (estimate.length != observed.length || estimate.length == 0) {
			throw new IllegalArgumentException("estimate and observation must have the same positive channel count, got "
					+ estimate.length + " and " + observed.length);
		}
		if (!(sigma >= 0) || !Double.isFinite(sigma)) {
			throw new IllegalArgumentException("sigma must be >= 0 and finite, got " + sigma);
		}
		if (border < 0 || 2 * border >= Math.min(w, h)) {
			throw new IllegalArgumentException("border must be in [0, " + (Math.min(w, h) + 1) / 2 + "), got " + border);
		}
		CircularConvolution h1 = new CircularConvolution(kernel, ks, ks, h, w);
		double sum = 0;
		long m = 0;
		for (int c = 0; c < estimate.length; c++) {
			if (estimate[c].length != w * h || observed[c].length != w * h) {
				throw new IllegalArgumentException("channel " + c + " does not have w*h = " + w * h + " values");
			}
			float[] reblurred = h1.apply(estimate[c]);
			for (int y = border; y < h - border; y++) {
				for (int x = border; x < w - border; x++) {
					double d = reblurred[y * w + x] - observed[c][y * w + x];
					sum += d * d;
					m++;
				}
			}
		}
		return (sum - sigma * sigma * m) / m;
	}
}
