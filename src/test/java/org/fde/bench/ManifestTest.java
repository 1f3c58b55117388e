package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.fde.kernel.gen.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

	static final Path DATA = Path.of("../shared/data");

	@Test
	void smokePresetNeedsNoData(@TempDir Path empty) {
		Manifest m = Manifest.build(Preset.SMOKE, empty, EnumSet.allOf(Protocol.class), 0, 1);
		assertEquals(2 + 1 + 2, m.cases().size());
		assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("skipping P3")), m.notes().toString());
		assertEquals(m.cases().size(), m.cases().stream().map(BenchCase::id).distinct().count());
	}

	/** P2 is P1 with real boundaries: its case i has the image, kernel, sigma and seed of one of P1's cases. */
	@Test
	void p2PairsWithP1OnGeneratedImages(@TempDir Path empty) {
		Manifest m = Manifest.build(Preset.SMOKE, empty, EnumSet.of(Protocol.P1, Protocol.P2), 0, 1);
		assertPaired(m, 1);
		// the pairing does not depend on P1 being run
		List<BenchCase> alone = Manifest.build(Preset.SMOKE, empty, EnumSet.of(Protocol.P2), 0, 1).cases();
		assertEquals(m.cases().stream().filter(c -> c.protocol() == Protocol.P2).collect(Collectors.toList()), alone);
	}

	@Test
	void p2PairsWithP1OnTheSharedData() {
		assumeTrue(Files.isDirectory(DATA.resolve("test/natural/bsd68")), "shared data folder not present");
		assertPaired(Manifest.build(Preset.QUICK, DATA, EnumSet.of(Protocol.P1, Protocol.P2), 0, 1), 2);
		Manifest full = Manifest.build(Preset.FULL, DATA, EnumSet.of(Protocol.P1, Protocol.P2), 0, 1);
		assertPaired(full, (int) full.cases().stream().filter(c -> c.protocol() == Protocol.P2).count());
		assertTrue(full.cases().stream().filter(c -> c.protocol() == Protocol.P2).count() >= 20);
		// with a limit, P2 pairs with the limited P1
		assertPaired(Manifest.build(Preset.FULL, DATA, EnumSet.of(Protocol.P1, Protocol.P2), 4, 1), 4);
	}

	private static void assertPaired(Manifest m, int expectedP2) {
		List<BenchCase> p1 = m.cases().stream().filter(c -> c.protocol() == Protocol.P1).collect(Collectors.toList());
		List<BenchCase> p2 = m.cases().stream().filter(c -> c.protocol() == Protocol.P2).collect(Collectors.toList());
		assertEquals(expectedP2, p2.size());
		Set<String> seen = new HashSet<>();
		for (BenchCase c : p2) {
			assertEquals(Boundary.VALID, c.boundary(), c.id());
			BenchCase twin = p1.stream().filter(q -> q.image().equals(c.image())).findFirst()
					.orElseThrow(() -> new AssertionError(c.id() + " has no P1 twin"));
			assertEquals(Boundary.CIRCULAR, twin.boundary());
			assertEquals(twin.kernel(), c.kernel(), c.id());
			assertEquals(twin.sigma255(), c.sigma255(), c.id());
			assertEquals(twin.seed(), c.seed(), c.id());
			assertEquals(twin.id().substring(2), c.id().substring(2));
			assertTrue(seen.add(twin.id()), "two P2 cases share " + twin.id());
		}
	}

	@Test
	void missingDataFoldersAreSkippedWithANote(@TempDir Path empty) {
		Manifest m = Manifest.build(Preset.QUICK, empty, EnumSet.allOf(Protocol.class), 0, 1);
		assertTrue(m.cases().isEmpty());
		for (Protocol p : Protocol.values()) {
			assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("skipping " + p)), p + ": " + m.notes());
		}
	}

	@Test
	void quickPresetOnTheSharedData() {
		assumeTrue(Files.isDirectory(DATA.resolve("test")), "shared data folder not present");
		Manifest m = Manifest.build(Preset.QUICK, DATA, EnumSet.allOf(Protocol.class), 0, 1);
		// the quick preset has no P5 cases (P5Test; its 48 cases take hours)
		assertTrue(m.notes().stream().allMatch(n -> n.startsWith("skipping P5: the quick preset")), m.notes()
				.toString());
		for (Protocol p : Protocol.values()) {
			long n = m.cases().stream().filter(c -> c.protocol() == p).count();
			assertEquals(p == Protocol.F4 ? 4L * Preset.QUICK.f4() : Preset.QUICK.count(p), n, p.toString());
		}
		assertEquals(m.cases().size(), new HashSet<>(m.cases().stream().map(BenchCase::id).collect(Collectors.toList()))
				.size());
		// P3: a real capture and Levin's kernel; each block of 8 cases holds every kernel once
		List<BenchCase> all = Manifest.build(Preset.FULL, DATA, EnumSet.of(Protocol.P3), 0, 1).cases();
		List<String> ids = all.stream().map(BenchCase::id).collect(Collectors.toList());
		assertEquals(List.of("P3-im1-k1", "P3-im2-k2", "P3-im3-k3", "P3-im4-k4", "P3-im1-k5", "P3-im2-k6", "P3-im3-k7",
				"P3-im4-k8", "P3-im1-k2"), ids.subList(0, 9));
		for (int b = 0; b < 4; b++) {
			assertEquals(8, ids.subList(8 * b, 8 * b + 8).stream().map(id -> id.substring(id.indexOf("-k"))).distinct()
					.count(), "block " + b);
		}
		List<BenchCase> p3 = Manifest.build(Preset.FULL, DATA, EnumSet.of(Protocol.P3), 3, 1).cases();
		assertEquals(ids.subList(0, 3), p3.stream().map(BenchCase::id).collect(Collectors.toList()));
		assertEquals(32, Manifest.build(Preset.FULL, DATA, EnumSet.of(Protocol.P3), 0, 1).cases().stream()
				.map(BenchCase::id).distinct().count());
		CaseData d = CaseData.materialise(p3.get(0));
		assertEquals(255, d.observed().width());
		assertTrue(d.sigma() > 0 && d.sigma() < 0.05, "estimated sigma " + d.sigma());
		// P2 materialises at 256 x 256, P4 at 128 x 128
		for (Protocol p : List.of(Protocol.P2, Protocol.P4)) {
			BenchCase c = m.cases().stream().filter(x -> x.protocol() == p).findFirst().orElseThrow();
			assertEquals(p == Protocol.P4 ? 128 : 256, CaseData.materialise(c).observed().width(), p.toString());
		}
	}

	/** The full preset's F4 is the protocol: 20 bsd68 crops of 256x256, 33x33 motion kernels, 4 noise levels. */
	@Test
	void fullF4IsTwentyCropsAtFourNoiseLevels() {
		assumeTrue(Files.isDirectory(DATA.resolve("test/natural/bsd68")), "shared data folder not present");
		List<BenchCase> f4 = Manifest.build(Preset.FULL, DATA, EnumSet.of(Protocol.F4), 0, 1).cases();
		assertEquals(20 * Manifest.ABLATION_SIGMAS_255.length, f4.size());
		assertEquals(20, f4.stream().map(c -> c.image().label()).distinct().count());
		assertEquals(List.of(0.0, 5.0, 10.0, 20.0), f4.stream().map(BenchCase::sigma255).distinct().sorted()
				.collect(Collectors.toList()));
		for (BenchCase c : f4) {
			assertEquals(256, c.image().width(), c.id());
			assertEquals(256, c.image().height(), c.id());
			assertEquals(33, c.estimateSize(), c.id());
			assertTrue(c.kernel().label().startsWith("mot33"), c.id());
			assertEquals(Boundary.CIRCULAR, c.boundary(), c.id());
		}
		// no crop is shared with P1 or P2
		Set<String> others = Manifest.build(Preset.FULL, DATA, EnumSet.of(Protocol.P1, Protocol.P2), 0, 1).cases()
				.stream().map(c -> c.image().label()).collect(Collectors.toSet());
		assertTrue(f4.stream().noneMatch(c -> others.contains(c.image().label())));
	}

	@Test
	void levinKernelIsTheRotatedNpy(@TempDir Path tmp) throws Exception {
		float[] k = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		Path f = tmp.resolve("k.npy");
		NpyWriter.write(f, k, 3, 3);
		KernelSource.Kernel plain = new KernelSource.NpyFile(f, false).load();
		KernelSource.Kernel rot = new KernelSource.NpyFile(f, true).load();
		assertEquals(3, plain.size());
		assertEquals(1 / 45f, plain.values()[0], 1e-7);
		assertEquals(9 / 45f, rot.values()[0], 1e-7);
		assertEquals(1 / 45f, rot.values()[8], 1e-7);
	}

	@Test
	void holdoutMatchesTheTrainingScript() throws Exception {
		Path py = Path.of("models/training/data.py");
		assumeTrue(Files.isRegularFile(py), "models/training/data.py not present");
		String s = Files.readString(py);
		assertTrue(s.contains("isbi2012_em_ssTEM/test_image/{i}.png\" for i in range(20, 30)"), "ISBI hold-out changed");
		assertTrue(s.contains("coelho2009_nih3t3_hoechst/dna-{i}.png\" for i in (45, 46, 47, 49)"),
				"NIH3T3 hold-out changed");
		assertEquals(14, Manifest.MICROSCOPY_HOLDOUT.size());
	}
}
