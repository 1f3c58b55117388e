package org.fde.baseline;

import java.util.Arrays;

import org.fde.fft.Fft2;
import org.fde.fft.Spectra;
import org.fde.image.PadFrame;
import org.fde.image.Padding;

/**
 * Non-blind deconvolution with a sparse derivative prior, as Levin, Fergus, Durand &amp; Freeman (SIGGRAPH 2007) and
 * the reference deconvolution of Levin et al.'s error ratio (CVPR 2009): the sharp image x minimises
 * <p>
 * &Sigma;<sub>valid</sub> (k &#8859; x &minus; y)&sup2; + weight &middot; &Sigma;<sub>f</sub> s<sub>f</sub>
 * &Sigma;<sub>p</sub> |(f &#8859; x)(p)|<sup>0.8</sup>,
 * <p>
 * with the first differences (s = 1) and the second differences xx, yy, xy (s = 1/4). x is solved on a frame larger
 * than y by the kernel size, so that only y's own pixels enter the data term (no boundary assumption, no
 * wrap-around). The exponent 0.8 is reached by iteratively re-weighted least squares: a first pass with the
 * quadratic prior on all five derivatives (weights 1), then {@value #REWEIGHTS} passes with the weights
 * w<sub>0</sub>&middot;s<sub>f</sub>&middot;max(|f &#8859; x|, {@value #EPSILON})<sup>0.8 &minus; 2</sup>
 * (w<sub>0</sub> = {@value #W0}) of the previous pass; each pass is a conjugate-gradient solve from the
 * edge-extended y. Levin et al.'s evaluation uses weight {@value #LEVIN_WEIGHT} and {@value #LEVIN_ITERATIONS}
 * conjugate-gradient iterations per pass. Periodic FFTs do the convolutions on the frame; its extra rows and columns
 * beyond y &plus; the kernel are unknowns that only the prior sees.
 */
public final class SparseDeconvolution {

	/** Levin et al.'s prior weight in the error-ratio evaluation. */
	public static final double LEVIN_WEIGHT = 0.0068;
	/** Levin et al.'s conjugate-gradient iterations per pass in the error-ratio evaluation. */
	public static final int LEVIN_ITERATIONS = 70;
	/** Re-weighted passes after the quadratic one. */
	public static final int REWEIGHTS = 2;
	/** Exponent of the sparse prior. */
	public static final double EXPONENT = 0.8;
	/** Scale of the re-weighted passes' weights. */
	public static final double W0 = 0.1;
	/** Smallest derivative magnitude in the weights (keeps them finite). */
	public static final double EPSILON = 0.01;

	private SparseDeconvolution() {
	}

	/** Deconvolves with Levin et al.'s evaluation settings. */
	public static float[] levin(float[] y, int w, int h, float[] kernel, int ks) {
		return deconvolve(y, w, h, kernel, ks, LEVIN_WEIGHT, LEVIN_ITERATIONS);
	}

	/**
	 * @param kernel     ks&times;ks (ks odd), sum 1, centre &lfloor;ks/2&rfloor; (this project's convention)
	 * @param weight     the prior weight, &gt; 0
	 * @param iterations conjugate-gradient iterations per pass, &ge; 1
	 * @return the w&times;h estimate (a new array; y is not modified)
	 */
	public static float[] deconvolve(float[] y, int w, int h, float[] kernel, int ks, double weight, int iterations) {
		Wiener.check(y, w, h);
		if (ks < 1 || ks % 2 == 0 || kernel.length != ks * ks) {
			throw new IllegalArgumentException("kernel must be ks*ks with ks odd, got " + kernel.length + " values, ks "
					+ ks);
		}
		if (!(weight > 0) || !Double.isFinite(weight) || iterations < 1) {
			throw new IllegalArgumentException("weight must be > 0 and iterations >= 1, got " + weight + ", "
					+ iterations);
		}
		Frame f = new Frame(y, w, h, ks, kernel);
		double[][] wts = new double[5][];
		for (int q = 0; q < 5; q++) {
			wts[q] = filled(f.n, 1);
		}
		float[] x = f.solve(wts, weight, iterations);
		for (int pass = 0; pass < REWEIGHTS; pass++) {
			double[][] d = f.derivatives(x);
			for (int q = 0; q < 5; q++) {
				double s = q < 2 ? W0 : W0 / 4;
				double[] wq = new double[f.n];
				for (int i = 0; i < f.n; i++) {
					wq[i] = s * Math.pow(Math.max(Math.abs(d[q][i]), EPSILON), EXPONENT - 2);
				}
				wts[q] = wq;
			}
			x = f.solve(wts, weight, iterations);
		}
		return f.crop(x);
	}

