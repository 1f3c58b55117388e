package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end on two generated cases (P1 circular, P2 valid) with the analytic Gaussian prior and 4
 * diffusion steps: every method runs, the cache makes a second run recompute nothing, and the report is written.
 */
class HarnessTest {

	@TempDir
	Path dir;

	@Test
	void quickPresetRunsTheP1OnlyMethodsOnP1Only() throws Exception {
		List<BenchCase> cases = BenchTestSupport.cases();
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		try (AnalyticModels models = new AnalyticModels()) {
			List<BenchTestSupport.Counting> counting = Methods.create(Methods.ALL, 4, 2, models).stream()
					.map(BenchTestSupport.Counting::new).collect(Collectors.toList());
			Harness h = new Harness(new ResultCache(dir.resolve("cache")), dir.resolve("cases"), out);
			List<MetricRow> rows = h.run(cases, new ArrayList<>(counting), List.of(), Preset.QUICK::runs);
			for (String m : Methods.ALL) {
				boolean p1Only = Preset.P1_ONLY.contains(m);
				assertTrue(rows.stream().anyMatch(r -> r.method().equals(m) && r.caseId().equals("P1-a")), m);
				assertEquals(!p1Only, rows.stream().anyMatch(r -> r.method().equals(m) && r.caseId().equals("P2-b")), m);
			}
			assertEquals(2 * Methods.ALL.size() - Preset.P1_ONLY.size(), rows.size());
			assertTrue(Preset.FULL.runs("dem-pigdm-n1", Protocol.P3));
			assertTrue(Preset.FULL.runs("nonblind-pigdm", Protocol.P3));
			assertFalse(Preset.QUICK.runs("nonblind-pigdm", Protocol.P3));
			assertTrue(Preset.QUICK.runs("nonblind-pigdm", Protocol.P2));
			assertTrue(Preset.QUICK.runs("fem-pigdm-n1", Protocol.P3));
		}
	}

	/** --cached-only: a partial run's report computes nothing and lists what the cache holds. */
	@Test
	void cachedOnlyComputesNothing() throws Exception {
		List<BenchCase> cases = BenchTestSupport.cases();
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		List<BenchTestSupport.Counting> counting = List.of(new BenchTestSupport.Counting(new ClassicalMethod(
				ClassicalMethod.Kind.BLURRED)), new BenchTestSupport.Counting(new ClassicalMethod(
						ClassicalMethod.Kind.WIENER)));
		ResultCache cache = new ResultCache(dir.resolve("cache"));
		Harness h = new Harness(cache, dir.resolve("cases"), out);
		h.run(cases.subList(0, 1), List.of(counting.get(0)), List.of());
		List<MetricRow> rows = h.cachedOnly(true).run(cases, new ArrayList<>(counting), List.of());
		assertEquals(1, rows.size(), "the one cached result");
		assertEquals(1, counting.get(0).calls.get());
		assertEquals(0, counting.get(1).calls.get());
		assertEquals(0, h.computed());
	}

