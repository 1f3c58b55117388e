package org.fde.noise;

import java.util.Arrays;

/**
 * Robust estimate of white Gaussian noise: the median absolute value of the finest diagonal Haar wavelet band,
 * divided by 0.6745 (Donoho &amp; Johnstone 1994). The band d = (a &minus; b &minus; c + e)/2 over 2&times;2 blocks is
 * orthonormal, so for pure noise its coefficients have the noise's standard deviation. Blur suppresses this band, so
 * the estimate is reliable on blurred images; strong fine texture biases it upwards.
 */
public final class NoiseEstimator {

	private NoiseEstimator() {
	}

	/** &sigma; of one plane (same units as the plane). */
	public static double estimate(float[] plane, int w, int h) {
		if (w < 2 || h < 2) {
			throw new IllegalArgumentException("noise estimation needs at least 2x2 pixels, got " + w + "x" + h);
		}
		int bw = w / 2;
		int bh = h / 2;
		double[] d = new double[bw * bh];
		int n = 0;
		for (int y = 0; y < bh; y++) {
			for (int x = 0; x < bw; x++) {
				int i = 2 * y * w + 2 * x;
				double v = (plane[i] - plane[i + 1] - plane[i + w] + plane[i + w + 1]) / 2.0;
				d[n++] = Math.abs(v);
			}
		}
		Arrays.sort(d);
		double med = (n % 2 == 1) ? d[n / 2] : 0.5 * (d[n / 2 - 1] + d[n / 2]);
		return med / 0.6745;
	}

	/** The median of the per-channel estimates. */
	public static double estimate(float[][] planes, int w, int h) {
		double[] s = new double[planes.length];
		for (int c = 0; c < planes.length; c++) {
			s[c] = estimate(planes[c], w, h);
		}
		Arrays.sort(s);
		return s[s.length / 2];
	}
}
