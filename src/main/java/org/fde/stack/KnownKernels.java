package org.fde.stack;

import org.fde.kernel.Kernels;

/**
 * Kernels for the non-blind method taken from a PSF image: one plane (shared by all channels) or one plane per
 * channel, each placed in an odd square window and normalised. Immutable.
 * <p>
 * A w&times;h plane goes into a window of side s = max(w, h), plus one if even, so that its pixel
 * (&lfloor;w/2&rfloor;, &lfloor;h/2&rfloor;) lands on the window's origin (&lfloor;s/2&rfloor;, &lfloor;s/2&rfloor;)
 * (the centre convention of the solvers and of the Simulate Blur kernels); the PSF is not re-centred. Negative
 * values (background subtraction residue) are set to 0 and the kernel is scaled to sum 1.
 *
 * @param size    the window side s (odd)
 * @param kernels one kernel (shared) or one per channel, each size&sup2; values, &ge; 0, sum 1
 */
public record KnownKernels(int size, float[][] kernels) {

	public KnownKernels {
		if (size < 1 || size % 2 == 0) {
			throw new IllegalArgumentException("kernel size must be odd and >= 1, got " + size);
		}
	}

	/**
	 * @param psf      Z = T = 1; C = 1 or the image's channel count; every value finite; each plane with a positive
	 *                 value
	 * @param channels the image's channel count
	 * @throws IllegalArgumentException naming the problem
	 */
	public static KnownKernels fromPsf(Hyperstack psf, int channels) {
		if (psf.slices() != 1 || psf.frames() != 1) {
			throw new IllegalArgumentException("the PSF must be a single plane (or one plane per channel), got "
					+ psf.slices() + " slices and " + psf.frames() + " frames: give the in-focus plane");
		}
		if (psf.channels() != 1 && psf.channels() != channels) {
			throw new IllegalArgumentException("the PSF has " + psf.channels() + " channels but the image has "
					+ channels + ": give one PSF plane for all channels, or one per channel");
		}
		String bad = psf.firstNonFinite();
		if (bad != null) {
			throw new IllegalArgumentException("the PSF contains NaN or infinite values: " + bad);
		}
		int w = psf.width();
		int h = psf.height();
		int s = Math.max(w, h);
		if (s % 2 == 0) {
			s++;
		}
		if (s > ParameterRanges.KERNEL_SIZE_MAX) {
			throw new IllegalArgumentException("the PSF (" + w + "x" + h + ") needs a " + s + "x" + s + " kernel, "
					+ "more than " + ParameterRanges.KERNEL_SIZE_MAX + ": crop it around its centre");
		}
		if (s < 3) {
			throw new IllegalArgumentException("the PSF (" + w + "x" + h + ") is too small: it must be at least 2 "
					+ "pixels wide or high (the kernel window is at least 3x3)");
		}
		int left = s / 2 - w / 2;
		int top = s / 2 - h / 2;
		float[][] k = new float[psf.channels()][];
		for (int c = 0; c < k.length; c++) {
			float[] p = psf.plane(c, 0, 0);
			float[] win = new float[s * s];
			boolean positive = false;
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					float v = p[y * w + x];
					positive |= v > 0;
					win[(y + top) * s + x + left] = v;
				}
			}
			if (!positive) {
				throw new IllegalArgumentException("the PSF" + (k.length > 1 ? " of channel " + (c + 1) : "")
						+ " has no positive value: it cannot be normalised to sum 1");
			}
			k[c] = Kernels.project(win, s);
		}
		return new KnownKernels(s, k);
	}

	/**
	 * Checks the known kernels of a non-blind request: one, or one per channel (exactly when {@code perChannel}), each
	 * size&sup2; finite values with a positive sum.
	 *
	 * @throws IllegalArgumentException naming the kernel at fault
	 */
	static void check(float[][] kernels, int size, boolean perChannel) {
		if (kernels == null || kernels.length == 0) {
			throw new IllegalArgumentException("the non-blind method needs one kernel or one per channel");
		}
		if (perChannel != (kernels.length > 1)) {
			throw new IllegalArgumentException("perChannel must be true exactly when more than one kernel is "
					+ "given, got perChannel=" + perChannel + " with " + kernels.length + " kernel(s)");
		}
		for (int j = 0; j < kernels.length; j++) {
			float[] k = kernels[j];
			if (k == null || k.length != size * size) {
				throw new IllegalArgumentException("kernel " + (j + 1) + " must have " + size + "x" + size + " values");
			}
			double sum = 0;
			for (float v : k) {
				if (!Float.isFinite(v)) {
					throw new IllegalArgumentException("kernel " + (j + 1) + " contains NaN or infinite values");
				}
				sum += Math.max(v, 0);
			}
			if (!(sum > 0)) {
				throw new IllegalArgumentException("kernel " + (j + 1) + " has no positive value (all zero or "
						+ "negative): it cannot be normalised to sum 1");
			}
		}
	}
}