	@Test
	void runsCachesAndReports() throws Exception {
		List<BenchCase> cases = BenchTestSupport.cases();
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
		try (AnalyticModels models = new AnalyticModels()) {
			List<BenchTestSupport.Counting> counting = Methods.create(Methods.ALL, 4, 2, models).stream()
					.map(BenchTestSupport.Counting::new).collect(Collectors.toList());
			List<Method> methods = new ArrayList<>(counting);
			ResultCache cache = new ResultCache(dir.resolve("cache"));
			Harness h = new Harness(cache, dir.resolve("cases"), out);

			List<MetricRow> rows = h.run(cases, methods, List.of());
			assertEquals(cases.size() * methods.size(), rows.size());
			assertTrue(rows.stream().allMatch(MetricRow::ok), () -> "failures: " + rows + "\n" + log);
			assertEquals(rows.size(), h.computed());
			int calls = counting.stream().mapToInt(c -> c.calls.get()).sum();
			assertEquals(rows.size(), calls);

			// blind methods have kernel errors and ratios; the others do not
			for (MetricRow r : rows) {
				boolean blind = r.method().startsWith("fem-") || r.method().startsWith("dem-");
				assertEquals(blind, Double.isFinite(r.kernelMse()), r.toString());
				assertEquals(blind, Double.isFinite(r.errorRatio()), r.toString());
				assertTrue(Double.isFinite(r.psnr()) && r.ssim() <= 1, r.toString());
				assertEquals(r.method().equals("blurred"), Double.isNaN(r.reblur()), r.toString());
			}
			// the classical references beat the blurred input on the circular case
			Map<String, Double> p1 = rows.stream().filter(r -> r.caseId().equals("P1-a"))
					.collect(Collectors.toMap(MetricRow::method, MetricRow::psnr));
			assertTrue(p1.get("wiener") > p1.get("blurred"), p1.toString());

			// second run: everything from the cache
			List<MetricRow> again = h.run(cases, methods, List.of());
			assertEquals(calls, counting.stream().mapToInt(c -> c.calls.get()).sum(), "the second run recomputed");
			assertEquals(0, h.computed());
			assertEquals(rows.size(), h.reused());
			assertEquals(rows.stream().map(MetricRow::csv).collect(Collectors.toList()),
					again.stream().map(MetricRow::csv).collect(Collectors.toList()));

			RunInfo info = new RunInfo("test", 1, 4, 2, RunInfo.gitCommit(Path.of("")), RunInfo.describeMachine(),
					models.versions(), 1.0, "now", "bench --preset test", List.of("a note"));
			Report.write(dir, info, again, methods, cache, dir.resolve("cases"));
			Report.write(dir.resolve("published"), info, again, methods, cache, dir.resolve("cases"), true);
		}
		// the published report leaves out every figure that shows the cases' pixels
		String pub = Files.readString(dir.resolve("published").resolve(Report.MARKDOWN));
		assertTrue(pub.contains("Published version"), pub);
		assertTrue(!pub.contains("fig3-") && !Files.exists(dir.resolve("published").resolve("fig3-visual-P1.png")), pub);
		assertTrue(pub.contains("the kernel over the diffusion steps"), pub);
		String md = Files.readString(dir.resolve(Report.MARKDOWN));
		assertTrue(md.contains("| " + String.join(" | ", Report.TABLE1_COLUMNS) + " |"), md);
		assertTrue(md.contains("## Table 1 - P1"), md);
		assertTrue(md.contains("## Table 2"), md);
		assertTrue(md.contains("| seed | 1 |"), md);
		assertTrue(md.contains("| commit |"), md);
		assertTrue(md.contains("| machine |"), md);
		assertTrue(md.contains("| image prior | analytic"), md);
		for (String m : Methods.ALL) {
			assertTrue(md.contains("| " + m + " |"), m);
		}
		List<String> csv = Files.readAllLines(dir.resolve(Report.CSV));
		assertEquals(String.join(",", MetricRow.COLUMNS), csv.get(0));
		assertEquals(1 + 2 * Methods.ALL.size(), csv.size());
		assertTrue(md.contains("x^0 (top) and the kernel (bottom)"), md);
		for (String f : List.of("fig1-psnr-vs-time-P1.png", "fig1-psnr-vs-time-P2.png", "fig2-strip.png", "fig2-steps.png",
				"fig3-visual-P1.png", "fig3-visual-P2.png")) {
			assertTrue(Files.size(dir.resolve(f)) > 1000, f);
			assertTrue(md.contains("](" + f + ")"), f);
		}
	}

	@Test
	void ablationRunsOnKnownImages() throws Exception {
		ImageSource img = new ImageSource.Generated(64, 64, 5);
		KernelSource k = new KernelSource.Generated(org.fde.kernel.gen.KernelFamily.MOTION, 15, 6);
		List<BenchCase> cases = List.of(
				new BenchCase("F4-a-s0", Protocol.F4, img, k, 0, Boundary.CIRCULAR, null, 15, 1),
				new BenchCase("F4-a-s10", Protocol.F4, img, k, 10 / 255.0, Boundary.CIRCULAR, null, 15, 1));
		Harness h = new Harness(new ResultCache(dir.resolve("cache")), dir.resolve("cases"),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		List<Method> ablation = Methods.ablation(new org.fde.kernel.ProjectionPrior());
		int perCase = Methods.ablationGrids().stream().mapToInt(g -> g.betas().size() * g.weights().size()).sum();
		assertEquals(perCase, ablation.size());
		List<MetricRow> rows = h.run(cases, List.of(), ablation);
		assertEquals(2 * perCase, rows.size());
		assertTrue(rows.stream().allMatch(r -> r.ok() && Double.isFinite(r.kernelMse())), rows.toString());
		// without noise, the known image pins the kernel down (for the best weight of each prior)
		for (String prior : List.of("pnp", "pnp-data", "l1", "l2")) {
			double best = rows.stream().filter(r -> r.sigma255() == 0 && r.method().startsWith("kp-" + prior + "-b"))
					.mapToDouble(MetricRow::kernelMse).min().orElseThrow();
			assertTrue(best < 1e-7, prior + ": " + best);
		}
		assertTrue(rows.stream().allMatch(r -> Double.isNaN(r.psnr()) && Double.isNaN(r.errorRatio())), "F4 rows score kernels only");
		StringBuilder md = new StringBuilder();
		Report.ablationTable(md, rows);
		for (String prior : List.of("pnp", "pnp-data", "l1", "l2")) {
			assertTrue(md.toString().contains("| " + prior + " | "), prior + "\n" + md);
		}
		assertTrue(md.toString().contains("pnp below every other tuned prior: sigma 10/255 "), md.toString());
	}
}
