package org.fde.kernel.blind;

import org.fde.image.PadFrame;
import org.fde.image.Padding;
import org.fde.kernel.Kernels;

/**
 * A classical multiscale blind kernel estimator with the &ell;0 gradient prior, written from the published
 * descriptions: Pan, Hu, Su and Yang (CVPR 2014 / TPAMI 2017), Xu, Zheng and Jia (CVPR 2013), Cho and Lee (2009),
 * and Anger, Facciolo and Delbracio's IPOL article (2019, "Blind image deblurring using the l0 gradient prior").
 * <ol>
 * <li>An image pyramid, coarse to fine, with the size ratio {@link BlindConfig#ratio()} (&radic;2): at each scale y is
 * shrunk by (kernel side of the scale) / (final kernel side) ({@link Resample}, antialiased), mirror-padded by the
 * scale's kernel side.</li>
 * <li>At each scale, {@link BlindConfig#iterations()} alternations of the &ell;0-sparse latent image
 * ({@link L0Latent}, half-quadratic splitting with &beta; continuation) and the kernel step on gradients
 * ({@link GradientKernelStep}: least squares with a Tikhonov weight over the measured window only, then &ge; 0, sum 1,
 * small values and small pieces removed, re-centred); &lambda; decays after each alternation.</li>
 * <li>The kernel is enlarged to the next scale's side (linear interpolation), projected (&ge; 0, sum 1).</li>
 * </ol>
 * The coarsest scale starts from Pan et al.'s two-pixel kernel. Deterministic: no randomness, and the same input gives
 * the same kernel. Works on one gray plane in the unit range; a multi-channel image should be passed as its mean.
 */
public final class L0KernelEstimator {

	private final BlindConfig config;

	public L0KernelEstimator(BlindConfig config) {
		this.config = config;
	}

	public BlindConfig config() {
		return config;
	}

	/**
	 * The kernel of y (not periodic: the borders are mirror-padded and left out of the kernel's data term).
	 *
	 * @param y w&times;h gray plane, unit range; not modified
	 * @return config.kernelSize()&sup2; values, &ge; 0, sum 1, centre of mass at the p2o origin
	 */
	public float[] estimate(float[] y, int w, int h) {
		return estimate(y, w, h, null);
	}

	/**
	 * As {@link #estimate(float[], int, int)}, for a measurement of which only the window {@code measured} was
	 * measured (the rest, e.g. a mirrored padding, is not data to the kernel step); null: all of it.
	 */
	public float[] estimate(float[] y, int w, int h, PadFrame measured) {
		if (y == null || y.length != w * h || w < 1 || h < 1) {
			throw new IllegalArgumentException("y must hold w*h values, got " + (y == null ? "null" : y.length)
					+ " for " + w + "x" + h);
		}
		if (measured != null && (measured.paddedWidth() != w || measured.paddedHeight() != h)) {
			throw new IllegalArgumentException("measured frame " + measured + " does not match " + w + "x" + h);
		}
		int ks = config.kernelSize();
		if (Math.min(w, h) < ks) {
			throw new IllegalArgumentException("kernelSize " + ks + " exceeds the image's smaller side " + Math.min(w, h));
		}
		for (float v : y) {
			if (!Float.isFinite(v)) {
				throw new IllegalArgumentException("y has a non-finite value");
			}
		}
		int[] sides = config.kernelSides();
		float[] k = initialKernel(sides[0]);
		for (int s = 0; s < sides.length; s++) {
			int side = sides[s];
			if (s > 0) {
				k = Kernels.project(Resample.resize(k, sides[s - 1], sides[s - 1], side, side), side);
			}
			double f = (double) side / ks;
			k = atScale(y, w, h, measured, f, k, side);
		}
		return k;
	}

	/** Pan et al.'s start: two pixels of 1/2 left of and at the centre. */
	static float[] initialKernel(int side) {
		float[] k = new float[side * side];
		int c = side / 2;
		k[c * side + c - 1] = 0.5f;
		k[c * side + c] = 0.5f;
		return k;
	}

	/** The alternations at the scale f of y (f = 1: full size). */
	private float[] atScale(float[] y, int w, int h, PadFrame measured, double f, float[] k0, int side) {
		int sw = Math.max(side, (int) Math.round(w * f));
		int sh = Math.max(side, (int) Math.round(h * f));
		float[] ys = f == 1 ? y : Resample.resize(y, w, h, sw, sh);
		float[] mask = maskOf(measured, w, h, sw, sh);
		PadFrame frame = new PadFrame(sw, sh, side, side, Padding.roundUp(sw + 2 * side, 8), Padding.roundUp(sh + 2
				* side, 8));
		float[] yp = frame.pad(ys);
		float[] mp = padMask(mask, frame);
		int pw = frame.paddedWidth();
		int ph = frame.paddedHeight();
		float[] k = k0;
		double lambda = config.lambda();
		for (int it = 0; it < config.iterations(); it++) {
			float[] x = L0Latent.restore(yp, pw, ph, k, side, lambda, config.kappa(), config.betaMax());
			k = GradientKernelStep.estimate(x, yp, mp, pw, ph, k, side, config);
			lambda = Math.max(lambda / config.lambdaDecay(), config.lambdaMin());
		}
		return k;
	}

	/** The measured window at the scale's size (1 inside, 0 outside); all ones when everything was measured. */
	private static float[] maskOf(PadFrame measured, int w, int h, int sw, int sh) {
		float[] m = new float[sw * sh];
		if (measured == null) {
			java.util.Arrays.fill(m, 1f);
			return m;
		}
		double fx = (double) sw / w;
		double fy = (double) sh / h;
		int x0 = (int) Math.ceil(measured.left() * fx);
		int x1 = (int) Math.floor((measured.left() + measured.width()) * fx);
		int y0 = (int) Math.ceil(measured.top() * fy);
		int y1 = (int) Math.floor((measured.top() + measured.height()) * fy);
		for (int r = Math.max(0, y0); r < Math.min(sh, y1); r++) {
			for (int c = Math.max(0, x0); c < Math.min(sw, x1); c++) {
				m[r * sw + c] = 1f;
			}
		}
		return m;
	}

	/** The mask in the padded frame: the scale's own padding is not data either. */
	private static float[] padMask(float[] mask, PadFrame frame) {
		float[] out = new float[frame.paddedWidth() * frame.paddedHeight()];
		for (int r = 0; r < frame.height(); r++) {
			System.arraycopy(mask, r * frame.width(), out, (r + frame.top()) * frame.paddedWidth() + frame.left(),
					frame.width());
		}
		return out;
	}
}
