package org.fde.stack;

import java.util.Locale;

/**
 * The text of a progress line: step i/N, elapsed time and the estimated time left, for example
 * {@code "step 12/50  0:04 elapsed, ~0:13 left  (plane 1/1)"}. The estimate is the mean time per step after the
 * first (which carries the networks' warm-up) times the steps left; it appears from the second step on.
 * Not thread-safe: one instance per job.
 */
public final class ProgressText {

	private final long startNanos;
	private long firstStepNanos = -1;
	private long firstStepDone = -1;

	/** Starts the clock now. */
	public ProgressText() {
		this(System.nanoTime());
	}

	ProgressText(long startNanos) {
		this.startNanos = startNanos;
	}

	/** The line for {@code done} of {@code total} steps at the current time. */
	public String line(long done, long total, String stage) {
		return line(done, total, stage, System.nanoTime());
	}

	String line(long done, long total, String stage, long now) {
		if (firstStepNanos < 0 && done >= 1) {
			firstStepNanos = now;
			firstStepDone = done;
		}
		double elapsed = (now - startNanos) * 1e-9;
		StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "step %d/%d  %s elapsed", done, total,
				clock(elapsed)));
		long stepsSince = done - firstStepDone;
		if (done < total && stepsSince >= 1) {
			double perStep = (now - firstStepNanos) * 1e-9 / stepsSince;
			b.append(", ~").append(clock(perStep * (total - done))).append(" left");
		}
		if (stage != null && !stage.isEmpty()) {
			b.append("  (").append(stage).append(')');
		}
		return b.toString();
	}

	/** Seconds as m:ss, or h:mm:ss from an hour. */
	public static String clock(double seconds) {
		long s = Math.max(0, Math.round(seconds));
		return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
				: String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
	}
}
