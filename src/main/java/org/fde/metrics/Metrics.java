package org.fde.metrics;

/** Image and kernel error measures (unit range images, sum-1 kernels). */
public final class Metrics {

	private Metrics() {
	}

	/** PSNR in dB for a peak of 1, over all values. */
	public static double psnr(float[] estimate, float[] reference) {
		return 10 * Math.log10(1.0 / mse(estimate, reference));
	}

	/** PSNR in dB ignoring a border of {@code border} pixels. */
	public static double psnr(float[] estimate, float[] reference, int w, int h, int border) {
		double s = 0;
		int n = 0;
		for (int y = border; y < h - border; y++) {
			for (int x = border; x < w - border; x++) {
				double d = estimate[y * w + x] - reference[y * w + x];
				s += d * d;
				n++;
			}
		}
		return 10 * Math.log10(n / s);
	}

	public static double mse(float[] a, float[] b) {
		if (a.length != b.length) {
			throw new IllegalArgumentException("sizes differ: " + a.length + " vs " + b.length);
		}
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			double d = a[i] - b[i];
			s += d * d;
		}
		return s / a.length;
	}
}
