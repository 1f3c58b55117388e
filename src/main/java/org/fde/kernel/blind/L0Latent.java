package org.fde.kernel.blind;

import org.fde.fft.Fft2;

/**
 * The latent-image step of the &ell;0 blind methods (Xu, Lu, Xu and Jia 2011, "Image smoothing via L0 gradient
 * minimization"; Pan et al. 2014): x = argmin &Vert;k &#8859; x &minus; y&Vert;&sup2; + &lambda; &Vert;&nabla;x&Vert;<sub>0</sub>
 * on a periodic plane, by half-quadratic splitting. With auxiliary gradients g &asymp; &nabla;x and a weight &beta;
 * that starts at 2&lambda; and grows by &kappa; up to &beta;<sub>max</sub>, it alternates
 * <ul>
 * <li>g = &nabla;x where |&nabla;x|&sup2; &ge; &lambda;/&beta;, else 0 (both components together);</li>
 * <li>x = F&#8315;&sup1;[(conj(K) Y + &beta; F(&nabla;<sup>T</sup>g)) / (|K|&sup2; + &beta; (|D<sub>x</sub>|&sup2; +
 * |D<sub>y</sub>|&sup2;))],</li>
 * </ul>
 * with forward differences; x starts at y. Half spectra throughout ({@link Fft2#forwardHalf}).
 */
final class L0Latent {

	private L0Latent() {
	}

	/**
	 * The &ell;0-sparse latent image.
	 *
	 * @param y      w&times;h plane (periodic)
	 * @param kernel ks&times;ks kernel, p2o convention
	 */
	static float[] restore(float[] y, int w, int h, float[] kernel, int ks, double lambda, double kappa,
			double betaMax) {
		Fft2 fft = Fft2.of(h, w);
		int hw = fft.halfWidth();
		float[] kHalf = fft.forwardHalf(Fft2.psfToSpatial(kernel, ks, ks, h, w));
		float[] yHalf = fft.forwardHalf(y);
		int n = h * hw;
		float[] kty = new float[2 * n];
		float[] kk = new float[n];
		float[] dd = new float[n];
		for (int u = 0; u < h; u++) {
			double cu = 2 - 2 * Math.cos(2 * Math.PI * u / h);
			for (int v = 0; v < hw; v++) {
				int i = u * hw + v;
				float kr = kHalf[2 * i];
				float ki = kHalf[2 * i + 1];
				float yr = yHalf[2 * i];
				float yi = yHalf[2 * i + 1];
				kty[2 * i] = kr * yr + ki * yi; // conj(K) Y
				kty[2 * i + 1] = kr * yi - ki * yr;
				kk[i] = kr * kr + ki * ki;
				dd[i] = (float) (cu + 2 - 2 * Math.cos(2 * Math.PI * v / w));
			}
		}
		float[] x = y.clone();
		float[] div = new float[w * h];
		for (double beta = 2 * lambda; beta < betaMax; beta *= kappa) {
			float thr = (float) (lambda / beta);
			// g = thresholded gradient; div = D^T g (adjoint of the forward differences)
			java.util.Arrays.fill(div, 0f);
			for (int r = 0; r < h; r++) {
				int rn = r + 1 == h ? 0 : r + 1;
				for (int c = 0; c < w; c++) {
					int cn = c + 1 == w ? 0 : c + 1;
					int i = r * w + c;
					float gx = x[r * w + cn] - x[i];
					float gy = x[rn * w + c] - x[i];
					if (gx * gx + gy * gy < thr) {
						continue;
					}
					// D_x^T g at (r, c) gets -g, at (r, c+1) +g; same for rows
					div[i] -= gx + gy;
					div[r * w + cn] += gx;
					div[rn * w + c] += gy;
				}
			}
			float[] s = fft.forwardHalf(div);
			float b = (float) beta;
			for (int i = 0; i < n; i++) {
				float den = kk[i] + b * dd[i];
				s[2 * i] = (kty[2 * i] + b * s[2 * i]) / den;
				s[2 * i + 1] = (kty[2 * i + 1] + b * s[2 * i + 1]) / den;
			}
			x = fft.inverseHalfInPlace(s, 0, h);
		}
		return x;
	}
}
