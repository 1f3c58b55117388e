package org.fde.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory figures of the {@code bench-memory} and {@code bench-tiling} commands: this process's resident set
 * (VmRSS) and its peak (VmHWM) from {@code /proc/self/status} (Linux only; -1 elsewhere, which the commands say), and
 * the Java heap after a garbage collection. The resident set is what the "resident memory" means: it
 * includes the native memory of PyTorch, which the Java heap figures do not see.
 */
final class ResidentMemory {

	static final Path STATUS = Path.of("/proc/self/status");

	/** Writing "5" here resets VmHWM to the current VmRSS (Linux &ge; 4.0). */
	static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

	private ResidentMemory() {
	}

	/**
	 * A memory field of a {@code /proc/<pid>/status} text, such as {@code "VmRSS:\t  123456 kB"}, in bytes.
	 *
	 * @return -1 when the field is absent or not a number of kB
	 */
	static long fieldBytes(String status, String field) {
		for (String line : status.split("\n")) {
			int colon = line.indexOf(':');
			if (colon < 0 || !line.substring(0, colon).equals(field)) {
				continue;
			}
			String[] parts = line.substring(colon + 1).trim().split("\\s+");
			if (parts.length != 2 || !parts[1].equals("kB")) {
				return -1;
			}
			try {
				long kb = Long.parseLong(parts[0]);
				return kb < 0 ? -1 : kb * 1024;
			} catch (NumberFormatException e) {
				return -1;
			}
		}
		return -1;
	}

	/** The text of /proc/self/status, or null where there is none (not Linux). */
	private static String status() {
		try {
			return Files.readString(STATUS, StandardCharsets.US_ASCII);
		} catch (IOException | UnsupportedOperationException | SecurityException e) {
			return null;
		}
	}

	/** Whether the resident set can be read here. */
	static boolean available() {
		return rssBytes() >= 0;
	}

	/** The resident set size VmRSS in bytes, -1 when unavailable. */
	static long rssBytes() {
		String s = status();
		return s == null ? -1 : fieldBytes(s, "VmRSS");
	}

	/** The peak resident set size VmHWM in bytes (since start or the last {@link #resetPeak}), -1 if unavailable. */
	static long peakBytes() {
		String s = status();
		return s == null ? -1 : fieldBytes(s, "VmHWM");
	}

	/**
	 * Resets VmHWM to the current resident set.
	 *
	 * @return false where the kernel does not allow it (then only sampling can find a peak)
	 */
	static boolean resetPeak() {
		try {
			Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
		} catch (IOException | UnsupportedOperationException | SecurityException e) {
			return false;
		}
		long peak = peakBytes();
		long rss = rssBytes();
		// the reset worked if the peak now lies near the current resident set (allow 64 MiB of growth meanwhile)
		return peak >= 0 && rss >= 0 && peak <= rss + (64L << 20);
	}

	/** Java heap after a full garbage collection (two System.gc() calls, a short pause between). */
	static MemoryUsage heapAfterGc() {
		for (int i = 0; i < 2; i++) {
			System.gc();
			try {
				Thread.sleep(50);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
	}

	/** Bytes as MiB. */
	static double mib(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

	/**
	 * The peak resident set over a stretch of work: VmHWM after a reset where the kernel allows it, and in any case
	 * the largest VmRSS seen by a sampling thread (every 20 ms); the larger of the two.
	 */
	static final class Peak implements AutoCloseable {

		private final boolean reset;
		private final Thread sampler;
		private volatile boolean running = true;
		private volatile long sampled;
		private long result = -1;

		Peak() {
			reset = resetPeak();
			sampled = rssBytes();
			sampler = new Thread(() -> {
				while (running) {
					long r = rssBytes();
					if (r > sampled) {
						sampled = r;
					}
					try {
						Thread.sleep(20);
					} catch (InterruptedException e) {
						return;
					}
				}
			}, "fde-rss-sampler");
			sampler.setDaemon(true);
			sampler.start();
		}

		/** True when VmHWM could be reset (the peak is exact), false when it is the sampled maximum only. */
		boolean exact() {
			return reset;
		}

		/** Stops sampling and returns the peak in bytes (-1 when unavailable). Idempotent. */
		long stop() {
			if (running) {
				running = false;
				sampler.interrupt();
				try {
					sampler.join(1000);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				long hwm = reset ? peakBytes() : -1;
				result = Math.max(hwm, Math.max(sampled, rssBytes()));
			}
			return result;
		}

		@Override
		public void close() {
			stop();
		}
	}
}
