package org.fde.guidance;

import org.fde.fft.Fft2;
import org.fde.operator.Vectors;

/**
 * &Pi;GDM guidance (paper eq. 17) for a measurement with missing pixels: y = M(k &#8859; x) + n, where the mask M
 * (1 = measured, 0 = missing) marks the measured window of a padded plane. The operator is H = MK, so the guidance
 * vector is
 * <pre>
 *   G = K<sup>T</sup> M (r&sup2; M K K<sup>T</sup> M + &sigma;&sup2; I)&#8315;&sup1; M (y &minus; k &#8859; x&#770;0),
 * </pre>
 * which is no longer diagonal in Fourier. The inner system is solved by preconditioned conjugate gradients on the
 * measured pixels, with the periodic inverse (r&sup2;|K|&sup2; + &sigma;&sup2;)&#8315;&sup1; (the unmasked &Pi;GDM,
 * {@link PigdmGuidance}) restricted to the mask as the preconditioner; the run starts from the preconditioner's
 * answer, which is exact when nothing is missing. Every transform is a half-spectrum real FFT. Stateless.
 */
public final class MaskedPigdm {

	/**
	 * Default cap on conjugate-gradient iterations: 6. At 288&sup2; an iteration (four half-spectrum FFTs) costs
	 * 5&ndash;10 ms on the 2-core machine; 6 iterations leave 0.3&ndash;9 % relative error in G (the periodic
	 * approximation: 3&ndash;20 %), while 12 cost up to a quarter of a network evaluation on the early steps, where
	 * r&sup2; &asymp; 1 converges slowest (docs/design-choices.md).
	 */
	public static final int DEFAULT_ITERATIONS = 6;
	/** Default tolerance: the relative residual ||b &minus; A z|| / ||b|| at which the iterations stop. */
	public static final double DEFAULT_TOLERANCE = 1e-2;

	private MaskedPigdm() {
	}

	/** The outcome: the guidance plane and the iterations used and the relative residual reached. */
	public record Solution(float[] vector, int iterations, double relativeResidual) {
	}

	/**
	 * @param otf              F(p2o(k)), full interleaved spectrum
	 * @param maskedResidual   M(y &minus; k &#8859; x&#770;0), spatial plane
	 * @param mask             1 = measured, 0 = missing
	 * @param r2               r_t&sup2;
	 * @param sigma            the resolved noise level (unit range); an estimated 0 is floored at 1e-8 as in {@link PigdmGuidance}
	 * @param maxIterations    conjugate-gradient iterations at most (0: the preconditioner's answer)
	 * @param tolerance        stop when the relative residual of the inner system is below this
	 */
	public static Solution vector(Fft2 fft, float[] otf, float[] maskedResidual, float[] mask, double r2,
			double sigma, int maxIterations, double tolerance) {
		int n = fft.height() * fft.width();
		if (maskedResidual.length != n || mask.length != n) {
			throw new IllegalArgumentException("residual and mask must have " + n + " values");
		}
		double s2 = sigma > 0 ? sigma * sigma : 1e-16;
		int hw = fft.halfWidth();
		int w = fft.width();
		int half = fft.height() * hw;
		double[] power = new double[half]; // |K|^2 on the half spectrum
		double[] precond = new double[half]; // 1 / (r2 |K|^2 + s2)
		for (int u = 0, f = 0; u < fft.height(); u++) {
			for (int v = 0; v < hw; v++, f++) {
				int i = 2 * (u * w + v);
				double p = (double) otf[i] * otf[i] + (double) otf[i + 1] * otf[i + 1];
				power[f] = p;
				precond[f] = 1.0 / (r2 * p + s2);
			}
		}
		float[] b = maskedResidual;
		double bNorm = Math.sqrt(Vectors.dot(b, b));
		float[] z = filter(fft, b, precond, mask); // the unmasked Pi-GDM's inner vector, restricted to M
		int it = 0;
		double rel = 0;
		if (bNorm > 0 && maxIterations > 0) {
			float[] r = Vectors.minus(b, apply(fft, z, power, r2, s2, mask));
			float[] d = filter(fft, r, precond, mask);
			float[] p = d.clone();
			double rd = Vectors.dot(r, d);
			rel = Math.sqrt(Vectors.dot(r, r)) / bNorm;
			while (it < maxIterations && rel > tolerance && rd > 0) {
				float[] ap = apply(fft, p, power, r2, s2, mask);
				double pap = Vectors.dot(p, ap);
				if (!(pap > 0)) {
					break;
				}
				double alpha = rd / pap;
				for (int i = 0; i < n; i++) {
					z[i] += (float) (alpha * p[i]);
					r[i] -= (float) (alpha * ap[i]);
				}
				it++;
				rel = Math.sqrt(Vectors.dot(r, r)) / bNorm;
				if (rel <= tolerance) {
					break;
				}
				d = filter(fft, r, precond, mask);
				double rdNew = Vectors.dot(r, d);
				double beta = rdNew / rd;
				rd = rdNew;
				for (int i = 0; i < n; i++) {
					p[i] = (float) (d[i] + beta * p[i]);
				}
			}
		}
		// G = K^T z
		float[] zHalf = fft.forwardHalf(z);
		for (int u = 0, f = 0; u < fft.height(); u++) {
			for (int v = 0; v < hw; v++, f++) {
				int i = 2 * (u * w + v);
				double kr = otf[i];
				double ki = otf[i + 1];
				double zr = zHalf[2 * f];
				double zi = zHalf[2 * f + 1];
				zHalf[2 * f] = (float) (kr * zr + ki * zi); // conj(K) Z
				zHalf[2 * f + 1] = (float) (kr * zi - ki * zr);
			}
		}
		return new Solution(fft.inverseHalfInPlace(zHalf, 0, fft.height()), it, rel);
	}

	/** M F&#8315;&sup1;(f &middot; F(x)) for a real filter f on the half spectrum. */
	private static float[] filter(Fft2 fft, float[] x, double[] f, float[] mask) {
		float[] h = fft.forwardHalf(x);
		for (int i = 0; i < f.length; i++) {
			h[2 * i] *= (float) f[i];
			h[2 * i + 1] *= (float) f[i];
		}
		float[] out = fft.inverseHalfInPlace(h, 0, fft.height());
		for (int i = 0; i < out.length; i++) {
			out[i] *= mask[i];
		}
		return out;
	}

	/** A z = r&sup2; M K K<sup>T</sup> M z + &sigma;&sup2; z (z is supported on the mask). */
	private static float[] apply(Fft2 fft, float[] z, double[] power, double r2, double s2, float[] mask) {
		float[] h = fft.forwardHalf(z);
		for (int i = 0; i < power.length; i++) {
			h[2 * i] *= (float) (r2 * power[i]);
			h[2 * i + 1] *= (float) (r2 * power[i]);
		}
		float[] out = fft.inverseHalfInPlace(h, 0, fft.height());
		for (int i = 0; i < out.length; i++) {
			out[i] = (float) (out[i] * mask[i] + s2 * z[i]);
		}
		return out;
	}
}
