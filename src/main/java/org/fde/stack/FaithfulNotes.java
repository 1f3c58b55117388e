package org.fde.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.fde.em.FaithfulEstimate;

/**
 * The log lines that say how well the faithful estimates explain the data: the reblur residual RMS(k &#8859; x
 * &minus; y) over the measured pixels against the noise level &sigma; (both on the normalised [0, 1] range). A ratio
 * near 1 means the estimate explains the measurement down to its noise; well above 1, the kernel or the model misses
 * something (a kernel too small, a wrong PSF, saturation); well below 1, the estimate fits noise.
 */
final class FaithfulNotes {

	/** Ratios above this are listed run by run. */
	static final double HIGH_RATIO = 1.5;

	/** One run's residual: where, its RMS and &sigma;. */
	record Residual(String stage, double rms, double sigma) {

		double ratio() {
			return sigma > 0 ? rms / sigma : Double.NaN;
		}
	}

	private FaithfulNotes() {
	}

	/** No line when there is no estimate; one summary line, plus one per run whose ratio exceeds {@link #HIGH_RATIO}. */
	static List<String> describe(List<Residual> runs) {
		List<String> out = new ArrayList<>();
		if (runs.isEmpty()) {
			return out;
		}
		String what = String.format(Locale.ROOT, "faithful estimate (plug-and-play HQS, %d iterations, given the final "
				+ "kernel)", FaithfulEstimate.Settings.DEFAULT.iterations());
		if (runs.size() == 1) {
			Residual r = runs.get(0);
			out.add(String.format(Locale.ROOT, "%s: reblur residual %s sigma (RMS %.3g, sigma %.3g on the normalised "
					+ "[0, 1] range)", what, ratio(r.ratio()), r.rms(), r.sigma()));
		} else {
			double[] q = runs.stream().mapToDouble(Residual::ratio).filter(Double::isFinite).sorted().toArray();
			out.add(q.length == 0 ? what + ": noise level 0, no reblur ratio"
					: String.format(Locale.ROOT, "%s: reblur residual %s to %s sigma over %d runs (median %s)", what,
							ratio(q[0]), ratio(q[q.length - 1]), runs.size(), ratio(q[q.length / 2])));
		}
		for (Residual r : runs) {
			if (r.ratio() > HIGH_RATIO) {
				out.add(String.format(Locale.ROOT, "%s: the estimate leaves a reblur residual of %s sigma: the kernel "
						+ "(size, or the PSF given) or the noise level may not fit the data", r.stage(),
						ratio(r.ratio())));
			}
		}
		return out;
	}

	private static String ratio(double v) {
		return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f x", v) : "n/a";
	}
}
