package org.fde.cli;

/**
 * The command line's log levels (slf4j-simple, configured through system properties before the first logger is
 * made). By default only warnings and errors are shown, and DJL's start-up noise on machines without a GPU (two
 * "Failed to detect GPU count" warnings from its CUDA probe, and the graph optimizer and platform INFO lines) is
 * left out: the commands print one line of their own saying where the networks run, and why
 * ({@link org.fde.djl.DjlEnvironment#deviceSummary}). {@code --verbose} shows everything at INFO.
 */
final class CliLogging {

	private static final String PREFIX = "org.slf4j.simpleLogger.";

	private CliLogging() {
	}

	/** Sets the levels unless the user set them with {@code -Dorg.slf4j.simpleLogger...} already. */
	static void configure(boolean verbose) {
		setIfAbsent(PREFIX + "defaultLogLevel", verbose ? "info" : "warn");
		// DJL's CUDA probe warns twice when no NVIDIA driver is installed: expected on a CPU-only machine
		setIfAbsent(PREFIX + "log.ai.djl.util.cuda.CudaUtils", verbose ? "info" : "error");
		setIfAbsent(PREFIX + "showThreadName", "false");
		setIfAbsent(PREFIX + "showShortLogName", "true");
	}

	private static void setIfAbsent(String key, String value) {
		if (System.getProperty(key) == null) {
			System.setProperty(key, value);
		}
	}
}
