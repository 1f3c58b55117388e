package org.fde.cli;

import java.io.PrintStream;

import org.fde.stack.ProgressText;
import org.fde.stack.StackDeblur;

/**
 * The command line's progress display: step i/N, elapsed time and time left ({@link ProgressText}). On a terminal
 * one line is rewritten in place; otherwise (a log file, a pipe) a line is printed at most every
 * {@value #LOG_INTERVAL_SECONDS} s, and whenever the stage changes (a new plane, a restart of a failed run), so a
 * restart shows as such instead of the step count jumping back silently.
 */
final class ProgressPrinter implements StackDeblur.Progress {

	static final double LOG_INTERVAL_SECONDS = 10;

	private final PrintStream out;
	private final boolean terminal;
	private final ProgressText text = new ProgressText();
	private long lastPrint = Long.MIN_VALUE;
	private String lastStage;
	private int lastLength;

	ProgressPrinter(PrintStream out, boolean terminal) {
		this.out = out;
		this.terminal = terminal;
	}

	/** For {@code System.out}: in place when a console is attached. */
	static ProgressPrinter to(PrintStream out) {
		return new ProgressPrinter(out, out == System.out && System.console() != null);
	}

	@Override
	public void update(long done, long total, String stage) {
		long now = System.nanoTime();
		boolean stageChanged = lastStage != null && !lastStage.equals(stage);
		boolean last = done >= total;
		double interval = terminal ? 0.5 : LOG_INTERVAL_SECONDS;
		if (!(last || stageChanged || lastPrint == Long.MIN_VALUE || (now - lastPrint) * 1e-9 >= interval)) {
			return;
		}
		String line = "  " + text.line(done, total, stage);
		if (terminal) {
			if (stageChanged) {
				out.println();
			}
			out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
			lastLength = line.length();
			if (last) {
				out.println();
				lastLength = 0;
			}
		} else {
			out.println(line);
		}
		out.flush();
		lastPrint = now;
		lastStage = stage;
	}
}
