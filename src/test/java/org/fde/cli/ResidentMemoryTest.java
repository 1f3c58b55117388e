package org.fde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/** Parsing /proc/self/status and reading this process's resident set. */
class ResidentMemoryTest {

	private static final String STATUS = String.join("\n", //
			"Name:\tjava", //
			"VmPeak:\t 9886376 kB", //
			"VmHWM:\t  1848440 kB", //
			"VmRSS:\t   752004 kB", //
			"RssAnon:\t  600000 kB", //
			"Threads:\t42", //
			"VmBad:\t12 MB", //
			"VmWord:\tmany kB", "");

	@Test
	void fieldsAreReadInBytes() {
		assertEquals(752004L * 1024, ResidentMemory.fieldBytes(STATUS, "VmRSS"));
		assertEquals(1848440L * 1024, ResidentMemory.fieldBytes(STATUS, "VmHWM"));
		assertEquals(600000L * 1024, ResidentMemory.fieldBytes(STATUS, "RssAnon"));
	}

	@Test
	void missingOrMalformedFieldsGiveMinusOne() {
		assertEquals(-1, ResidentMemory.fieldBytes(STATUS, "VmSwap"));
		assertEquals(-1, ResidentMemory.fieldBytes(STATUS, "VmRS"), "only whole field names match");
		assertEquals(-1, ResidentMemory.fieldBytes(STATUS, "Threads"), "not a kB figure");
		assertEquals(-1, ResidentMemory.fieldBytes(STATUS, "VmBad"));
		assertEquals(-1, ResidentMemory.fieldBytes(STATUS, "VmWord"));
		assertEquals(-1, ResidentMemory.fieldBytes("", "VmRSS"));
	}

	@Test
	void thisProcessHasAResidentSetOnLinux() {
		assumeTrue(Files.isReadable(ResidentMemory.STATUS), "no /proc/self/status here");
		long rss = ResidentMemory.rssBytes();
		assertTrue(rss > 1 << 20, "VmRSS " + rss);
		assertTrue(ResidentMemory.peakBytes() >= rss - (64L << 20), "VmHWM below VmRSS");
		try (ResidentMemory.Peak p = new ResidentMemory.Peak()) {
			byte[] touch = new byte[32 << 20];
			java.util.Arrays.fill(touch, (byte) 1);
			long peak = p.stop();
			// the kernel's VmHWM/VmRSS counters are approximate (per-thread batched), hence the same 64 MiB slack
			assertTrue(peak >= rss - (64L << 20), "peak " + peak + " below the resident set before " + rss);
			assertEquals(peak, p.stop(), "stop is idempotent");
			assertEquals(1, touch[touch.length - 1]);
		}
	}
}
