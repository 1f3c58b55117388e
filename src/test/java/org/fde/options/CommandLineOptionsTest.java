package org.fde.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line's option parser: hyphens in keys are ignored, a repeated option is refused, errors name
 * the option and its allowed range, unread options are reported, and an attached usage text answers {@code --help}.
 */
class CommandLineOptionsTest {

	private static String message(Runnable r) {
		return assertThrows(IllegalArgumentException.class, r::run).getMessage();
	}

	private static CommandLineOptions parse(String... args) {
		return CommandLineOptions.parse(args, 0);
	}

	@Test
	void hyphenatedAndMacroKeySpellingsNameTheSameOption() {
		assertEquals(15, parse("--kernel-size", "15").oddInteger("kernelsize", 33, 3, 129));
		assertEquals(15, parse("--kernelsize", "15").oddInteger("kernelsize", 33, 3, 129));
		assertEquals(15, parse("--kernelsize", "15").oddInteger("kernel-size", 33, 3, 129));
		assertEquals("d", parse("--kernel-model", "d").string("kernelmodel", null));
		assertEquals(33, parse().oddInteger("kernelsize", 33, 3, 129), "the default when absent");
	}

	@Test
	void aRepeatedOptionIsRefusedInEitherSpelling() {
		assertEquals("--kernel-size is given twice (also as --kernelsize): give each option once",
				message(() -> parse("--kernelsize", "15", "--kernel-size", "17")));
		assertEquals("--steps is given twice: give each option once", message(() -> parse("--steps", "5", "--steps",
				"5")));
		assertEquals("--overwrite is given twice: give each option once", message(() -> parse("--overwrite",
				"--overwrite")));
	}

	@Test
	void argumentsBeforeFromAreNotOptions() {
		CommandLineOptions o = CommandLineOptions.parse(new String[] { "deblur", "--steps", "7" }, 1);
		assertEquals(7, o.integer("steps", 50, 2, 1000));
		o.checkAllUsed();
	}

