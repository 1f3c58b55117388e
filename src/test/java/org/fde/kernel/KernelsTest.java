package org.fde.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Kernels#threshold}: the clean-up of a blind run's returned kernel. */
class KernelsTest {

	/** A 5x5 kernel: a bright stroke with a faint end and a few stray values (sum 1). */
	private static float[] kernel() {
		float[] k = new float[25];
		k[12] = 0.40f; // centre
		k[13] = 0.30f;
		k[11] = 0.15f;
		k[14] = 0.08f; // 20 % of the maximum: kept at 10 %, removed at 25 %
		k[0] = 0.03f; // 7.5 %: stray
		k[24] = 0.02f; // 5 %: stray
		k[7] = 0.02f;
		return k;
	}

	@Test
	void removesValuesBelowTheFractionOfTheMaximumAndRenormalises() {
		float[] k = kernel();
		float[] before = k.clone();
		float[] t = Kernels.threshold(k, 5, 0.1);
		assertArrayEquals(before, k, "the input must not be modified");
		float kept = 0.40f + 0.30f + 0.15f + 0.08f;
		float[] expected = new float[25];
		expected[12] = 0.40f / kept;
		expected[13] = 0.30f / kept;
		expected[11] = 0.15f / kept;
		expected[14] = 0.08f / kept;
		assertArrayEquals(expected, t, 1e-6f);
		assertEquals(1.0, Kernels.sum(t), 1e-6);
		float[] t25 = Kernels.threshold(k, 5, 0.25);
		assertEquals(0f, t25[14], "20 % of the maximum goes at 25 %");
		assertEquals(0.40f / 0.85f, t25[12], 1e-6f);
	}

	@Test
	void fractionZeroOnlyProjectsAndInvalidFractionsAreNamed() {
		float[] k = kernel();
		k[3] = -0.01f;
		assertArrayEquals(Kernels.project(k, 5), Kernels.threshold(k, 5, 0));
		for (double f : new double[] { -0.01, 1, Double.NaN }) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
					() -> Kernels.threshold(kernel(), 5, f));
			assertEquals("fraction must be in [0, 1), got " + f, e.getMessage());
		}
	}

	@Test
	void aDeltaStaysADelta() {
		assertArrayEquals(Kernels.delta(7), Kernels.threshold(Kernels.delta(7), 7, 0.5));
	}
}
