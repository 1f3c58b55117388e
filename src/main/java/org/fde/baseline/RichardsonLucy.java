package org.fde.baseline;

import org.fde.operator.CircularConvolution;

/**
 * Richardson&ndash;Lucy deconvolution with a known kernel and periodic boundaries (FFT convolutions), with optional
 * total-variation regularisation (RL-TV, Dey et al., Microscopy Research and Technique 69(4), 2006, eq. 13):
 * <p>
 * x<sub>k+1</sub> = x<sub>k</sub> &middot; K<sup>T</sup>(y / K x<sub>k</sub>) / (1 &minus; &lambda;<sub>TV</sub>
 * div(&nabla;x<sub>k</sub>/|&nabla;x<sub>k</sub>|)).
 * <p>
 * Settings: a fixed iteration count (RL's implicit regularisation; more iterations amplify noise), y clamped to
 * &ge; {@value #FLOOR} (noisy measurements may be negative; RL's Poisson model needs y &ge; 0), x<sub>0</sub> = that
 * clamped y, and every quotient guarded by the same floor. The updates multiply by non-negative factors, so the
 * iterates stay non-negative. The TV denominator is clamped to &ge; {@value #MIN_TV_DENOMINATOR}.
 *
 * @param iterations the number of iterations, in [1, 10000]
 * @param tvWeight   &lambda;<sub>TV</sub> &ge; 0 (0: plain RL; Dey et al. use 0.002)
 */
public record RichardsonLucy(int iterations, double tvWeight) {

	/** Lower bound of y, of K x and of |&nabla;x| in the quotients. */
	public static final double FLOOR = 1e-6;
	/** Lower bound of the TV denominator. */
	public static final double MIN_TV_DENOMINATOR = 0.1;

	public RichardsonLucy {
		if (iterations < 1 || iterations > 10000) {
			throw new IllegalArgumentException("iterations must be in [1, 10000], got " + iterations);
		}
		if (!(tvWeight >= 0) || tvWeight > 1) {
			throw new IllegalArgumentException("tvWeight must be in [0, 1], got " + tvWeight);
		}
	}

	/** Deconvolves one w&times;h plane with a ks&times;ks, sum-1 kernel; the result is &ge; 0. */
	public float[] deconvolve(float[] y, int w, int h, float[] kernel, int ks) {
		Wiener.check(y, w, h);
		CircularConvolution k = new CircularConvolution(kernel, ks, ks, h, w);
		int n = w * h;
		float[] yp = new float[n];
		for (int i = 0; i < n; i++) {
			yp[i] = (float) Math.max(y[i], FLOOR);
		}
		float[] x = yp.clone();
		float[] ratio = new float[n];
		for (int it = 0; it < iterations; it++) {
			float[] est = k.apply(x);
			for (int i = 0; i < n; i++) {
				ratio[i] = (float) (yp[i] / Math.max(est[i], FLOOR));
			}
			float[] corr = k.adjoint(ratio);
			float[] div = tvWeight > 0 ? tvDivergence(x, w, h) : null;
			for (int i = 0; i < n; i++) {
				double v = x[i] * Math.max(corr[i], 0.0);
				if (div != null) {
					v /= Math.max(1 - tvWeight * div[i], MIN_TV_DENOMINATOR);
				}
				x[i] = (float) v;
			}
		}
		return x;
	}

	/** div(&nabla;x/|&nabla;x|): forward differences for the gradient, backward for the divergence (periodic). */
	static float[] tvDivergence(float[] x, int w, int h) {
		int n = w * h;
		float[] px = new float[n];
		float[] py = new float[n];
		for (int r = 0; r < h; r++) {
			for (int c = 0; c < w; c++) {
				int i = r * w + c;
				double gx = x[r * w + (c + 1) % w] - x[i];
				double gy = x[((r + 1) % h) * w + c] - x[i];
				double norm = Math.max(Math.sqrt(gx * gx + gy * gy), FLOOR);
				px[i] = (float) (gx / norm);
				py[i] = (float) (gy / norm);
			}
		}
		float[] div = new float[n];
		for (int r = 0; r < h; r++) {
			for (int c = 0; c < w; c++) {
				int i = r * w + c;
				div[i] = px[i] - px[r * w + (c - 1 + w) % w] + py[i] - py[((r - 1 + h) % h) * w + c];
			}
		}
		return div;
	}
}
