package org.fde.kernel.blind;

import java.util.ArrayDeque;

import org.fde.fft.Fft2;
import org.fde.kernel.KernelCentring;
import org.fde.kernel.Kernels;

/**
 * The kernel step of the &ell;0 blind methods (Cho and Lee 2009; Pan et al. 2014): k = argmin &Sigma;<sub>d=x,y</sub>
 * &Vert;M &middot; (D<sub>d</sub>x &#8859; k &minus; D<sub>d</sub>y)&Vert;&sup2; + &gamma;&Vert;k&Vert;&sup2; over
 * the ks&times;ks window, on gradients (forward differences), by conjugate gradients warm-started from the previous
 * kernel (the convolutions by FFT on the periodic plane). M is the measured window of a padded y: its mirrored
 * padding is not data. Then the published clean-up: negative values to 0, sum 1, values below a fraction of the
 * maximum removed, 8-connected pieces of small mass removed, sum 1, re-centred by its centre of mass
 * ({@link KernelCentring#centre}).
 */
final class GradientKernelStep {

	private GradientKernelStep() {
	}

	/**
	 * @param x      latent w&times;h plane
	 * @param y      blurred w&times;h plane
	 * @param mask   1 where y is data, 0 elsewhere (null: everywhere)
	 * @param k0     the previous ks&times;ks kernel (the start of the iterations)
	 * @return the cleaned kernel (&ge; 0, sum 1)
	 */
	static float[] estimate(float[] x, float[] y, float[] mask, int w, int h, float[] k0, int ks, BlindConfig cfg) {
		Fft2 fft = Fft2.of(h, w);
		float[][] xd = { fft.forwardHalf(dx(x, w, h)), fft.forwardHalf(dy(x, w, h)) };
		float[][] yd = { dx(y, w, h), dy(y, w, h) };
		// b = A^T (M Dy)
		double[] b = new double[ks * ks];
		for (int d = 0; d < 2; d++) {
			float[] r = yd[d];
			if (mask != null) {
				for (int i = 0; i < r.length; i++) {
					r[i] *= mask[i];
				}
			}
			add(b, adjoint(fft, xd[d], r, w, h, ks));
		}
		double[] k = new double[ks * ks];
		for (int i = 0; i < k.length; i++) {
			k[i] = k0[i];
		}
		double[] r = sub(b, normal(fft, xd, mask, k, w, h, ks, cfg.gamma()));
		double[] p = r.clone();
		double rr = dot(r, r);
		double rr0 = rr;
		for (int it = 0; it < cfg.cgIterations() && rr > 1e-12 * rr0 && rr > 0; it++) {
			double[] ap = normal(fft, xd, mask, p, w, h, ks, cfg.gamma());
			double alpha = rr / dot(p, ap);
			for (int i = 0; i < k.length; i++) {
				k[i] += alpha * p[i];
				r[i] -= alpha * ap[i];
			}
			double rrNew = dot(r, r);
			double beta = rrNew / rr;
			rr = rrNew;
			for (int i = 0; i < k.length; i++) {
				p[i] = r[i] + beta * p[i];
			}
		}
		float[] out = new float[ks * ks];
		for (int i = 0; i < out.length; i++) {
			out[i] = (float) k[i];
		}
		return clean(out, ks, cfg.smallFraction(), cfg.pieceMass());
	}

	/** The published clean-up of a kernel estimate, then re-centred (see the class comment). */
	static float[] clean(float[] k, int ks, double smallFraction, double pieceMass) {
		float[] out = Kernels.threshold(Kernels.project(k, ks), ks, smallFraction);
		out = removeSmallPieces(out, ks, pieceMass);
		return KernelCentring.centre(out, ks);
	}

	/** The kernel without its 8-connected pieces of mass below {@code minMass} (then sum 1; the delta if none stays). */
	static float[] removeSmallPieces(float[] k, int ks, double minMass) {
		float[] out = k.clone();
		int[] label = new int[k.length];
		int next = 0;
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		java.util.List<int[]> pieces = new java.util.ArrayList<>();
		double total = Kernels.sum(k);
		for (int s = 0; s < k.length; s++) {
			if (k[s] <= 0 || label[s] != 0) {
				continue;
			}
			next++;
			java.util.List<Integer> members = new java.util.ArrayList<>();
			label[s] = next;
			queue.add(s);
			while (!queue.isEmpty()) {
				int i = queue.poll();
				members.add(i);
				int r = i / ks;
				int c = i % ks;
				for (int dr = -1; dr <= 1; dr++) {
					for (int dc = -1; dc <= 1; dc++) {
						int rr = r + dr;
						int cc = c + dc;
						if (rr < 0 || cc < 0 || rr >= ks || cc >= ks) {
							continue;
						}
						int j = rr * ks + cc;
						if (k[j] > 0 && label[j] == 0) {
							label[j] = next;
							queue.add(j);
						}
					}
				}
			}
			pieces.add(members.stream().mapToInt(Integer::intValue).toArray());
		}
		for (int[] piece : pieces) {
			double mass = 0;
			for (int i : piece) {
				mass += k[i];
			}
			if (mass < minMass * total) {
				for (int i : piece) {
					out[i] = 0;
				}
			}
		}
		return Kernels.project(out, ks);
	}

