package org.fde.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NoiseAdaptationTest {

	private static final NoiseAdaptation D = NoiseAdaptation.DEFAULT;
	/** A rule with a lambda gain too (lambda x 10/3 at sigma <= 1/255), to exercise the interpolation. */
	private static final NoiseAdaptation GAIN = new NoiseAdaptation(1.0 / 255, 5.0 / 255, 10.0 / 3, 1.5);

	@Test
	void theDefaultsRaiseOnlyFastEmsFactorAtHighNoise() {
		for (double s : new double[] { 0, 0.74 / 255, 2.0 / 255, 5.0 / 255, 20.0 / 255 }) {
			assertEquals(1, D.lambdaFactor(s), 1e-12); // lambda as given at every noise level
		}
		assertEquals(1, D.blindScaleFactor(0.74 / 255), 1e-12); // Levin's estimated level
		assertEquals(1.5, D.blindScaleFactor(5.0 / 255), 1e-12);
		assertEquals(1.5, D.blindScaleFactor(20.0 / 255), 1e-12);
	}

	@Test
	void fullGainsAtTheEndsAndNoneAcross() {
		assertEquals(10.0 / 3, GAIN.lambdaFactor(0), 1e-12);
		assertEquals(10.0 / 3, GAIN.lambdaFactor(0.74 / 255), 1e-12);
		assertEquals(1, GAIN.blindScaleFactor(0.74 / 255), 1e-12);
		assertEquals(1, GAIN.lambdaFactor(5.0 / 255), 1e-12);
		assertEquals(1.5, GAIN.blindScaleFactor(5.0 / 255), 1e-12);
		assertEquals(30 * 10.0 / 3, 30 * GAIN.lambdaFactor(0), 1e-9);
	}

	@Test
	void geometricInLogSigmaBetween() {
		double mid = Math.sqrt(1.0 / 255 * 5.0 / 255); // halfway in log sigma
		assertEquals(0.5, GAIN.position(mid), 1e-12);
		assertEquals(Math.sqrt(10.0 / 3), GAIN.lambdaFactor(mid), 1e-12);
		assertEquals(Math.sqrt(1.5), GAIN.blindScaleFactor(mid), 1e-12);
		assertEquals(Math.sqrt(1.5), D.blindScaleFactor(mid), 1e-12);
		double previous = Double.POSITIVE_INFINITY;
		for (double s = 0.5; s <= 6; s += 0.25) {
			double f = GAIN.lambdaFactor(s / 255);
			assertTrue(f <= previous, "lambda factor must not grow with sigma");
			previous = f;
		}
	}

	@Test
	void offChangesNothingAndBadSettingsAreRefused() {
		for (double s : new double[] { 0, 0.5 / 255, 2.0 / 255, 10.0 / 255 }) {
			assertEquals(1, NoiseAdaptation.OFF.lambdaFactor(s), 0);
			assertEquals(1, NoiseAdaptation.OFF.blindScaleFactor(s), 0);
		}
		assertThrows(IllegalArgumentException.class, () -> new NoiseAdaptation(0.02, 0.01, 1, 1));
		assertThrows(IllegalArgumentException.class, () -> new NoiseAdaptation(0.01, 0.02, 0, 1));
		assertEquals(NoiseAdaptation.DEFAULT, EmConfig.builder().build().tuning().noiseAdaptation());
	}
}
