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
 */
class CoreBoundaryTest {

	static final List<String> ADAPTERS = List.of("djl", "imagej", "imglib2", "cli", "bench", "spark");
	static final Pattern FORBIDDEN = Pattern.compile(
			"^\\s*import\\s+(static\\s+)?(ai\\.djl|net\\.imglib2|org\\.scijava|net\\.imagej|ij|java\\.awt|javax\\.swing)[.;]",
			Pattern.MULTILINE);

	@Test
	void coreImportsNoFrameworks() throws IOException {
		Path root = Path.of("src/main/java/org/fde");
		List<String> offenders;
		try (Stream<Path> files = Files.walk(root)) {
			offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
				Path rel = root.relativize(p);
				return rel.getNameCount() < 2 || !ADAPTERS.contains(rel.getName(0).toString());
			}).filter(p -> {
				try {
					return FORBIDDEN.matcher(Files.readString(p)).find();
				} catch (IOException e) {
					throw new RuntimeException(e);
				}
			}).map(Path::toString).collect(Collectors.toList());
		}
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

	@Test
	void everyPackageHasPackageInfo() throws IOException {
		Path root = Path.of("src/main/java");
		List<String> missing;
		try (Stream<Path> dirs = Files.walk(root)) {
			missing = dirs.filter(Files::isDirectory).filter(d -> {
				try (Stream<Path> f = Files.list(d)) {
					return f.anyMatch(p -> p.toString().endsWith(".java"));
				} catch (IOException e) {
					throw new RuntimeException(e);
				}
			}).filter(d -> !Files.exists(d.resolve("package-info.java"))).map(Path::toString)
					.collect(Collectors.toList());
		}
		assertTrue(missing.isEmpty(), "packages without package-info.java: " + missing);
	}

	private static Stream<Path> coreFiles() throws IOException {
		Path root = Path.of("src/main/java/org/fde");
		List<Path> all;
		try (Stream<Path> files = Files.walk(root)) {
			all = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
				Path rel = root.relativize(p);
				return rel.getNameCount() < 2 || !ADAPTERS.contains(rel.getName(0).toString());
			}).collect(Collectors.toList());
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
