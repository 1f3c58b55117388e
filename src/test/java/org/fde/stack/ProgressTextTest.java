package org.fde.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The progress line: step i/N, elapsed time, and the time left from the steps after the first. */
class ProgressTextTest {

	private static final long S = 1_000_000_000L;

	@Test
	void showsStepElapsedAndTimeLeft() {
		ProgressText p = new ProgressText(0);
		// the first step took 10 s (warm-up): no estimate yet
		assertEquals("step 1/50  0:10 elapsed  (plane 1/1)", p.line(1, 50, "plane 1/1", 10 * S));
		// 2 s per step after it: 39 steps left at step 11 -> 78 s
		assertEquals("step 11/50  0:30 elapsed, ~1:18 left", p.line(11, 50, "", 30 * S));
		assertEquals("step 50/50  1:48 elapsed", p.line(50, 50, null, 108 * S));
	}

	@Test
	void clockFormatsMinutesAndHours() {
		assertEquals("0:00", ProgressText.clock(0.2));
		assertEquals("2:05", ProgressText.clock(125));
		assertEquals("1:01:01", ProgressText.clock(3661));
	}
}
