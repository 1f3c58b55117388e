package org.fde.em;

import org.fde.fft.Fft2;
import org.fde.image.PadFrame;
import org.fde.operator.Vectors;

/**
 * The data step of {@link FaithfulEstimate} for one plane: x = argmin ||M(y &minus; k &#8859; x)||&sup2; +
 * &rho; ||x &minus; z||&sup2;, i.e. (K<sup>T</sup> M K + &rho;) x = K<sup>T</sup> M y + &rho; z, with the periodic
 * (circular) convolution K of the padded plane and the mask M of the measured pixels (null: all measured, and the
 * solution is the Fourier division (K&#772; Y + &rho; Z)/(|K|&sup2; + &rho;)). With a mask, preconditioned conjugate
 * gradients from the periodic solution for the measurement completed by k &#8859; z (as {@link ObservedRegion}
 * completes the M-step's). Half-spectrum transforms throughout.
 */
final class DataStep {

	private final Fft2 fft;
	private final int hw;
	/** K on the half spectrum, interleaved. */
	private final float[] k;
	/** |K|&sup2; on the half spectrum. */
	private final double[] power;
	/** The measurement, with its missing pixels zeroed when there is a mask. */
	private final float[] y;
	private final float[] mask;
	/** K<sup>T</sup> M y on the half spectrum. */
	private final float[] kty;
	/** Conjugate-gradient iterations of all {@link #solve} calls so far. */
	private int iterations;

	DataStep(Fft2 fft, float[] kernel, int kernelSize, float[] y, float[] mask) {
		this.fft = fft;
		this.hw = fft.halfWidth();
		int half = fft.height() * hw;
		float[] otf = fft.otf(kernel, kernelSize, kernelSize);
		this.k = new float[2 * half];
		this.power = new double[half];
		for (int u = 0, f = 0; u < fft.height(); u++) {
			for (int v = 0; v < hw; v++, f++) {
				int i = 2 * (u * fft.width() + v);
				k[2 * f] = otf[i];
				k[2 * f + 1] = otf[i + 1];
				power[f] = (double) otf[i] * otf[i] + (double) otf[i + 1] * otf[i + 1];
			}
		}
		this.mask = mask;
		this.y = mask == null ? y : times(y, mask);
		this.kty = fft.forwardHalf(this.y);
		multiply(kty, true);
	}

	/** The measured-pixel mask (1 inside the frame's window) of a w&times;h padded plane. */
	static float[] maskOf(PadFrame frame, int w, int h) {
		if (frame.paddedWidth() != w || frame.paddedHeight() != h) {
			throw new IllegalArgumentException("the observed frame (" + frame.paddedWidth() + "x"
					+ frame.paddedHeight() + ") must have the size of the image (" + w + "x" + h + ")");
		}
		float[] m = new float[w * h];
		for (int r = frame.top(); r < frame.top() + frame.height(); r++) {
			java.util.Arrays.fill(m, r * w + frame.left(), r * w + frame.left() + frame.width(), 1f);
		}
		return m;
	}

