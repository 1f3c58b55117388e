package org.fde.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The user's sigma in the image's units, and its mapping onto the unit range. */
class NoiseSigmaUnitsTest {

	@Test
	void zeroIsEstimateAndStaysEstimate() {
		NoiseSigma s = NoiseSigma.inImageUnits(0);
		assertTrue(s.isEstimated());
		assertFalse(s.isOnUnitRange());
		NoiseSigma u = s.toUnitRange(v -> v / 1000);
		assertTrue(u.isEstimated() && u.isOnUnitRange());
	}

	@Test
	void aGivenValueIsMappedByTheNormalisation() {
		NoiseSigma s = NoiseSigma.inImageUnits(50);
		assertEquals(50, s.value());
		NoiseSigma u = s.toUnitRange(v -> v / 1000);
		assertTrue(u.isOnUnitRange());
		assertEquals(0.05, u.value(), 1e-15);
		assertEquals(NoiseSigma.given(0.05), u);
		assertThrows(IllegalArgumentException.class, () -> s.toUnitRange(v -> v / 10), "5 is not below 1");
	}

	@Test
	void badValuesAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> NoiseSigma.inImageUnits(-1));
		assertThrows(IllegalArgumentException.class, () -> NoiseSigma.inImageUnits(Double.NaN));
		assertThrows(IllegalArgumentException.class, () -> NoiseSigma.inImageUnits(Double.POSITIVE_INFINITY));
	}
}
