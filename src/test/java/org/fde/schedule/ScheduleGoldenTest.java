package org.fde.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Golden values of ALGORITHM.md &sect;2 and the &sect;3 table (numpy re-implementation of the official formulas). */
class ScheduleGoldenTest {

	final NoiseSchedule base = NoiseSchedule.paper();
	final RespacedSchedule s = base.respace(100);

	@Test
	void linearScheduleEnd() {
		assertEquals(1e-4, base.beta(0), 1e-15);
		assertEquals(0.02, base.beta(999), 1e-15);
		assertEquals(4.036e-5, base.alphaBar(999), 0.001e-5);
	}

	@Test
	void respacedTimesteps() {
		int[] t = s.timesteps();
		assertEquals(100, t.length);
		assertArrayEquals(new int[] { 0, 10, 20, 30, 40, 50, 61, 71 }, java.util.Arrays.copyOf(t, 8));
		assertEquals(979, t[97]);
		assertEquals(989, t[98]);
		assertEquals(999, t[99]);
		assertEquals(757, t[75]);
		assertEquals(505, t[50]);
		assertEquals(252, t[25]);
		assertEquals(101, t[10]);
		// betas from 1e-4 to 0.189
		assertEquals(1e-4, s.beta(0), 1e-12);
		double max = 0;
		for (int k = 0; k < 100; k++) {
			max = Math.max(max, s.beta(k));
		}
		assertEquals(0.189, max, 0.0005);
	}

	@Test
	void pigdmTable() {
		// idx, alphaBar, v, r2, w (ALGORITHM.md section 3)
		double[][] rows = { { 99, 4.04e-5, 0.1822, 0.1541, 9.0e-4 }, { 75, 2.97e-3, 0.1410, 0.1236, 6.3e-3 },
				{ 50, 0.0739, 0.1043, 0.0944, 2.44e-2 }, { 25, 0.516, 0.0465, 0.0444, 3.12e-2 },
				{ 10, 0.893, 0.0166, 0.0163, 1.53e-2 }, { 1, 0.998, 9.5e-5, 9.5e-5, 9.5e-5 } };
		for (double[] r : rows) {
			int k = (int) r[0];
			assertEquals(r[1], s.alphaBar(k), r[1] * 0.01, "alphaBar at " + k);
			assertEquals(r[2], s.pigdmV(k), r[2] * 0.01, "v at " + k);
			assertEquals(r[3], s.pigdmR2(k), r[3] * 0.01, "r2 at " + k);
			assertEquals(r[4], s.pigdmWeight(k), r[4] * 0.02, "w at " + k);
			assertEquals(s.posteriorVariance(k), s.pigdmV(k), 1e-12, "v is the posterior variance");
		}
		assertEquals(0.0, s.pigdmV(0), 0.0);
		assertEquals(0.0, s.pigdmWeight(0), 0.0);
		assertEquals(1.0, s.posteriorMeanCoefX0(0), 1e-12);
		assertEquals(0.0, s.posteriorMeanCoefXt(0), 1e-12);
	}

	@Test
	void fullRespacingKeepsAllSteps() {
		RespacedSchedule all = base.respace(1000);
		for (int i = 0; i < 1000; i++) {
			assertEquals(i, all.timestep(i));
			assertEquals(base.beta(i), all.beta(i), 1e-12);
		}
	}

	@Test
	void timestepForNoiseInvertsAlphaBar() {
		double t = base.timestepForNoise(2 * 25 / 255.0);
		double ab = base.alphaBarAt(t);
		assertEquals(2 * 25 / 255.0, Math.sqrt((1 - ab) / ab), 1e-6);
	}

	@Test
	void badStepsAreRejected() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> base.respace(1));
		org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("steps"));
	}
}