	private static double[] filled(int n, double v) {
		double[] a = new double[n];
		Arrays.fill(a, v);
		return a;
	}

	/**
	 * The frame of unknowns: y sits at (c, c), c = ks/2; the sides are rounded up to multiples of 16. Holds what every
	 * pass starts from: A<sup>T</sup>y and the edge-extended y.
	 */
	private static final class Frame {
		final int w;
		final int h;
		final int c;
		final int fw;
		final int fh;
		final int n;
		/** y's window in the frame, for the crop. */
		final PadFrame window;
		final Fft2 fft;
		final float[] otf;
		final float[] aty;
		final float[] start;
		/** Scratch of {@link #prior}, reused by every CG iteration (a Frame serves one thread). */
		private final double[][] scratchDerivatives;
		private final double[] scratchPrior;

		Frame(float[] y, int w, int h, int ks, float[] kernel) {
			this.w = w;
			this.h = h;
			this.c = ks / 2;
			this.fw = Padding.roundUp(w + ks - 1, 16);
			this.fh = Padding.roundUp(h + ks - 1, 16);
			this.n = fw * fh;
			this.window = new PadFrame(w, h, c, c, fw, fh);
			this.fft = Fft2.of(fh, fw);
			this.otf = fft.otf(kernel, ks, ks);
			this.aty = adjoint(y);
			this.start = extended(y);
			this.scratchDerivatives = new double[5][n];
			this.scratchPrior = new double[n];
		}

		/** y's pixels of k &#8859; x (a valid convolution: no pixel wraps round). */
		float[] forward(float[] x) {
			float[] kx = fft.inverseRealInPlace(Spectra.multiply(fft.forward(x), otf));
			return crop(kx);
		}

		/** The adjoint of {@link #forward}. */
		float[] adjoint(float[] r) {
			float[] e = new float[n];
			for (int row = 0; row < h; row++) {
				System.arraycopy(r, row * w, e, (row + c) * fw + c, w);
			}
			return fft.inverseRealInPlace(Spectra.multiplyConj(otf, fft.forward(e))); // conj(K) E
		}

		float[] crop(float[] x) {
			return window.crop(x);
		}

		/** y extended to the frame by repeating its edge pixels. */
		float[] extended(float[] y) {
			float[] x = new float[n];
			for (int row = 0; row < fh; row++) {
				int sr = Math.min(h - 1, Math.max(0, row - c));
				for (int col = 0; col < fw; col++) {
					int sc = Math.min(w - 1, Math.max(0, col - c));
					x[row * fw + col] = y[sr * w + sc];
				}
			}
			return x;
		}

		/**
		 * The five derivative images on the frame (dx, dy, dxx, dyy, dxy), each stored at its first pixel; entries
		 * whose stencil leaves the frame are 0 (Levin's "valid" filters).
		 */
		double[][] derivatives(float[] x) {
			return derivatives(x, new double[5][n]);
		}

