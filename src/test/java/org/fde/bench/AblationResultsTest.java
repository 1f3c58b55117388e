package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fde.kernel.PriorLevel;
import org.fde.kernel.ProjectionPrior;
import org.junit.jupiter.api.Test;

/** The ablation's tuning rule (best mean per prior and noise level), its edge flags and the PnP claim. */
class AblationResultsTest {

	static MetricRow row(String method, String caseId, double sigma255, double mse) {
		double n = Double.NaN;
		return new MetricRow("F4", caseId, method, sigma255, n, n, mse, mse, n, n, n, n, 0.1, 1, "ok");
	}

	static String name(String prior, double lambda, double beta) {
		return new KernelPriorMethod(prior, new ProjectionPrior(), lambda, beta, PriorLevel.LAMBDA_OVER_BETA).name();
	}

	@Test
	void namesRoundTripThroughTheParser() {
		Set<String> names = new HashSet<>();
		for (Method m : Methods.ablation(new ProjectionPrior())) {
			KernelPriorMethod k = (KernelPriorMethod) m;
			assertTrue(names.add(k.name()), k.name());
			AblationResults.Best b = AblationResults.best(List.of(row(k.name(), "a", 5, 1e-6))).get(k.prior()).get(5.0);
			assertEquals(k.beta(), b.beta(), 1e-12 * k.beta(), k.name());
			assertEquals(k.lambda(), b.lambda(), 1e-12 * Math.max(k.lambda(), 1e-300), k.name());
		}
		assertTrue(names.contains("kp-pnp-b1e05-l1e00"), "the paper's setting is in the grid: " + names);
		assertTrue(names.stream().anyMatch(n -> n.startsWith("kp-pnp-data-b1e04-l1e00")), names.toString());
	}

	@Test
	void picksTheBestMeanPerNoiseLevelAndFlagsEdges() {
		List<MetricRow> rows = new ArrayList<>();
		// l1 at sigma 5: lambda 20 (middle) best on average although lambda 10 wins on one image
		double[][] l1 = { { 10, 1e-6, 9e-6 }, { 20, 3e-6, 3e-6 }, { 50, 8e-6, 8e-6 } };
		for (double[] v : l1) {
			rows.add(row(name("l1", v[0], 1e5), "a", 5, v[1]));
			rows.add(row(name("l1", v[0], 1e5), "b", 5, v[2]));
		}
		// l1 at sigma 10: the largest lambda wins -> edge
		for (double[] v : l1) {
			rows.add(row(name("l1", v[0], 1e5), "a", 10, 1e-5 / v[0]));
		}
		// l2: lambda 0 wins -> prior off, not an edge
		rows.add(row(name("l2", 0, 1e5), "a", 5, 2e-6));
		rows.add(row(name("l2", 10, 1e5), "a", 5, 4e-6));
		// pnp over two betas: the larger beta wins -> edge
		rows.add(row(name("pnp", 0.1, 1e4), "a", 5, 5e-6));
		rows.add(row(name("pnp", 0.2, 1e4), "a", 5, 4e-6));
		rows.add(row(name("pnp", 1, 1e5), "a", 5, 1e-6));
		rows.add(row(name("pnp", 2, 1e5), "a", 5, 1.5e-6));
		rows.add(row(name("pnp", 5, 1e5), "a", 5, 2e-6));
		rows.add(MetricRow.failed("F4", "c", name("pnp", 0.1, 1e4), 5, "boom"));

		Map<String, Map<Double, AblationResults.Best>> best = AblationResults.best(rows);
		AblationResults.Best a = best.get("l1").get(5.0);
		assertEquals(20, a.lambda(), 1e-9);
		assertEquals(3e-6, a.mse(), 1e-18);
		assertEquals(2, a.images());
		assertFalse(a.edge());
		assertTrue(best.get("l1").get(10.0).edge());
		assertEquals(50, best.get("l1").get(10.0).lambda(), 1e-9);
		AblationResults.Best off = best.get("l2").get(5.0);
		assertTrue(off.off() && !off.edge(), off.toString());
		assertTrue(off.cell().contains("[lambda 0]"), off.cell());
		AblationResults.Best p = best.get("pnp").get(5.0);
		assertEquals(1e5, p.beta());
		assertEquals(1, p.lambda(), 1e-12);
		assertTrue(p.edge(), "largest beta of the grid");
		assertTrue(p.cell().startsWith("1.00e-06 (lambda 1e00, beta 1e05) [edge]"), p.cell());

		// restricted to the paper's beta, pnp has no beta edge and lambda 1 is still the best
		AblationResults.Best p5 = AblationResults.best(rows, 1e5).get("pnp").get(5.0);
		assertEquals(1, p5.lambda(), 1e-12);
		assertTrue(p5.edge(), "the smallest lambda at the only beta, 0 not run");
		assertFalse(AblationResults.best(rows, 1e5).get("pnp").isEmpty());
		assertTrue(AblationResults.best(rows, 1e3).isEmpty());
		// a fixed setting, untuned
		AblationResults.Best fixed = AblationResults.fixed(rows, "pnp", 1e4, 0.2).get(5.0);
		assertEquals(4e-6, fixed.mse(), 1e-18);
		assertEquals(1, fixed.images());
		assertTrue(AblationResults.fixed(rows, "pnp", 1e4, 0.3).isEmpty());

		Map<String, Map<Double, Boolean>> wins = AblationResults.pnpWins(best);
		assertEquals(Set.of("pnp"), wins.keySet());
		assertTrue(wins.get("pnp").get(5.0), "1e-6 < min(3e-6, 2e-6)");
	}

	@Test
	void pnpLosesWhenAnotherPriorIsLower() {
		List<MetricRow> rows = List.of(row(name("pnp", 1, 1e5), "a", 20, 5e-6), row(name("l1", 100, 1e5), "a", 20, 4e-6),
				row(name("l2", 0, 1e5), "a", 20, 9e-6), row(name("pnp", 1, 1e5), "a", 0, 1e-7),
				row(name("l1", 100, 1e5), "a", 0, 1e-9));
		Map<Double, Boolean> w = AblationResults.pnpWins(AblationResults.best(rows)).get("pnp");
		assertFalse(w.get(20.0));
		assertFalse(w.containsKey(0.0), "sigma 0 is not part of the claim");
	}
}
