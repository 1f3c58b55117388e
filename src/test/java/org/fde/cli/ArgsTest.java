package org.fde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The option parser: hyphens in keys are ignored, repeats and unread options are errors. */
class ArgsTest {

	@Test
	void hyphenatedAndMacroKeySpellingsNameTheSameOption() {
		assertEquals(15, new Args(new String[] { "--kernel-size", "15" }, 0).oddInteger("kernelsize", 33, 3, 129));
		assertEquals(15, new Args(new String[] { "--kernelsize", "15" }, 0).oddInteger("kernelsize", 33, 3, 129));
		assertEquals("d", new Args(new String[] { "--kernel-model", "d" }, 0).string("kernelmodel", null));
		assertEquals(33, new Args(new String[0], 0).oddInteger("kernelsize", 33, 3, 129));
	}

	@Test
	void aRepeatedOptionTakesItsLastValueInEitherSpelling() {
		Args a = new Args(new String[] { "--kernelsize", "15", "--kernel-size", "17" }, 0);
		assertEquals(17, a.oddInteger("kernelsize", 33, 3, 129));
	}

	@Test
	void anUnreadOptionIsReportedInTheSpellingGiven() {
		Args a = new Args(new String[] { "--kernel-sise", "15" }, 0);
		a.oddInteger("kernelsize", 33, 3, 129);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, a::checkAllUsed);
		assertEquals("unknown option --kernel-sise", e.getMessage());
	}
}