		/**
		 * {@link #derivatives(float[])} into {@code d} (5 arrays of n): the entries outside the stencils are never
		 * written, so a d that was zero there stays so.
		 */
		private double[][] derivatives(float[] x, double[][] d) {
			for (int row = 0; row < fh; row++) {
				for (int col = 0; col < fw; col++) {
					int i = row * fw + col;
					boolean r1 = col + 1 < fw;
					boolean d1 = row + 1 < fh;
					if (r1) {
						d[0][i] = x[i + 1] - x[i];
					}
					if (d1) {
						d[1][i] = x[i + fw] - x[i];
					}
					if (col + 2 < fw) {
						d[2][i] = x[i + 2] - 2.0 * x[i + 1] + x[i];
					}
					if (row + 2 < fh) {
						d[3][i] = x[i + 2 * fw] - 2.0 * x[i + fw] + x[i];
					}
					if (r1 && d1) {
						d[4][i] = x[i + fw + 1] - x[i + fw] - x[i + 1] + x[i];
					}
				}
			}
			return d;
		}

		/**
		 * &Sigma;<sub>f</sub> f<sup>T</sup>(w<sub>f</sub> &middot; f x), the prior's part of the normal operator, in
		 * the frame's scratch array (valid until the next call).
		 */
		private double[] prior(float[] x, double[][] wts) {
			double[][] d = derivatives(x, scratchDerivatives);
			double[] out = scratchPrior;
			Arrays.fill(out, 0.0);
			for (int q = 0; q < 5; q++) {
				double[] g = d[q];
				double[] wq = wts[q];
				for (int i = 0; i < n; i++) {
					double v = wq[i] * g[i];
					if (v == 0) {
						continue;
					}
					switch (q) {
					case 0 -> {
						out[i + 1] += v;
						out[i] -= v;
					}
					case 1 -> {
						out[i + fw] += v;
						out[i] -= v;
					}
					case 2 -> {
						out[i + 2] += v;
						out[i + 1] -= 2 * v;
						out[i] += v;
					}
					case 3 -> {
						out[i + 2 * fw] += v;
						out[i + fw] -= 2 * v;
						out[i] += v;
					}
					default -> {
						out[i + fw + 1] += v;
						out[i + fw] -= v;
						out[i + 1] -= v;
						out[i] += v;
					}
					}
				}
			}
			return out;
		}

		/** (A<sup>T</sup>A + weight &middot; prior) x. */
		double[] normal(float[] x, double[][] wts, double weight) {
			float[] ata = adjoint(forward(x));
			double[] prior = prior(x, wts);
			double[] p = new double[n];
			for (int i = 0; i < n; i++) {
				p[i] = ata[i] + weight * prior[i];
			}
			return p;
		}

		/** Conjugate gradients on the normal equations from the edge-extended y. */
		float[] solve(double[][] wts, double weight, int iterations) {
			float[] x = start.clone();
			double[] mx = normal(x, wts, weight);
			double[] r = new double[n];
			for (int i = 0; i < n; i++) {
				r[i] = aty[i] - mx[i];
			}
			double[] p = r.clone();
			float[] pf = new float[n];
			double rs = dot(r, r);
			double[] xd = new double[n];
			for (int i = 0; i < n; i++) {
				xd[i] = x[i];
			}
			for (int it = 0; it < iterations && rs > 1e-30; it++) {
				for (int i = 0; i < n; i++) {
					pf[i] = (float) p[i];
				}
				double[] ap = normal(pf, wts, weight);
				double pap = dot(p, ap);
				if (!(pap > 0)) {
					break;
				}
				double a = rs / pap;
				for (int i = 0; i < n; i++) {
					xd[i] += a * p[i];
					r[i] -= a * ap[i];
				}
				double rn = dot(r, r);
				double b = rn / rs;
				for (int i = 0; i < n; i++) {
					p[i] = r[i] + b * p[i];
				}
				rs = rn;
			}
			for (int i = 0; i < n; i++) {
				x[i] = (float) xd[i];
			}
			return x;
		}

		private static double dot(double[] a, double[] b) {
			double s = 0;
			for (int i = 0; i < a.length; i++) {
				s += a[i] * b[i];
			}
			return s;
		}
	}
}
