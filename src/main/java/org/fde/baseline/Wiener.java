package org.fde.baseline;

import org.fde.fft.Fft2;

/**
 * Wiener deconvolution with a known kernel, periodic boundaries, in the Fourier domain, with an image power model
 * that makes it a regularised least-squares solve with a gradient prior:
 * <p>
 * X&#770;(&omega;) = conj(K(&omega;)) Y(&omega;) / (|K(&omega;)|&sup2; + &rho; |D(&omega;)|&sup2;), with
 * |D(&omega;)|&sup2; = 4 sin&sup2;(&pi;u/w) + 4 sin&sup2;(&pi;v/h) the power of the periodic forward differences.
 * <p>
 * This is the Wiener filter for white noise of variance &sigma;&sup2; and the 1/f&sup2; image model
 * E|X(&omega;)|&sup2; = N g / |D(&omega;)|&sup2;, where g is the image's mean squared gradient per pixel; the
 * noise-to-signal ratio is then &sigma;&sup2;|D|&sup2;/g, i.e. &rho; = &sigma;&sup2;/g. Equivalently, it minimises
 * &Vert;k &#8859; x &minus; y&Vert;&sup2; + &rho;&Vert;&nabla;x&Vert;&sup2;. {@link #noiseToSignal} estimates g from the
 * blurred image itself under the same model: E&Vert;&nabla;y&Vert;&sup2;/N = g &middot; mean<sub>&omega;&ne;0</sub>|K|&sup2;
 * + 4&sigma;&sup2;. With &sigma; = 0 the filter is the plain inverse (frequencies where K vanishes are set to 0).
 */
public final class Wiener {

	/** The smallest gradient energy g used by the automatic &rho; (keeps &rho; finite on flat images). */
	public static final double MIN_GRADIENT_ENERGY = 1e-6;

	private Wiener() {
	}

	/**
	 * Deconvolves one w&times;h plane with &rho; = {@link #noiseToSignal}(y, k, &sigma;).
	 *
	 * @param kernel ks&times;ks, sum 1 (p2o origin at &lfloor;ks/2&rfloor;, as everywhere in this project)
	 * @param sigma  noise standard deviation of y, &ge; 0, on y's scale
	 */
	public static float[] deconvolve(float[] y, int w, int h, float[] kernel, int ks, double sigma) {
		check(y, w, h);
		if (!(sigma >= 0) || !Double.isFinite(sigma)) {
			throw new IllegalArgumentException("sigma must be >= 0 and finite, got " + sigma);
		}
		float[] otf = Fft2.of(h, w).otf(kernel, ks, ks);
		return solve(y, w, h, otf, noiseToSignal(y, w, h, otf, sigma));
	}

	/** Deconvolves one plane with an explicit weight &rho; &ge; 0 of the gradient term. */
	public static float[] deconvolveWithWeight(float[] y, int w, int h, float[] kernel, int ks, double rho) {
		check(y, w, h);
		if (!(rho >= 0) || !Double.isFinite(rho)) {
			throw new IllegalArgumentException("rho must be >= 0 and finite, got " + rho);
		}
		return solve(y, w, h, Fft2.of(h, w).otf(kernel, ks, ks), rho);
	}

	/**
	 * &rho; = &sigma;&sup2;/g with g = max((E&Vert;&nabla;y&Vert;&sup2;/N &minus; 4&sigma;&sup2;) / mean<sub>&omega;&ne;0</sub>|K|&sup2;,
	 * {@value #MIN_GRADIENT_ENERGY}).
	 *
	 * @param otf the kernel's transfer function for this plane size ({@link Fft2#otf})
	 */
	public static double noiseToSignal(float[] y, int w, int h, float[] otf, double sigma) {
		if (sigma == 0) {
			return 0;
		}
		double grad = 0;
		for (int r = 0; r < h; r++) {
			for (int c = 0; c < w; c++) {
				double v = y[r * w + c];
				double dx = y[r * w + (c + 1) % w] - v;
				double dy = y[((r + 1) % h) * w + c] - v;
				grad += dx * dx + dy * dy;
			}
		}
		grad /= (double) w * h;
		double k2 = 0;
		for (int i = 1; i < w * h; i++) {
			k2 += (double) otf[2 * i] * otf[2 * i] + (double) otf[2 * i + 1] * otf[2 * i + 1];
		}
		k2 /= w * h - 1;
		double g = Math.max((grad - 4 * sigma * sigma) / Math.max(k2, 1e-12), MIN_GRADIENT_ENERGY);
		return sigma * sigma / g;
	}

	private static float[] solve(float[] y, int w, int h, float[] otf, double rho) {
		Fft2 fft = Fft2.of(h, w);
		float[] spec = fft.forward(y);
		for (int v = 0; v < h; v++) {
			double sv = Math.sin(Math.PI * v / h);
			for (int u = 0; u < w; u++) {
				double su = Math.sin(Math.PI * u / w);
				int i = 2 * (v * w + u);
				double kr = otf[i];
				double ki = otf[i + 1];
				double den = kr * kr + ki * ki + rho * (4 * su * su + 4 * sv * sv);
				double yr = spec[i];
				double yi = spec[i + 1];
				if (den < 1e-20) {
					spec[i] = 0;
					spec[i + 1] = 0;
				} else {
					// conj(K) Y / den
					spec[i] = (float) ((kr * yr + ki * yi) / den);
					spec[i + 1] = (float) ((kr * yi - ki * yr) / den);
				}
			}
		}
		return fft.inverseRealInPlace(spec);
	}

	static void check(float[] y, int w, int h) {
		if (w < 1 || h < 1 || y.length != w * h) {
			throw new IllegalArgumentException("plane must have w*h = " + w + "*" + h + " values, got " + y.length);
		}
	}
}
