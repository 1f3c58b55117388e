package org.fde.fft;

/** Element-wise arithmetic on interleaved complex spectra ({@code [re, im, ...]}). */
public final class Spectra {

	private Spectra() {
	}

	/** a &middot; b. */
	public static float[] multiply(float[] a, float[] b) {
		float[] out = new float[a.length];
		for (int i = 0; i < a.length; i += 2) {
			out[i] = a[i] * b[i] - a[i + 1] * b[i + 1];
			out[i + 1] = a[i] * b[i + 1] + a[i + 1] * b[i];
		}
		return out;
	}

	/** conj(a) &middot; b. */
	public static float[] multiplyConj(float[] a, float[] b) {
		float[] out = new float[a.length];
		for (int i = 0; i < a.length; i += 2) {
			out[i] = a[i] * b[i] + a[i + 1] * b[i + 1];
			out[i + 1] = a[i] * b[i + 1] - a[i + 1] * b[i];
		}
		return out;
	}

	/** |a|&sup2; per frequency (length = a.length / 2). */
	public static double[] power(float[] a) {
		double[] out = new double[a.length / 2];
		for (int i = 0; i < out.length; i++) {
			double re = a[2 * i];
			double im = a[2 * i + 1];
			out[i] = re * re + im * im;
		}
		return out;
	}
}
