package org.fde.cli;

import java.util.Arrays;
import java.util.Locale;

/**
 * The arithmetic of the {@code bench-memory} and {@code bench-tiling} verdicts (issue #3's two measurable checks),
 * kept apart from the timing so that it can be tested.
 */
final class BenchFigures {

	/** Issue #3: repeated runs keep resident memory flat within this many percent. */
	static final double MEMORY_GROWTH_BAR_PERCENT = 10;

	/** Issue #3: a 4&times; larger side may take at most this many times 16&times; the small image's time. */
	static final double SCALING_BAR = 1.2;

	private BenchFigures() {
	}

	/**
	 * Growth from {@code values[from]} to {@code values[to]} in percent of {@code values[from]}.
	 *
	 * @throws IllegalArgumentException for indices outside the array or a non-positive starting value
	 */
	static double growthPercent(long[] values, int from, int to) {
		if (from < 0 || to < 0 || from >= values.length || to >= values.length) {
			throw new IllegalArgumentException("indices " + from + " and " + to + " outside [0, " + values.length
					+ ")");
		}
		if (values[from] <= 0) {
			throw new IllegalArgumentException("the starting value must be positive, got " + values[from]);
		}
		return 100.0 * (values[to] - values[from]) / values[from];
	}

	/**
	 * The least-squares slope of {@code values[from..]} against their index (the trend per run), 0 for fewer than
	 * two values.
	 */
	static double slope(long[] values, int from) {
		int n = values.length - from;
		if (n < 2) {
			return 0;
		}
		double mx = 0;
		double my = 0;
		for (int i = from; i < values.length; i++) {
			mx += i;
			my += values[i];
		}
		mx /= n;
		my /= n;
		double sxy = 0;
		double sxx = 0;
		for (int i = from; i < values.length; i++) {
			sxy += (i - mx) * (values[i] - my);
			sxx += (i - mx) * (i - mx);
		}
		return sxy / sxx;
	}

	/**
	 * t_large / ((large/small)&sup2; &middot; t_small): 1 when the runtime grows exactly with the pixel count.
	 *
	 * @param large side of the large image
	 * @param small side of the small image
	 */
	static double scalingRatio(double largeSeconds, int large, double smallSeconds, int small) {
		if (!(largeSeconds > 0) || !(smallSeconds > 0) || large < 1 || small < 1) {
			throw new IllegalArgumentException("times and sizes must be positive");
		}
		double pixels = (double) large * large / ((double) small * small);
		return largeSeconds / (pixels * smallSeconds);
	}

	/** "PASS" when {@code value <= bar}, else "FAIL" (NaN fails). */
	static String verdict(double value, double bar) {
		return value <= bar ? "PASS" : "FAIL";
	}

	/** The median (the mean of the two middle values for an even count); NaN for none. */
	static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] s = values.clone();
		Arrays.sort(s);
		int m = s.length / 2;
		return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
	}

	/**
	 * A run's time projected to another number of steps: the measured total with its middle steps (all but the first,
	 * which carries the set-up, and the last, which has no guidance) replaced by {@code steps - 2} steps of their
	 * median.
	 *
	 * @param total        measured seconds of the whole run
	 * @param stepSeconds  the measured duration of every step, in order (at least 3)
	 * @param steps        the number of steps to project to (at least 3)
	 */
	static double projectedSeconds(double total, double[] stepSeconds, int steps) {
		if (stepSeconds.length < 3 || steps < 3) {
			throw new IllegalArgumentException("a projection needs at least 3 measured and 3 projected steps");
		}
		double[] middle = Arrays.copyOfRange(stepSeconds, 1, stepSeconds.length - 1);
		double sum = 0;
		for (double d : middle) {
			sum += d;
		}
		return total - sum + (steps - 2) * median(middle);
	}

	/** Step durations from the times at which each step ended, the first counted from {@code start}. */
	static double[] durations(long startNanos, long[] stepEndNanos) {
		double[] d = new double[stepEndNanos.length];
		long prev = startNanos;
		for (int i = 0; i < d.length; i++) {
			d[i] = (stepEndNanos[i] - prev) * 1e-9;
			prev = stepEndNanos[i];
		}
		return d;
	}

	/** Bytes as "123.4" MiB, or "n/a" for a negative (unavailable) value. */
	static String mib(long bytes) {
		return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", ResidentMemory.mib(bytes));
	}
}
