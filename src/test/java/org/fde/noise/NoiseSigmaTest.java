package org.fde.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class NoiseSigmaTest {

	@Test
	void givenValueIsUsedAsIs() {
		NoiseSigma s = NoiseSigma.given(0.02);
		assertFalse(s.isEstimated());
		assertEquals(0.02, s.value());
		assertEquals(0.02, s.resolve(new float[][] { new float[16] }, 4, 4));
		assertEquals(s, NoiseSigma.ofField(s.fieldValue()));
	}

	@Test
	void estimateResolvesOnTheMeasurement() {
		SplittableRandom rng = new SplittableRandom(4);
		float[] plane = new float[64 * 64];
		for (int i = 0; i < plane.length; i++) {
			plane[i] = (float) (0.5 + 0.05 * rng.nextGaussian());
		}
		NoiseSigma s = NoiseSigma.ofField(0);
		assertTrue(s.isEstimated());
		assertEquals(0, s.fieldValue());
		assertEquals(0.05, s.resolve(new float[][] { plane }, 64, 64), 0.005);
		assertThrows(IllegalStateException.class, s::value);
	}

	@Test
	void rangeErrorsNameTheParameter() {
		for (double bad : new double[] { 0, -0.1, 1, Double.NaN, Double.POSITIVE_INFINITY }) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NoiseSigma.given(bad));
			assertTrue(e.getMessage().contains("sigma") && e.getMessage().contains("(0, 1)"), e.getMessage());
		}
		for (double bad : new double[] { -0.1, 1, Double.NaN }) {
			assertThrows(IllegalArgumentException.class, () -> NoiseSigma.ofField(bad));
		}
	}
}
