package org.fde.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.fde.em.EmConfig;
import org.fde.em.NoiseAdaptation;
import org.junit.jupiter.api.Test;

/** The Log line that says which &lambda; and &Pi;GDM factor the noise level chose for the blind planes. */
class AdaptationNoteTest {

	private static final EmConfig CFG = EmConfig.builder().build(); // lambda 30, Fast EM factor 1, adaptation on

	@Test
	void aCleanPlaneGetsTheLowNoiseLambdaAndTheOfficialFactor() {
		String n = StackDeblur.adaptationNote("channel 1", StackRequest.Method.FAST_EM, CFG, List.of(0.5 / 255));
		assertTrue(n.startsWith("channel 1: lambda 100.0, Fast EM PiGDM factor 1.000 (adapted to the noise"), n);
	}

	@Test
	void planesAcrossTheRangeGiveRangesInTheRightOrder() {
		String n = StackDeblur.adaptationNote("all", StackRequest.Method.FAST_EM, CFG,
				List.of(10.0 / 255, 0.5 / 255, 3.0 / 255));
		assertTrue(n.startsWith("all: lambda 30.00 to 100.0, Fast EM PiGDM factor 1.000 to 1.500"), n);
	}

	@Test
	void diffusionEmNamesLambdaOnly() {
		String n = StackDeblur.adaptationNote("all", StackRequest.Method.DIFFUSION_EM, CFG, List.of(0.02));
		assertTrue(n.startsWith("all: lambda 30.00 (adapted"), n);
		assertFalse(n.contains("PiGDM factor 1"), n);
	}

	@Test
	void theAdaptationOffIsSaid() {
		EmConfig off = CFG.toBuilder().noiseAdaptation(NoiseAdaptation.OFF).build();
		String n = StackDeblur.adaptationNote("all", StackRequest.Method.FAST_EM, off, List.of(0.5 / 255));
		assertEquals("all: lambda 30.00, Fast EM PiGDM factor 1.000 (noise adaptation off)", n);
	}
}
