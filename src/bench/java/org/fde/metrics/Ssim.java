package org.fde.metrics;

/**
 * Structural similarity (Wang, Bovik, Sheikh &amp; Simoncelli, IEEE TIP 2004, eq. 13) with the paper's settings: an
 * 11&times;11 Gaussian window of standard deviation 1.5 (normalised to sum 1), K1 = 0.01, K2 = 0.03 and a data range
 * L = 1 (unit-range images), so C1 = (K1 L)&sup2; and C2 = (K2 L)&sup2;.
 * <p>
 * Per window position: SSIM = (2&mu;_a&mu;_b + C1)(2&sigma;_ab + C2) / ((&mu;_a&sup2; + &mu;_b&sup2; + C1)(&sigma;_a&sup2; +
 * &sigma;_b&sup2; + C2)), with Gaussian-weighted means, variances and covariance. As in the authors' reference code
 * ({@code ssim_index.m}, {@code filter2(..., 'valid')}), only window positions fully inside the image are used, and the
 * mean SSIM is the plain average of that map. Multi-channel images: the mean over channels.
 */
public final class Ssim {

	/** Side of the Gaussian window. */
	public static final int WINDOW = 11;
	/** Standard deviation of the Gaussian window in pixels. */
	public static final double WINDOW_SIGMA = 1.5;
	public static final double K1 = 0.01;
	public static final double K2 = 0.03;
	/** Data range L of unit-range images. */
	public static final double DATA_RANGE = 1.0;

	private static final double[] WEIGHTS = gaussian1d(WINDOW, WINDOW_SIGMA);

	private Ssim() {
	}

	/**
	 * Mean SSIM of two w&times;h planes (row-major, unit range).
	 *
	 * @throws IllegalArgumentException if the lengths differ from w&middot;h or the image is smaller than the window
	 */
	public static double ssim(float[] a, float[] b, int w, int h) {
		if (a.length != w * h || b.length != w * h) {
			throw new IllegalArgumentException("planes must have w*h = " + w * h + " values, got " + a.length + " and "
					+ b.length);
		}
		if (w < WINDOW || h < WINDOW) {
			throw new IllegalArgumentException("image (" + w + "x" + h + ") must be at least " + WINDOW + "x" + WINDOW
					+ " for SSIM");
		}
		double c1 = (K1 * DATA_RANGE) * (K1 * DATA_RANGE);
		double c2 = (K2 * DATA_RANGE) * (K2 * DATA_RANGE);
		// separable Gaussian filtering, 'valid' in both directions: rows first (output width w - 10)
		int vw = w - WINDOW + 1;
		int vh = h - WINDOW + 1;
		double[][] rows = new double[5][vw * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < vw; x++) {
				double ma = 0;
				double mb = 0;
				double aa = 0;
				double bb = 0;
				double ab = 0;
				for (int i = 0; i < WINDOW; i++) {
					double g = WEIGHTS[i];
					double va = a[y * w + x + i];
					double vb = b[y * w + x + i];
					ma += g * va;
					mb += g * vb;
					aa += g * va * va;
					bb += g * vb * vb;
					ab += g * va * vb;
				}
				int o = y * vw + x;
				rows[0][o] = ma;
				rows[1][o] = mb;
				rows[2][o] = aa;
				rows[3][o] = bb;
				rows[4][o] = ab;
			}
		}
		double sum = 0;
		for (int y = 0; y < vh; y++) {
			for (int x = 0; x < vw; x++) {
				double[] m = new double[5];
				for (int i = 0; i < WINDOW; i++) {
					double g = WEIGHTS[i];
					int o = (y + i) * vw + x;
					for (int q = 0; q < 5; q++) {
						m[q] += g * rows[q][o];
					}
				}
				double mua = m[0];
				double mub = m[1];
				double va = m[2] - mua * mua;
				double vb = m[3] - mub * mub;
				double cov = m[4] - mua * mub;
				sum += (2 * mua * mub + c1) * (2 * cov + c2) / ((mua * mua + mub * mub + c1) * (va + vb + c2));
			}
		}
		return sum / ((double) vw * vh);
	}

	/** Mean SSIM over channels of two images given as planes of equal size. */
	public static double ssim(float[][] a, float[][] b, int w, int h) {
		if (a.length != b.length || a.length == 0) {
			throw new IllegalArgumentException("channel counts must be equal and positive, got " + a.length + " and "
					+ b.length);
		}
		double s = 0;
		for (int c = 0; c < a.length; c++) {
			s += ssim(a[c], b[c], w, h);
		}
		return s / a.length;
	}

	static double[] gaussian1d(int size, double sigma) {
		double[] g = new double[size];
		double s = 0;
		int r = size / 2;
		for (int i = 0; i < size; i++) {
			g[i] = Math.exp(-(i - r) * (i - r) / (2 * sigma * sigma));
			s += g[i];
		}
		for (int i = 0; i < size; i++) {
			g[i] /= s;
		}
		return g;
	}
}
