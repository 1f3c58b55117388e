package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The diagnostic {@code nonblind-pigdm-femk}: the non-blind run with Fast EM's kernel. Its kernel must be exactly
 * {@code fem-pigdm-n1}'s (same seed and settings), its image the non-blind run's with that kernel.
 */
class DiagnosticMethodTest {

	@Test
	void usesFastEmsKernelAndDiffersFromBoth() throws Exception {
		Problem p = BenchTestSupport.smallPeriodicProblem();
		try (AnalyticModels models = new AnalyticModels()) {
			List<Method> ms = Methods.create(List.of("fem-pigdm-n1", "nonblind-pigdm", "nonblind-pigdm-femk"), 4, 2,
					models);
			assertEquals("nonblind-pigdm-femk", ms.get(2).name());
			assertTrue(ms.get(2).blind(), "its kernel is an estimate, scored as blind methods' are");
			MethodResult fem = ms.get(0).run(p);
			MethodResult nb = ms.get(1).run(p);
			MethodResult femk = ms.get(2).run(p);
			assertEquals(9, femk.kernelSize());
			assertArrayEquals(fem.kernel(), femk.kernel(), "the kernel is Fast EM's, bit for bit");
			assertFalse(Arrays.equals(fem.image().plane(0), femk.image().plane(0)), "a second (non-blind) run");
			assertFalse(Arrays.equals(nb.image().plane(0), femk.image().plane(0)), "not the true kernel's run");
			assertNull(femk.particleMean());
		}
	}

	@Test
	void isNotADefaultMethodAndUnknownNamesListIt() {
		assertFalse(Methods.ALL.contains("nonblind-pigdm-femk"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> Methods.create(List.of("nope"), 4, 2, new AnalyticModels()));
		assertTrue(e.getMessage().contains("nonblind-pigdm-femk"), e.getMessage());
	}

	/** Fast EM's restarts change its results, so its cache key carries them; the other solvers' keys do not. */
	@Test
	void cacheKeysCarryFastEmsRestarts() {
		try (AnalyticModels models = new AnalyticModels()) {
			List<Method> ms = Methods.create(List.of("fem-pigdm-n1", "nonblind-pigdm-femk", "dem-pigdm-n1",
					"nonblind-pigdm"), 50, 2, models);
			assertTrue(ms.get(0).cacheKey().contains("-cg6-r1-"), ms.get(0).cacheKey());
			assertTrue(ms.get(1).cacheKey().contains("-r1-"), ms.get(1).cacheKey());
			assertFalse(ms.get(2).cacheKey().contains("-r1"), ms.get(2).cacheKey());
			assertFalse(ms.get(3).cacheKey().contains("-r1"), ms.get(3).cacheKey());
			Method plain = Methods.create(List.of("fem-pigdm-n1"), 50, 2, models, EmOverrides.parse("restarts=0"))
					.get(0);
			assertFalse(plain.cacheKey().contains("-r1"), plain.cacheKey());
			assertTrue(plain.cacheKey().contains("-orestarts=0"), plain.cacheKey());
		}
	}
}
