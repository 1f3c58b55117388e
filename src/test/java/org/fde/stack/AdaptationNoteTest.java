package org.fde.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.fde.em.EmConfig;
import org.fde.em.NoiseAdaptation;
import org.junit.jupiter.api.Test;

/** The Log line that says which &lambda; and &Pi;GDM factor the noise level chose for the blind planes. */
class AdaptationNoteTest {

	private static final EmConfig CFG = EmConfig.builder().build(); // lambda 30, Fast EM factor 1, adaptation on

	@Test
	void aCleanPlaneGetsTheGivenLambdaAndTheOfficialFactor() {
		String n = StackNotes.adaptationNote("channel 1", StackRequest.Method.FAST_EM, CFG, List.of(0.5 / 255));
		assertEquals("channel 1: lambda 30.00, Fast EM PiGDM factor 1.000 (adapted to the noise: PiGDM factor x1.500 "
				+ "at sigma >= 5.000/255 of the [0, 1] range)", n);
	}

	@Test
	void planesAcrossTheRangeGiveRangesInTheRightOrder() {
		String n = StackNotes.adaptationNote("all", StackRequest.Method.FAST_EM, CFG,
				List.of(10.0 / 255, 0.5 / 255, 3.0 / 255));
		assertTrue(n.startsWith("all: lambda 30.00, Fast EM PiGDM factor 1.000 to 1.500"), n);
		EmConfig s14 = CFG.toBuilder().tuning(t -> t.withNoiseAdaptation(new NoiseAdaptation(1.0 / 255, 5.0 / 255, 10.0 / 3, 1.5))).build();
		n = StackNotes.adaptationNote("all", StackRequest.Method.FAST_EM, s14, List.of(10.0 / 255, 0.5 / 255));
		assertTrue(n.startsWith("all: lambda 30.00 to 100.0, Fast EM PiGDM factor 1.000 to 1.500 (adapted to the "
				+ "noise: lambda x3.333 at sigma <= 1.000/255, PiGDM factor x1.500"), n);
	}

	@Test
	void diffusionEmNamesLambdaOnly() {
		String n = StackNotes.adaptationNote("all", StackRequest.Method.DIFFUSION_EM, CFG, List.of(0.02));
		assertEquals("all: lambda 30.00 (no noise adaptation for this method)", n);
		EmConfig s14 = CFG.toBuilder().tuning(t -> t.withNoiseAdaptation(new NoiseAdaptation(1.0 / 255, 5.0 / 255, 10.0 / 3, 1.5))).build();
		n = StackNotes.adaptationNote("all", StackRequest.Method.DIFFUSION_EM, s14, List.of(0.5 / 255));
		assertEquals("all: lambda 100.0 (adapted to the noise: lambda x3.333 at sigma <= 1.000/255 of the [0, 1] "
				+ "range)", n);
	}

	@Test
	void theAdaptationOffIsSaid() {
		EmConfig off = CFG.toBuilder().tuning(t -> t.withNoiseAdaptation(NoiseAdaptation.OFF)).build();
		String n = StackNotes.adaptationNote("all", StackRequest.Method.FAST_EM, off, List.of(0.5 / 255));
		assertEquals("all: lambda 30.00, Fast EM PiGDM factor 1.000 (noise adaptation off)", n);
	}
}
