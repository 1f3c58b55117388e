package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bench package's option parser (bench, mstep-pairs). */
class BenchOptionsTest {

	private static String message(Runnable r) {
		return assertThrows(IllegalArgumentException.class, r::run).getMessage();
	}

	@Test
	void valuesFlagsAndHyphens() {
		BenchOptions o = BenchOptions.parse(new String[] { "--limit", "4", "--dry-run", "--motion-fraction", "0.5",
				"--seed", "-3", "--publish", "false" }, "USAGE");
		assertEquals(4, o.integer("limit", 0, 0, 10));
		assertTrue(o.flag("dryrun"), "hyphens inside keys are ignored");
		assertFalse(o.flag("publish"));
		assertFalse(o.flag("analytic"), "an absent flag is false");
		assertEquals(0.5, o.number("motion-fraction", 0.8, 0, 1));
		assertEquals(-3, o.longInteger("seed", 1));
		assertEquals(7, o.integer("steps", 7, 2, 1000), "the default when absent");
		assertEquals("x", o.text("out", "x"));
		assertTrue(o.has("limit") && !o.has("out"));
		o.rejectUnknown(); // every given key was read
	}

	@Test
	void errorsNameTheOptionAndItsRange() {
		assertEquals("--limit must be an integer in [0, 10], got 11",
				message(() -> BenchOptions.parse(new String[] { "--limit", "11" }, "U").integer("limit", 0, 0, 10)));
		assertEquals("--limit must be an integer in [0, 10], got 2.5",
				message(() -> BenchOptions.parse(new String[] { "--limit", "2.5" }, "U").integer("limit", 0, 0, 10)));
		assertEquals("--keep must be a number in [0.0, 1.0], got NaN",
				message(() -> BenchOptions.parse(new String[] { "--keep", "NaN" }, "U").number("keep", 0.2, 0, 1)));
		assertEquals("--seed must be an integer, got x",
				message(() -> BenchOptions.parse(new String[] { "--seed", "x" }, "U").longInteger("seed", 1)));
		BenchOptions o = BenchOptions.parse(new String[] { "--limt", "3" }, "U");
		o.integer("limit", 0, 0, 10);
		assertEquals("unknown option --limt\nU", message(o::rejectUnknown));
		assertEquals("U", message(() -> BenchOptions.parse(new String[] { "--help" }, "U")));
		assertTrue(message(() -> BenchOptions.parse(new String[] { "quick" }, "U")).startsWith(
				"unexpected argument 'quick'"));
	}
}
