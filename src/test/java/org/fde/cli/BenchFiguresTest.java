package org.fde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.fde.cli.CliFixtures.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The arithmetic of bench-memory's and bench-tiling's verdicts, and their option checks (no network loaded). */
class BenchFiguresTest {

	@Test
	void growthIsRelativeToTheStartingValue() {
		long[] rss = { 500, 1000, 1050, 1100 };
		assertEquals(10.0, BenchFigures.growthPercent(rss, 1, 3), 1e-12);
		assertEquals(-50.0, BenchFigures.growthPercent(new long[] { 200, 100 }, 0, 1), 1e-12);
		assertThrows(IllegalArgumentException.class, () -> BenchFigures.growthPercent(rss, 1, 4));
		assertThrows(IllegalArgumentException.class, () -> BenchFigures.growthPercent(new long[] { 0, 5 }, 0, 1));
	}

	@Test
	void slopeIsTheLeastSquaresTrendFromTheGivenRun() {
		assertEquals(3.0, BenchFigures.slope(new long[] { 999, 10, 13, 16, 19 }, 1), 1e-12);
		assertEquals(0.0, BenchFigures.slope(new long[] { 5, 5, 5 }, 0), 1e-12);
		assertEquals(0.0, BenchFigures.slope(new long[] { 5, 7 }, 1), 0, "one value: no trend");
		// a single outlier in the middle of a flat series gives no trend
		assertEquals(0.0, BenchFigures.slope(new long[] { 10, 10, 40, 10, 10 }, 0), 1e-12);
	}

	@Test
	void scalingRatioDividesByThePixelMultiple() {
		assertEquals(1.0, BenchFigures.scalingRatio(160, 1024, 10, 256), 1e-12);
		assertEquals(1.25, BenchFigures.scalingRatio(200, 1024, 10, 256), 1e-12);
		assertEquals(0.5, BenchFigures.scalingRatio(20, 512, 10, 256), 1e-12);
		assertThrows(IllegalArgumentException.class, () -> BenchFigures.scalingRatio(0, 1024, 10, 256));
		assertThrows(IllegalArgumentException.class, () -> BenchFigures.scalingRatio(1, 1024, Double.NaN, 256));
	}

	@Test
	void verdictPassesAtTheBarAndFailsAboveOrOnNaN() {
		assertEquals("PASS", BenchFigures.verdict(1.2, BenchFigures.SCALING_BAR));
		assertEquals("FAIL", BenchFigures.verdict(1.2000001, BenchFigures.SCALING_BAR));
		assertEquals("PASS", BenchFigures.verdict(9.99, BenchFigures.MEMORY_GROWTH_BAR_PERCENT));
		assertEquals("FAIL", BenchFigures.verdict(Double.NaN, 10));
	}

	@Test
	void medianOfOddAndEvenCounts() {
		assertEquals(2.0, BenchFigures.median(new double[] { 3, 1, 2 }), 0);
		assertEquals(2.5, BenchFigures.median(new double[] { 4, 1, 3, 2 }), 0);
		assertTrue(Double.isNaN(BenchFigures.median(new double[0])));
	}

	@Test
	void projectionReplacesTheMiddleStepsByTheirMedian() {
		// first step 5 s (set-up), middle 2, 2, 3 s (median 2), last 1 s; 0.5 s after the last step
		double[] steps = { 5, 2, 2, 3, 1 };
		double total = 13.5;
		assertEquals(total - 7 + 98 * 2, BenchFigures.projectedSeconds(total, steps, 100), 1e-12);
		assertEquals(total - 7 + 3 * 2, BenchFigures.projectedSeconds(total, steps, 5), 1e-12);
		assertThrows(IllegalArgumentException.class, () -> BenchFigures.projectedSeconds(3, new double[] { 1, 2 },
				100));
	}

	@Test
	void durationsAreDifferencesOfTheStepEnds() {
		assertArrayEquals(new double[] { 1.0, 0.5, 2.0 }, BenchFigures.durations(1_000_000_000L, new long[] {
				2_000_000_000L, 2_500_000_000L, 4_500_000_000L }), 1e-12);
	}

	@Test
	void mibFormatsAndMarksUnavailable() {
		assertEquals("1.5", BenchFigures.mib(3L << 19));
		assertEquals("n/a", BenchFigures.mib(-1));
	}

	@Test
	void tilesPerBatchListTakesNumbersDefaultAndAll() {
		assertEquals(List.of(1, 9), TilingBench.perBatch("default,all", 1, 9));
		assertEquals(List.of(3, 9, 1), TilingBench.perBatch("3, all ,1,3", 1, 9));
		assertEquals(List.of(9), TilingBench.perBatch("20,all", 1, 9), "more than all is all");
		assertEquals(List.of(4), TilingBench.perBatch("default", 4, 9));
		assertThrows(IllegalArgumentException.class, () -> TilingBench.perBatch("two", 1, 9));
		assertThrows(IllegalArgumentException.class, () -> TilingBench.perBatch("0", 1, 9));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { //
			"bench-memory|--runs|1|--runs must be an integer in [2, 1000]", //
			"bench-memory|--path|fiji|--path must be one of command, stack", //
			"bench-memory|--kernelsize|200|--kernelsize must be an integer in [3, 129]", //
			"bench-memory|--size|64|--size must be an integer in [66, 1024]", //
			"bench-memory|--kernelsize|35|--kernelsize must be odd and at most half of --size", //
			"bench-tiling|--steps|2|--steps must be an integer in [3, 1000]", //
			"bench-tiling|--tilesize|40|--tilesize must be 0 (automatic) or at least twice the kernel size", //
			"bench-tiling|--factor|1|--factor must be an integer in [2, 16]", //
			"bench-tiling|--bogus|1|unknown option --bogus", //
			"bench-cost|--kernelsize|34|--kernelsize must be odd and in [3, 129], got 34", //
			"demo|--kernelsize|34|--kernelsize must be odd and in [3, 129], got 34" })
	void badOptionsAreNamedBeforeAnyNetworkLoads(String command, String option, String value, String message) {
		String[] args = option.equals("--kernelsize") && value.equals("35") ? new String[] { command, "--size", "66",
				option, value } : new String[] { command, option, value };
		Run r = CliFixtures.run(args);
		assertEquals(2, r.status(), r.out() + r.err());
		assertTrue(r.err().contains(message), r.err());
	}
}
