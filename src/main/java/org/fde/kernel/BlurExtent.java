package org.fde.kernel;

import org.fde.fft.Fft2;

/**
 * A quick estimate of a blur's extent from the blurred image alone, to guide the choice of the kernel size: the
 * autocorrelation of y's gradients. A blur k spreads every edge of the sharp image over k's support, so the gradients
 * of y = k &#8859; x + n are correlated up to the lags where k's autocorrelation k &#8902; k ends, i.e. up to the
 * blur's length (a straight motion of L pixels: lags up to L &minus; 1 along the motion, with correlation falling
 * linearly), while a sharp image's gradients decorrelate within a few pixels.
 * <p>
 * Method: on a centred crop of at most {@value #MAX_CROP}&times;{@value #MAX_CROP} pixels, the forward differences
 * g_x and g_y (within the crop, no wrap-around) and their linear autocorrelations A_x, A_y (zero-padded FFTs,
 * normalised by the overlap at each lag, the noise's share 2&sigma;&sup2; at lag 0 and &minus;&sigma;&sup2; at the
 * neighbouring lag along the difference removed), each divided by its value at lag 0. At every lag the smaller of the
 * two is kept, and the extent R is the largest Chebyshev radius up to which every ring holds a lag with correlation
 * &ge; {@value #LEVEL}. The smaller of the two, not their sum: the sum follows a straight motion to its full length
 * but on some images never falls below the level (the smeared large shapes keep it up); the smaller one does not run
 * away, but along a straight motion only the gradient across the motion is smeared (the one along it is the
 * difference of two shifted copies of the image, which decorrelates), so a straight motion of length L gives
 * R &asymp; L/2. The suggested kernel size is {@link #sizeFor}(R).
 * <p>
 * It is a hint, not a measurement: long straight edges, strongly textured or periodic images, or very faint blur,
 * mislead it. Cost: two
 * forward and two inverse FFTs of twice the crop's size.
 */
public final class BlurExtent {

	/** The largest crop side analysed (enough for lags up to the largest kernel, 129). */
	public static final int MAX_CROP = 512;

	/** The correlation level that ends the extent. */
	public static final double LEVEL = 0.2;

	private BlurExtent() {
	}

	/**
	 * The estimate.
	 *
	 * @param radius    R, the largest lag (Chebyshev, pixels) at which the gradients are still correlated
	 * @param kernelSize the odd kernel size that holds a blur of that extent with a margin ({@link #sizeFor})
	 */
	public record Estimate(int radius, int kernelSize) {

		/** True when a kernel window of this size holds the estimated blur ({@code kernelSize} at least the suggestion). */
		public boolean fits(int size) {
			return size >= kernelSize;
		}

		/** A warning for the log when a kernel window of this size looks too small, else null. */
		public String advice(int size) {
			return fits(size) ? null : String.format(java.util.Locale.ROOT, "the blur looks larger than the "
					+ "kernel size %d (the image's gradients stay correlated over about %d px): the kernel window must "
					+ "hold the whole blur; try kernelsize=%d", size, radius, kernelSize);
		}
	}

	/**
	 * The kernel size suggested for a gradient correlation radius R: 2&lceil;0.8R&rceil; + 5 (odd). On generated
	 * camera-shake kernels (sizes 9 to 65, six seeds each) the smallest centred window holding 99 % of the kernel's
	 * mass was 1.0 to 1.9 R; a straight motion of length L gives R &asymp; L/2, so about 0.8L + 5.
	 */
	public static int sizeFor(int radius) {
		return 2 * (int) Math.ceil(0.8 * radius) + 5;
	}

	/**
	 * Estimates the blur extent of one plane.
	 *
	 * @param plane row-major w&times;h values
	 * @param sigma the noise standard deviation in the plane's units (0 if unknown or negligible)
	 */
	public static Estimate estimate(float[] plane, int w, int h, double sigma) {
		if (w < 8 || h < 8 || plane.length != w * h) {
			throw new IllegalArgumentException("the image must be at least 8x8 with w*h values, got " + w + "x" + h);
		}
		int cw = Math.min(w, MAX_CROP);
		int ch = Math.min(h, MAX_CROP);
		int x0 = (w - cw) / 2;
		int y0 = (h - ch) / 2;
		int mh = 2 * ch;
		int mw = 2 * cw;
		float[] gx = new float[mh * mw];
		float[] gy = new float[mh * mw];
		for (int y = 0; y < ch - 1; y++) {
			for (int x = 0; x < cw - 1; x++) {
				int i = (y0 + y) * w + x0 + x;
				gx[y * mw + x] = plane[i + 1] - plane[i];
				gy[y * mw + x] = plane[i + w] - plane[i];
			}
		}
		double[] ax = autocorrelation(gx, mh, mw);
		double[] ay = autocorrelation(gy, mh, mw);
		int n1 = ch - 1;
		int n2 = cw - 1;
		double s2 = sigma * sigma;
		int rMax = Math.min(n1, n2) / 2;
		double ax0 = ax[0] / ((double) n1 * n2) - 2 * s2;
		double ay0 = ay[0] / ((double) n1 * n2) - 2 * s2;
		if (!(ax0 > 0 && ay0 > 0)) {
			return new Estimate(0, sizeFor(0)); // no gradients above the noise: nothing to measure
		}
		int radius = 0;
		for (int r = 1; r <= rMax; r++) {
			double best = Double.NEGATIVE_INFINITY;
			for (int dy = -r; dy <= r; dy++) {
				int step = Math.abs(dy) == r ? 1 : 2 * r; // the ring: full top and bottom rows, two points elsewhere
				for (int dx = -r; dx <= r; dx += step) {
					double overlap = (double) (n1 - Math.abs(dy)) * (n2 - Math.abs(dx));
					int i = Math.floorMod(dy, mh) * mw + Math.floorMod(dx, mw);
					double cx = ax[i] / overlap + (dy == 0 && Math.abs(dx) == 1 ? s2 : 0);
					double cy = ay[i] / overlap + (dx == 0 && Math.abs(dy) == 1 ? s2 : 0);
					best = Math.max(best, Math.min(cx / ax0, cy / ay0));
				}
			}
			if (best < LEVEL) {
				break;
			}
			radius = r;
		}
		return new Estimate(radius, sizeFor(radius));
	}

	/** The circular autocorrelation of a zero-padded plane: F&#8315;&sup1;|F(g)|&sup2; (its lag-0 value first). */
	private static double[] autocorrelation(float[] g, int h, int w) {
		Fft2 f = Fft2.of(h, w);
		float[] s = f.forward(g);
		for (int i = 0; i < s.length; i += 2) {
			s[i] = s[i] * s[i] + s[i + 1] * s[i + 1];
			s[i + 1] = 0;
		}
		float[] a = f.inverseHermitian(s);
		double[] out = new double[a.length];
		for (int i = 0; i < a.length; i++) {
			out[i] = a[i];
		}
		return out;
	}
}
