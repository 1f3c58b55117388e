package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.fde.image.Synthetic;
import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.fde.kernel.gen.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** P5 on a generated data folder (kernels and images made here), its report section, and the hybrid's reuse. */
class P5Test {

	/** Writes the 16 kernel files P5 reads (small generated motion kernels, one of even side) and 34 + 34 images. */
	static void fakeData(Path root) throws Exception {
		int i = 0;
		for (String k : P5Cases.KERNELS) {
			int s = k.endsWith("k_large_2.npy") ? 10 : 5 + 2 * (i % 8); // 5..19, and one even side
			float[] v = KernelGenerator.random(KernelFamily.MOTION, s | 1, 100 + i);
			float[] kv = new float[s * s];
			for (int r = 0; r < s; r++) {
				System.arraycopy(v, r * (s | 1), kv, r * s, s);
			}
			Path f = root.resolve("kernels").resolve(k);
			Files.createDirectories(f.getParent());
			NpyWriter.write(f, kv, s, s);
			i++;
		}
		for (String set : List.of("bsd68", "sun_hays80")) {
			Path dir = root.resolve("test/natural").resolve(set);
			Files.createDirectories(dir);
			for (int j = 0; j < 34; j++) {
				ImageFiles.writePng(Synthetic.shapes(170, 168, 1000 * set.length() + j), 170, 168, dir.resolve(
						String.format("%s%02d.png", set.substring(0, 3), j)), false);
			}
		}
	}

	@Test
	void fullPresetGivesEveryKernelAtThreeLevelsBalancedAndSeeded(@TempDir Path root) throws Exception {
		fakeData(root);
		Manifest m = Manifest.build(Preset.FULL, root, EnumSet.of(Protocol.P5), 0, 1);
		List<BenchCase> cases = m.cases();
		assertEquals(48, cases.size(), m.notes().toString());
		assertTrue(m.notes().isEmpty(), m.notes().toString());
		Map<String, List<Double>> levels = new HashMap<>();
		for (BenchCase c : cases) {
			assertEquals(Protocol.P5, c.protocol());
			assertEquals(Boundary.VALID, c.boundary(), c.id());
			assertEquals(P5Cases.CROP, c.image().width());
			assertEquals(Manifest.KERNEL, c.estimateSize(), "every generated kernel is below 33 px");
			levels.computeIfAbsent(c.kernel().label(), k -> new ArrayList<>()).add(c.sigma255());
		}
		assertEquals(16, levels.size(), "every kernel");
		levels.forEach((k, l) -> assertEquals(3, Set.copyOf(l).size(), k + " at three distinct levels"));
		assertEquals(48, cases.stream().map(c -> c.image().label()).distinct().count(), "one image per case");
		assertEquals(24, cases.stream().filter(c -> c.image().label().startsWith("sun")).count(), "half from Sun80");
		for (double s : P5Cases.SIGMAS_255) {
			assertEquals(6, cases.stream().filter(c -> c.sigma255() == s && c.image().label().startsWith("sun")).count(),
					"both sets at every level: " + s);
		}
		for (int b = 0; b < 12; b++) {
			Set<Double> block = cases.subList(4 * b, 4 * b + 4).stream().map(BenchCase::sigma255).collect(Collectors
					.toSet());
			assertEquals(4, block.size(), "block " + b + " holds every level");
		}
		assertTrue(cases.stream().anyMatch(c -> c.id().endsWith("-s2.55")), "ids carry the level");
		// deterministic, and the seed changes the selection; Levin's kernels are rotated as on P3
		assertEquals(cases, Manifest.build(Preset.FULL, root, EnumSet.of(Protocol.P5), 0, 1).cases());
		assertNotEquals(cases.stream().map(BenchCase::id).toList(), Manifest.build(Preset.FULL, root, EnumSet.of(
				Protocol.P5), 0, 2).cases().stream().map(BenchCase::id).toList());
		assertTrue(cases.stream().filter(c -> c.kernel().label().startsWith("levin")).allMatch(c -> c.kernel().label()
				.endsWith("r")));
		// 64 cases: every kernel at every level
		assertEquals(64, P5Cases.build(root, 100, 1, new ArrayList<>()).size());
		// a limit keeps the first cases
		assertEquals(cases.subList(0, 5), Manifest.build(Preset.FULL, root, EnumSet.of(Protocol.P5), 5, 1).cases());
		// the even kernel is padded to an odd side and the case materialises: 128 x 128, valid blur, noisy
		BenchCase even = cases.stream().filter(c -> c.kernel().label().equals("k_large_2")).findFirst().orElseThrow();
		CaseData d = CaseData.materialise(even);
		assertEquals(11, d.kernelSize());
		assertEquals(P5Cases.CROP, d.observed().width());
		assertNotEquals(d.sharp().plane(0)[500], d.observed().plane(0)[500]);
	}

