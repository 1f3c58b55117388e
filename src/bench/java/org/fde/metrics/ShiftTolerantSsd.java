package org.fde.metrics;

/**
 * The sum of squared differences between an estimate and a reference allowing for a global integer translation, as
 * Levin, Weiss, Durand &amp; Freeman's {@code comp_upto_shift} (CVPR 2009 evaluation code): the reference is cropped by
 * {@code crop} pixels on every side and compared with the estimate shifted by every (dy, dx) with |dy|, |dx| &le;
 * {@code maxShift}; the smallest SSD wins. Levin's code uses a 15-pixel crop, &plusmn;5 pixels and quarter-pixel
 * bilinear steps; this class uses integer steps (a real capture's shift is then matched to within half a pixel).
 */
public final class ShiftTolerantSsd {

	/** Levin's maximum shift in pixels. */
	public static final int LEVIN_MAX_SHIFT = 5;
	/** Levin's border crop in pixels. */
	public static final int LEVIN_CROP = 15;

	private ShiftTolerantSsd() {
	}

	/**
	 * @param dy    the estimate's row offset: reference (y, x) is matched with estimate (y + dy, x + dx)
	 * @param dx    the column offset
	 * @param ssd   &Sigma; (estimate(y+dy, x+dx) &minus; reference(y, x))&sup2; over the cropped reference
	 * @param count number of pixels summed
	 */
	public record Match(int dy, int dx, double ssd, long count) {

		/** Mean squared error of the match. */
		public double mse() {
			return ssd / count;
		}

		/** PSNR in dB for a peak of 1. */
		public double psnr() {
			return 10 * Math.log10(count / ssd);
		}
	}

	/**
	 * The best integer alignment of {@code estimate} to {@code reference} (both w&times;h, row-major).
	 *
	 * @throws IllegalArgumentException unless 0 &le; maxShift &le; crop and the cropped region is non-empty
	 */
	public static Match best(float[] estimate, float[] reference, int w, int h, int maxShift, int crop) {
		if (estimate.length != w * h || reference.length != w * h) {
			throw new IllegalArgumentException("planes must have w*h = " + w * h + " values, got " + estimate.length
					+ " and " + reference.length);
		}
		if (maxShift < 0 || crop < maxShift) {
			throw new IllegalArgumentException("need 0 <= maxShift <= crop, got maxShift " + maxShift + ", crop " + crop);
		}
		if (2 * crop >= Math.min(w, h)) {
			throw new IllegalArgumentException("crop " + crop + " leaves nothing of a " + w + "x" + h + " image");
		}
		Match best = null;
		for (int dy = -maxShift; dy <= maxShift; dy++) {
			for (int dx = -maxShift; dx <= maxShift; dx++) {
				double s = 0;
				long n = 0;
				for (int y = crop; y < h - crop; y++) {
					int ro = y * w;
					int eo = (y + dy) * w + dx;
					for (int x = crop; x < w - crop; x++) {
						double d = estimate[eo + x] - reference[ro + x];
						s += d * d;
					}
					n += w - 2 * crop;
				}
				if (best == null || s < best.ssd()
						|| (s == best.ssd() && Math.abs(dy) + Math.abs(dx) < Math.abs(best.dy()) + Math.abs(best.dx()))) {
					best = new Match(dy, dx, s, n);
				}
			}
		}
		return best;
	}

	/** Levin's settings: &plusmn;5 pixels over the reference cropped by 15 pixels. */
	public static Match levin(float[] estimate, float[] reference, int w, int h) {
		return best(estimate, reference, w, h, LEVIN_MAX_SHIFT, LEVIN_CROP);
	}
}
