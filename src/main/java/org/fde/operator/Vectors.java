package org.fde.operator;

/** The vector arithmetic of the conjugate-gradient solvers on flattened planes (double accumulation). */
public final class Vectors {

	private Vectors() {
	}

	/** a &minus; b, element-wise, as a new array. */
	public static float[] minus(float[] a, float[] b) {
		float[] out = new float[a.length];
		for (int i = 0; i < a.length; i++) {
			out[i] = a[i] - b[i];
		}
		return out;
	}

	/** &Sigma; a_i b_i, accumulated in double precision. */
	public static double dot(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += (double) a[i] * b[i];
		}
		return s;
	}
}