	@Test
	void valuesAndFlags() {
		CommandLineOptions o = parse("--limit", "4", "--dry-run", "--motion-fraction", "0.5", "--seed", "-3",
				"--publish", "false", "--overwrite");
		assertEquals(4, o.integer("limit", 0, 0, 10));
		assertTrue(o.flag("dryrun"), "a key without a value is true");
		assertTrue(o.flag("overwrite"), "also as the last argument");
		assertFalse(o.flag("publish"));
		assertFalse(o.flag("analytic"), "an absent flag is false");
		assertEquals(0.5, o.real("motion-fraction", 0.8, 0, 1));
		assertEquals(-3, o.longInteger("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
		assertEquals(7, o.integer("steps", 7, 2, 1000), "the default when absent");
		assertEquals("x", o.string("out", "x"));
		assertTrue(o.has("limit") && o.has("dryrun") && !o.has("out"));
		o.checkAllUsed(); // every given key was read
	}

	@Test
	void hasDoesNotCountAsReading() {
		CommandLineOptions o = parse("--out", "x");
		assertTrue(o.has("out"));
		assertEquals("unknown option --out", message(o::checkAllUsed));
	}

	@ParameterizedTest
	@ValueSource(strings = { "11", "-1", "2.5", "99999999999", "x", "true" })
	void integersOutsideTheirRangeOrMalformedNameTheOptionAndTheRange(String value) {
		assertEquals("--limit must be an integer in [0, 10], got " + value,
				message(() -> parse("--limit", value).integer("limit", 0, 0, 10)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.5", "-0.1", "five", "NaN", "Infinity" })
	void numbersOutsideTheirRangeOrMalformedNameTheOptionAndTheRange(String value) {
		assertEquals("--keep must be a number in [0.0, 1.0], got " + value,
				message(() -> parse("--keep", value).real("keep", 0.2, 0, 1)));
	}

	@Test
	void nanIsRejectedEvenWithoutAnUpperBound() {
		assertEquals("--lambda must be a number in [0.0, Infinity], got NaN",
				message(() -> parse("--lambda", "NaN").real("lambda", 30, 0, Double.POSITIVE_INFINITY)));
		assertEquals(1e300, parse("--lambda", "1e300").real("lambda", 30, 0, Double.POSITIVE_INFINITY));
	}

	@Test
	void longIntegersSpanTheWholeRangeGiven() {
		assertEquals(Long.MIN_VALUE, parse("--seed", "-9223372036854775808").longInteger("seed", 1, Long.MIN_VALUE,
				Long.MAX_VALUE));
		assertEquals("--seed must be a 64-bit integer, got x",
				message(() -> parse("--seed", "x").longInteger("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE)));
		assertEquals("--seed must be a 64-bit integer, got 9223372036854775808", message(() -> parse("--seed",
				"9223372036854775808").longInteger("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE)));
		assertEquals("--seed must be an integer in [0, 10], got 11",
				message(() -> parse("--seed", "11").longInteger("seed", 1, 0, 10)));
	}

	@Test
	void oddIntegers() {
		assertEquals("--kernelsize must be odd and in [3, 129], got 4",
				message(() -> parse("--kernelsize", "4").oddInteger("kernelsize", 33, 3, 129)));
		assertEquals("--kernelsize must be an integer in [3, 129], got 131",
				message(() -> parse("--kernelsize", "131").oddInteger("kernelsize", 33, 3, 129)));
	}

	@Test
	void choicesMatchIgnoringCaseAndAnswerInTheirOwnSpelling() {
		assertEquals("PiGDM", parse("--guidance", "pigdm").choice("guidance", "DPS", "PiGDM", "DPS"));
		assertEquals("DPS", parse().choice("guidance", "DPS", "PiGDM", "DPS"));
		assertEquals("--guidance must be one of PiGDM, DPS; got 'none'",
				message(() -> parse("--guidance", "none").choice("guidance", "DPS", "PiGDM", "DPS")));
	}

	@Test
	void paths() {
		assertEquals(Path.of("a/b.tif"), parse("--input", "a/b.tif").path("input"));
		assertNull(parse().path("input"));
		assertEquals("--input needs a file or folder name", message(() -> parse("--input").path("input")));
		assertEquals("--input needs a file or folder name", message(() -> parse("--input", " ").path("input")));
		assertEquals(Path.of("k.tif"), parse("--psf", "k.tif").requiredPath("psf", "the kernel"));
		assertEquals("--psf is required (the kernel)", message(() -> parse().requiredPath("psf", "the kernel")));
	}

	@Test
	void anUnreadOptionIsReportedInTheSpellingGiven() {
		CommandLineOptions o = parse("--kernel-sise", "15");
		o.oddInteger("kernelsize", 33, 3, 129);
		assertEquals("unknown option --kernel-sise (did you mean --kernelsize?)", message(o::checkAllUsed));
	}

	@Test
	void theUsageAnswersHelpAndFollowsTheMessagesOfMalformedCommandLines() {
		String[] typo = { "--limt", "3" };
		CommandLineOptions o = CommandLineOptions.parse(typo, 0, "U");
		o.integer("limit", 0, 0, 10);
		assertEquals("unknown option --limt (did you mean --limit?)\nU", message(o::checkAllUsed));
		assertEquals("U", message(() -> CommandLineOptions.parse(new String[] { "--limit", "3", "--help" }, 0, "U")));
		assertEquals("U", message(() -> CommandLineOptions.parse(new String[] { "-h" }, 0, "U")));
		assertEquals("unexpected argument 'quick' (options look like --key value)\nU",
				message(() -> CommandLineOptions.parse(new String[] { "quick" }, 0, "U")));
		assertEquals("--limit must be an integer in [0, 10], got 11", message(() -> CommandLineOptions.parse(
				new String[] { "--limit", "11" }, 0, "U").integer("limit", 0, 0, 10)), "range errors carry no usage");
	}

	@Test
	void withoutAUsageHelpIsAnOptionLikeAnyOther() {
		assertEquals("unknown option --help", message(parse("--help")::checkAllUsed));
		assertEquals("unexpected argument '-h' (options look like --key value)", message(() -> parse("-h")));
	}

	@Test
	void aPositionalArgumentIsRejected() {
		assertEquals("unexpected argument 'in.tif' (options look like --key value)",
				message(() -> parse("--overwrite", "--input", "a.tif", "in.tif")));
	}
}