	/** The solution for this &rho; and z. */
	float[] solve(float[] z, double rho, int maxIterations, double tolerance) {
		// the periodic solution, for the measurement completed by k * z where pixels are missing
		float[] rhs;
		if (mask == null) {
			rhs = kty.clone();
		} else {
			float[] kz = convolve(z, false);
			float[] completed = new float[z.length];
			for (int i = 0; i < completed.length; i++) {
				completed[i] = y[i] + (1 - mask[i]) * kz[i];
			}
			rhs = fft.forwardHalf(completed);
			multiply(rhs, true);
		}
		float[] zh = fft.forwardHalf(z);
		for (int f = 0; f < power.length; f++) {
			double d = 1.0 / (power[f] + rho);
			rhs[2 * f] = (float) ((rhs[2 * f] + rho * zh[2 * f]) * d);
			rhs[2 * f + 1] = (float) ((rhs[2 * f + 1] + rho * zh[2 * f + 1]) * d);
		}
		float[] x = fft.inverseHalfInPlace(rhs, 0, fft.height());
		if (mask == null || maxIterations == 0) {
			return x;
		}
		// b = K^T M y + rho z
		float[] b = fft.inverseHalfInPlace(kty.clone(), 0, fft.height());
		for (int i = 0; i < b.length; i++) {
			b[i] += (float) (rho * z[i]);
		}
		double bNorm = Math.sqrt(Vectors.dot(b, b));
		if (!(bNorm > 0)) {
			return x;
		}
		float[] r = Vectors.minus(b, apply(x, rho));
		float[] d = precondition(r, rho);
		float[] p = d.clone();
		double rd = Vectors.dot(r, d);
		for (int it = 0; it < maxIterations && Math.sqrt(Vectors.dot(r, r)) / bNorm > tolerance && rd > 0; it++) {
			iterations++;
			float[] ap = apply(p, rho);
			double pap = Vectors.dot(p, ap);
			if (!(pap > 0)) {
				break;
			}
			double alpha = rd / pap;
			for (int i = 0; i < x.length; i++) {
				x[i] += (float) (alpha * p[i]);
				r[i] -= (float) (alpha * ap[i]);
			}
			d = precondition(r, rho);
			double rdNew = Vectors.dot(r, d);
			double beta = rdNew / rd;
			rd = rdNew;
			for (int i = 0; i < p.length; i++) {
				p[i] = (float) (d[i] + beta * p[i]);
			}
		}
		return x;
	}

	/** Conjugate-gradient iterations of all {@link #solve} calls so far. */
	int iterations() {
		return iterations;
	}

	/** {&Sigma; (M(k &#8859; x &minus; y))&sup2;, number of measured pixels}. */
	double[] residualEnergy(float[] x) {
		float[] kx = convolve(x, false);
		double s = 0;
		long n = 0;
		for (int i = 0; i < kx.length; i++) {
			if (mask == null || mask[i] != 0) {
				double d = kx[i] - y[i];
				s += d * d;
				n++;
			}
		}
		return new double[] { s, n };
	}

	/** (K<sup>T</sup> M K + &rho;) x. */
	private float[] apply(float[] x, double rho) {
		float[] kx = convolve(x, false);
		for (int i = 0; i < kx.length; i++) {
			kx[i] *= mask[i];
		}
		float[] out = convolve(kx, true);
		for (int i = 0; i < out.length; i++) {
			out[i] += (float) (rho * x[i]);
		}
		return out;
	}

	/** F&#8315;&sup1;((|K|&sup2; + &rho;)&#8315;&sup1; F r). */
	private float[] precondition(float[] r, double rho) {
		float[] h = fft.forwardHalf(r);
		for (int f = 0; f < power.length; f++) {
			double d = 1.0 / (power[f] + rho);
			h[2 * f] *= (float) d;
			h[2 * f + 1] *= (float) d;
		}
		return fft.inverseHalfInPlace(h, 0, fft.height());
	}

	/** k &#8859; x, or its adjoint (correlation) with {@code adjoint}. */
	private float[] convolve(float[] x, boolean adjoint) {
		float[] h = fft.forwardHalf(x);
		multiply(h, adjoint);
		return fft.inverseHalfInPlace(h, 0, fft.height());
	}

	/** h &larr; K h, or conj(K) h, on the half spectrum. */
	private void multiply(float[] h, boolean conjugate) {
		float sign = conjugate ? -1f : 1f;
		for (int f = 0; f < power.length; f++) {
			float kr = k[2 * f];
			float ki = sign * k[2 * f + 1];
			float hr = h[2 * f];
			float hi = h[2 * f + 1];
			h[2 * f] = kr * hr - ki * hi;
			h[2 * f + 1] = kr * hi + ki * hr;
		}
	}

	private static float[] times(float[] a, float[] m) {
		float[] out = new float[a.length];
		for (int i = 0; i < a.length; i++) {
			out[i] = a[i] * m[i];
		}
		return out;
	}
}
