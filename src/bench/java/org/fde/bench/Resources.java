package org.fde.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Wall time and peak memory of a piece of work. The peak memory is the sum over the JVM's heap pools of their peak
 * usage since a reset just before the work: an upper bound of the heap in use (it includes garbage not yet collected,
 * and the pools may peak at different moments). Native memory (PyTorch's tensors, GPU memory) is not included.
 */
final class Resources {

	private Resources() {
	}

	/** Work that returns a value. */
	interface Work<T> {
		T call() throws Exception;
	}

	/** A value with its cost. */
	record Measured<T>(T value, double seconds, long peakBytes) {
	}

	static <T> Measured<T> measure(Work<T> work) throws Exception {
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
			if (p.getType() == MemoryType.HEAP && p.isValid()) {
				p.resetPeakUsage();
			}
		}
		long t0 = System.nanoTime();
		T v = work.call();
		double seconds = (System.nanoTime() - t0) * 1e-9;
		long peak = 0;
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
			if (p.getType() == MemoryType.HEAP && p.isValid() && p.getPeakUsage() != null) {
				peak += p.getPeakUsage().getUsed();
			}
		}
		return new Measured<>(v, seconds, peak);
	}
}