	/** (A^T A + &gamma;) k. */
	private static double[] normal(Fft2 fft, float[][] xd, float[] mask, double[] k, int w, int h, int ks,
			double gamma) {
		float[] kf = new float[k.length];
		for (int i = 0; i < k.length; i++) {
			kf[i] = (float) k[i];
		}
		float[] kHalf = fft.forwardHalf(Fft2.psfToSpatial(kf, ks, ks, h, w));
		double[] out = new double[k.length];
		for (int i = 0; i < k.length; i++) {
			out[i] = gamma * k[i];
		}
		float[] sum = null; // sum over d of conj(X_d) F(M (x_d conv k)): one inverse transform for both directions
		for (int d = 0; d < 2; d++) {
			float[] prod = multiply(xd[d], kHalf, false);
			if (mask != null) {
				float[] conv = fft.inverseHalfInPlace(prod, 0, h);
				for (int i = 0; i < conv.length; i++) {
					conv[i] *= mask[i];
				}
				prod = fft.forwardHalf(conv);
			}
			float[] back = multiply(xd[d], prod, true);
			if (sum == null) {
				sum = back;
			} else {
				for (int i = 0; i < sum.length; i++) {
					sum[i] += back[i];
				}
			}
		}
		add(out, window(fft, sum, w, h, ks));
		return out;
	}

	/** o2p of the plane whose half spectrum is given: only the ks rows around the origin are transformed back. */
	private static double[] window(Fft2 fft, float[] half, int w, int h, int ks) {
		int[] rows = new int[ks];
		for (int y = 0; y < ks; y++) {
			rows[y] = Math.floorMod(y - ks / 2, h);
		}
		float[] part = fft.inverseHalfRowsInPlace(half, rows);
		double[] out = new double[ks * ks];
		for (int y = 0; y < ks; y++) {
			for (int x = 0; x < ks; x++) {
				out[y * ks + x] = part[y * w + Math.floorMod(x - ks / 2, w)];
			}
		}
		return out;
	}

	/** o2p(F&#8315;&sup1;(conj(X) F(r))): the adjoint of k &rarr; x &#8859; k, restricted to the window. */
	private static double[] adjoint(Fft2 fft, float[] xHalf, float[] r, int w, int h, int ks) {
		return window(fft, multiply(xHalf, fft.forwardHalf(r), true), w, h, ks);
	}

	/** a &middot; b, or conj(a) &middot; b, elementwise on interleaved spectra (new array). */
	private static float[] multiply(float[] a, float[] b, boolean conjA) {
		float[] out = new float[a.length];
		float s = conjA ? -1f : 1f;
		for (int i = 0; i < a.length; i += 2) {
			float ar = a[i];
			float ai = s * a[i + 1];
			out[i] = ar * b[i] - ai * b[i + 1];
			out[i + 1] = ar * b[i + 1] + ai * b[i];
		}
		return out;
	}

	/** Forward difference along rows (periodic): x(r, c+1) &minus; x(r, c). */
	static float[] dx(float[] x, int w, int h) {
		float[] out = new float[w * h];
		for (int r = 0; r < h; r++) {
			for (int c = 0; c < w; c++) {
				out[r * w + c] = x[r * w + (c + 1 == w ? 0 : c + 1)] - x[r * w + c];
			}
		}
		return out;
	}

	/** Forward difference along columns (periodic): x(r+1, c) &minus; x(r, c). */
	static float[] dy(float[] x, int w, int h) {
		float[] out = new float[w * h];
		for (int r = 0; r < h; r++) {
			int rn = r + 1 == h ? 0 : r + 1;
			for (int c = 0; c < w; c++) {
				out[r * w + c] = x[rn * w + c] - x[r * w + c];
			}
		}
		return out;
	}

	private static void add(double[] a, double[] b) {
		for (int i = 0; i < a.length; i++) {
			a[i] += b[i];
		}
	}

	private static double[] sub(double[] a, double[] b) {
		double[] out = new double[a.length];
		for (int i = 0; i < a.length; i++) {
			out[i] = a[i] - b[i];
		}
		return out;
	}

	private static double dot(double[] a, double[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += a[i] * b[i];
		}
		return s;
	}
}