	@Test
	void missingFilesAreSkippedWithNotes(@TempDir Path root) throws Exception {
		List<String> notes = new ArrayList<>();
		assertTrue(P5Cases.build(root, 48, 1, notes).isEmpty());
		assertTrue(notes.stream().anyMatch(n -> n.startsWith("skipping P5")), notes.toString());
		fakeData(root);
		Files.delete(root.resolve("kernels/lai2016/kernel_02.npy"));
		notes.clear();
		List<BenchCase> c = P5Cases.build(root, 100, 1, notes);
		assertEquals(60, c.size());
		assertTrue(notes.stream().anyMatch(n -> n.contains("kernel_02.npy")), notes.toString());
		assertTrue(Manifest.build(Preset.QUICK, root, EnumSet.of(Protocol.P5), 0, 1).notes().stream().anyMatch(
				n -> n.startsWith("skipping P5: the quick preset")));
	}

	private static MetricRow row(String id, String method, double s, double psnr) {
		return new MetricRow("P5", id, method, s, psnr, 0.5, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
				Double.NaN, Double.NaN, 1, 1, "ok");
	}

	@Test
	void sigmaTableEvaluatesTheChecksOnCommonCases() {
		List<MetricRow> rows = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			rows.add(row("a" + i, "fem-hybrid", 1, 25 + i));
			rows.add(row("a" + i, "fem-pigdm-n1", 1, 24 + i));
			rows.add(row("a" + i, "classical-l0", 1, 24.4 + i));
			rows.add(row("a" + i, "nonblind-pigdm", 1, 26 + i));
			rows.add(row("b" + i, "fem-hybrid", 10, 22));
			rows.add(row("b" + i, "fem-pigdm-n1", 10, 22.2));
			rows.add(row("b" + i, "classical-l0", 10, 15));
			rows.add(row("b" + i, "nonblind-pigdm", 10, 23));
		}
		rows.add(row("c", "fem-hybrid", 2.5500000001, 40)); // no other method on c: left out of the checks
		rows.add(MetricRow.failed("P5", "a9", "fem-hybrid", 1, "boom"));
		StringBuilder md = new StringBuilder();
		SigmaTable.write(md, "P5", rows, List.of("classical-l0", "fem-pigdm-n1", "fem-hybrid", "nonblind-pigdm"));
		String s = md.toString();
		assertTrue(s.contains("| fem-hybrid | 25.50 (2) | 40.00 (1) | 22.00 (2) |"), s);
		assertTrue(s.contains("samples, sigma 1/255 (2 cases): fem-hybrid 25.50; MET by +0.60 dB over the better of "
				+ "fem-pigdm-n1 24.50 and classical-l0 24.90"), s);
		assertTrue(s.contains("MET: 1.00 dB below nonblind-pigdm 26.50"), s);
		assertTrue(s.contains("sigma 10/255 (2 cases): fem-hybrid 22.00; MISSED: -0.20 dB against fem-pigdm-n1"), s);
		assertTrue(!s.contains("sigma 2.55/255 ("), "no case of 2.55 has every method: " + s);
		assertTrue(!s.contains("faithful estimates,"), "the faithful methods did not run");
	}

	/** At sigma >= 5/255 the hybrid is plain Fast EM: the same result, and reused when fem-pigdm-n1 just ran. */
	@Test
	void hybridAtHighNoiseIsFastEmAndReusesItsRun() throws Exception {
		Problem q = BenchTestSupport.smallPeriodicProblem(); // sigma 0.02 = 5.1/255
		Problem p = new Problem(q.observed(), q.sigma(), q.estimateSize(), q.trueKernel(), q.trueKernelSize(), 4242,
				true, null); // a seed no other test uses, so that the memo holds nothing for it
		try (AnalyticModels models = new AnalyticModels()) {
			DiffusionMethod fem = new DiffusionMethod(DiffusionMethod.Kind.FAST_EM, org.fde.guidance.GuidanceKind.PIGDM,
					1, 4, 2, models);
			DiffusionMethod hybrid = new DiffusionMethod(DiffusionMethod.Kind.HYBRID,
					org.fde.guidance.GuidanceKind.PIGDM, 1, 4, 2, models);
			MethodResult alone = hybrid.run(p); // its own run
			MethodResult f = fem.run(p);
			assertArrayEquals(f.image().plane(0), alone.image().plane(0), "the same run, bit for bit");
			assertArrayEquals(f.kernel(), alone.kernel());
			assertSame(f, hybrid.run(p), "reused");
			// below the fallback level the hybrid runs its own seeded run
			Problem low = new Problem(p.observed(), 1 / 255.0, p.estimateSize(), p.trueKernel(), p.trueKernelSize(),
					4242, true, null);
			MethodResult fl = fem.run(low);
			MethodResult hl = hybrid.run(low);
			assertTrue(hl != fl);
			assertNotEquals(java.util.Arrays.toString(fl.kernel()), java.util.Arrays.toString(hl.kernel()));
		}
	}
}
