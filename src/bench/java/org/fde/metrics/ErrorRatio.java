package org.fde.metrics;

/**
 * Levin et al.'s error ratio (CVPR 2009, &sect;5; also Sun et al. 2013): with a fixed non-blind deconvolution D,
 * r = SSD(D(y, k&#770;), x) / SSD(D(y, k), x), where k&#770; is the estimated and k the true kernel and each SSD is taken
 * up to a shift ({@link ShiftTolerantSsd}). r = 1 means the estimated kernel is as good as the true one for D; the
 * customary report is the cumulative success rate, the fraction of images with r &le; 2, 3 or 5.
 */
public final class ErrorRatio {

	/** The thresholds at which success rates are reported. */
	public static final double[] THRESHOLDS = { 2, 3, 5 };

	private ErrorRatio() {
	}

	/** r = ssdEstimated / ssdTrue; both must be &ge; 0 and ssdTrue &gt; 0. */
	public static double ratio(double ssdEstimated, double ssdTrue) {
		if (!(ssdTrue > 0) || !(ssdEstimated >= 0)) {
			throw new IllegalArgumentException("SSDs must be >= 0 (and the true-kernel SSD > 0), got " + ssdEstimated
					+ " and " + ssdTrue);
		}
		return ssdEstimated / ssdTrue;
	}

	/** The fraction of ratios &le; threshold; NaN ratios (failed runs) count as failures. Empty input gives NaN. */
	public static double successRate(double[] ratios, double threshold) {
		if (ratios.length == 0) {
			return Double.NaN;
		}
		int ok = 0;
		for (double r : ratios) {
			if (r <= threshold) {
				ok++;
			}
		}
		return ok / (double) ratios.length;
	}
}
