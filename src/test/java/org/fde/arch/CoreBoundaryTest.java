package org.fde.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The numerical core imports no DJL, ImgLib2, SciJava, ImageJ or AWT, and none of the adapter packages (djl, imagej,
 * imglib2, cli, bench, spark): only the adapters may. Every package documents its role in a {@code package-info.java}.
 * Both source sets are checked: {@code src/main/java} and {@code src/bench/java} (the benchmarks, exports and
 * metrics, which the compiler keeps out of {@code src/main/java}'s reach).
 */
class CoreBoundaryTest {

	static final List<String> ADAPTERS = List.of("djl", "imagej", "imglib2", "cli", "bench", "spark");
	static final Pattern FORBIDDEN = Pattern.compile(
			"^\\s*import\\s+(static\\s+)?(ai\\.djl|net\\.imglib2|org\\.scijava|net\\.imagej|ij|java\\.awt|javax\\.swing)[.;]",
			Pattern.MULTILINE);

	/** The source sets. */
	static final List<Path> ROOTS = List.of(Path.of("src/main/java"), Path.of("src/bench/java"));

	@Test
	void coreImportsNoFrameworks() throws IOException {
		List<String> offenders = coreFiles().filter(p -> FORBIDDEN.matcher(read(p)).find()).map(Path::toString)
				.collect(Collectors.toList());
		assertTrue(offenders.isEmpty(), "core classes importing frameworks: " + offenders);
	}

	/** An import of one of the adapter packages from the core. */
	static final Pattern ADAPTER_IMPORT = Pattern.compile(
			"^\\s*import\\s+(static\\s+)?org\\.fde\\.(djl|imagej|imglib2|cli|bench|spark)[.;]", Pattern.MULTILINE);

	@Test
	void coreImportsNoAdapter() throws IOException {
		List<String> offenders = coreFiles().filter(p -> ADAPTER_IMPORT.matcher(read(p)).find()).map(Path::toString)
				.collect(Collectors.toList());
		assertTrue(offenders.isEmpty(), "core classes importing an adapter package: " + offenders);
	}

	/** A package split over the two source sets has its package-info in one of them. */
	@Test
	void everyPackageHasPackageInfo() throws IOException {
		List<String> missing = new java.util.ArrayList<>();
		for (Path root : ROOTS) {
			try (Stream<Path> dirs = Files.walk(root)) {
				dirs.filter(Files::isDirectory).filter(d -> {
					try (Stream<Path> f = Files.list(d)) {
						return f.anyMatch(p -> p.toString().endsWith(".java"));
					} catch (IOException e) {
						throw new RuntimeException(e);
					}
				}).filter(d -> ROOTS.stream().noneMatch(r -> Files.exists(r.resolve(root.relativize(d)).resolve(
						"package-info.java")))).forEach(d -> missing.add(d.toString()));
			}
		}
		assertTrue(missing.isEmpty(), "packages without package-info.java: " + missing);
	}

	@Test
	void bothSourceSetsAreChecked() throws IOException {
		assertTrue(coreFiles().anyMatch(p -> p.startsWith("src/bench/java")), "the core files of src/bench/java");
		assertTrue(coreFiles().anyMatch(p -> p.startsWith("src/main/java")), "the core files of src/main/java");
	}

	private static Stream<Path> coreFiles() throws IOException {
		List<Path> all = new java.util.ArrayList<>();
		for (Path src : ROOTS) {
			Path root = src.resolve("org/fde");
			try (Stream<Path> files = Files.walk(root)) {
				files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
					Path rel = root.relativize(p);
					return rel.getNameCount() < 2 || !ADAPTERS.contains(rel.getName(0).toString());
				}).forEach(all::add);
			}
		}
		return all.stream();
	}

	private static String read(Path p) {
		try {
			return Files.readString(p);
		} catch (IOException e) {
			throw new RuntimeException(e);
		}
	}

	@Test
	void checkerCatchesAViolation() {
		assertTrue(ADAPTER_IMPORT.matcher("import org.fde.bench.Evaluator;").find());
		assertTrue(ADAPTER_IMPORT.matcher("import static org.fde.cli.Main.run;").find());
		assertTrue(!ADAPTER_IMPORT.matcher("import org.fde.benchmark.X;").find());
		assertTrue(FORBIDDEN.matcher("package x;\nimport ai.djl.ndarray.NDArray;\n").find());
		assertTrue(FORBIDDEN.matcher("import ij.ImagePlus;").find());
		assertTrue(!FORBIDDEN.matcher("import org.fde.fft.Fft2;").find());
	}
}
