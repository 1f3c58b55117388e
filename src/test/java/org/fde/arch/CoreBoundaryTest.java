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
 * The numerical core imports no DJL, ImgLib2, SciJava, ImageJ or AWT: only the adapter packages (djl, imagej, cli,
 * bench, spark) may.
 */
class CoreBoundaryTest {

	static final List<String> ADAPTERS = List.of("djl", "imagej", "cli", "bench", "spark");
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

	@Test
	void checkerCatchesAViolation() {
		assertTrue(FORBIDDEN.matcher("package x;\nimport ai.djl.ndarray.NDArray;\n").find());
		assertTrue(FORBIDDEN.matcher("import ij.ImagePlus;").find());
		assertTrue(!FORBIDDEN.matcher("import org.fde.fft.Fft2;").find());
	}
}
