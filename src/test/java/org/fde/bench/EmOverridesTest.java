package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.fde.em.EmConfig;
import org.fde.em.EmTuning;
import org.fde.em.NoiseAdaptation;
import org.fde.noise.NoiseSigma;
import org.junit.jupiter.api.Test;

/** {@code bench --em}: parsing, range checks, the cache key, and that the settings reach the solver. */
class EmOverridesTest {

	@Test
	void blankIsNoneAndLeavesTheDefaults() {
		assertSame(EmOverrides.NONE, EmOverrides.parse(null));
		assertSame(EmOverrides.NONE, EmOverrides.parse("  "));
		assertEquals("", EmOverrides.NONE.tag());
		assertEquals(0.03, EmOverrides.NONE.sigma(0.03));
		EmConfig d = EmConfig.builder().kernelSize(33).sigma(NoiseSigma.given(0.02)).build();
		EmConfig o = EmOverrides.NONE.apply(EmConfig.builder().kernelSize(33).sigma(NoiseSigma.given(0.02))).build();
		assertEquals(d.mStep(), o.mStep());
		assertEquals(d.tuning(), o.tuning());
	}

	@Test
	void appliesEachKeyAndTagsThemSorted() {
		EmOverrides o = EmOverrides.parse("beta=1e5,mstep-iterations=3,pigdm-scale=0.5,"
				+ "masked-cg=0,centre-kernel=false,lambda=0.2,dps-scale=2,blind-pigdm-scale=3");
		EmConfig c = o.apply(EmConfig.builder().kernelSize(33).sigma(NoiseSigma.given(0.02))).build();
		assertEquals(1e5, c.mStep().beta());
		assertEquals(0.2, c.mStep().lambda());
		assertEquals(3, c.mStep().iterations());
		assertFalse(c.tuning().centreKernel());
		assertEquals(0.5, c.tuning().pigdmScale());
		assertEquals(2.0, c.tuning().dpsScale());
		assertEquals(0, c.tuning().maskedGuidanceIterations());
		assertEquals(3.0, c.tuning().blindPigdmScale());
		assertTrue(o.tag().startsWith("-obeta=1e5+blind-pigdm-scale=3+centre-kernel=false+dps-scale=2+"), o.tag());
		assertTrue(o.tag().endsWith("+pigdm-scale=0.5"), o.tag());
		EmConfig e = EmOverrides.NONE.apply(EmConfig.builder().kernelSize(33).sigma(NoiseSigma.given(0.02))).build();
		assertEquals(EmTuning.SUPPORT_START_DEFAULT, e.tuning().supportStart());
		assertEquals(0, EmOverrides.parse("support-start=0").apply(EmConfig.builder().kernelSize(65)
				.sigma(NoiseSigma.given(0.02))).build().tuning().supportStart());
		assertEquals(EmOverrides.parse("mstep-iterations=3,beta=1e5").tag(),
				EmOverrides.parse("beta=1e5,mstep-iterations=3").tag(), "the order given does not matter");
	}

	@Test
	void noiseAdaptiveChoosesTheRule() {
		EmConfig.Builder b = EmConfig.builder().kernelSize(33).sigma(NoiseSigma.given(0.02));
		assertEquals(NoiseAdaptation.DEFAULT, EmOverrides.NONE.apply(b).build().tuning().noiseAdaptation());
		assertEquals(NoiseAdaptation.DEFAULT,
				EmOverrides.parse("noise-adaptive=true").apply(b).build().tuning().noiseAdaptation());
		assertEquals(NoiseAdaptation.OFF,
				EmOverrides.parse("noise-adaptive=FALSE").apply(b).build().tuning().noiseAdaptation());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> EmOverrides.parse("noise-adaptive=maybe").apply(EmConfig.builder().kernelSize(33)));
		assertTrue(e.getMessage().contains("noise-adaptive"), e.getMessage());
	}

	@Test
	void sigma255ReplacesTheCasesLevel() {
		EmOverrides o = EmOverrides.parse("sigma255=5");
		assertEquals(5 / 255.0, o.sigma(0.001), 1e-15);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> EmOverrides.parse("sigma255=300"));
		assertTrue(e.getMessage().contains("sigma255") && e.getMessage().contains("[0, 255)"), e.getMessage());
	}

	@Test
	void badInputNamesTheKeyAndWhatItTakes() {
		assertMessage("unknown key 'betta'", "betta=1");
		assertMessage("key=value", "beta");
		assertMessage("key=value", "beta=");
		assertMessage("beta takes a finite number", "beta=abc");
		assertMessage("beta takes a finite number", "beta=NaN");
		assertMessage("centre-kernel takes true or false", "centre-kernel=yes");
		assertMessage("mstep-iterations takes an integer", "mstep-iterations=2.5");
		assertMessage("given twice", "beta=1,beta=2");
		assertMessage("masked guidance iterations must be in [0, 100]", "masked-cg=-1"); // EmTuning's own check
		assertMessage("PiGDM scale must be in (0, 100]", "pigdm-scale=0");
		assertMessage("unknown key 'ddim-eta'", "ddim-eta=0.5"); // removed research switch
	}

	private static void assertMessage(String part, String spec) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmOverrides.parse(spec));
		assertTrue(e.getMessage().contains(part), spec + " -> " + e.getMessage());
	}

	@Test
	void reachTheSolverAndTheCacheKey() throws Exception {
		Problem p = BenchTestSupport.smallPeriodicProblem();
		try (AnalyticModels models = new AnalyticModels()) {
			Method plain = Methods.create(List.of("fem-pigdm-n1"), 4, 2, models).get(0);
			Method same = Methods.create(List.of("fem-pigdm-n1"), 4, 2, models, EmOverrides.NONE).get(0);
			Method changed = Methods.create(List.of("fem-pigdm-n1"), 4, 2, models,
					EmOverrides.parse("mstep-iterations=1")).get(0);
			Method quieter = Methods.create(List.of("fem-pigdm-n1"), 4, 2, models, EmOverrides.parse("sigma255=10"))
					.get(0);
			assertEquals(plain.cacheKey(), same.cacheKey());
			assertFalse(plain.cacheKey().contains("-o"), plain.cacheKey());
			assertTrue(changed.cacheKey().contains("-omstep-iterations=1-"), changed.cacheKey());
			float[] k0 = plain.run(p).kernel();
			assertTrue(Arrays.equals(k0, same.run(p).kernel()), "no override, same run");
			assertFalse(Arrays.equals(k0, changed.run(p).kernel()), "one HQS iteration instead of ten");
			assertFalse(Arrays.equals(k0, quieter.run(p).kernel()), "the solver was told another noise level");
		}
	}
}
