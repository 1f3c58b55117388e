package org.fde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.fde.TinyModels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch native cache through the command line, in a separate JVM (the test JVM has its natives loaded once and
 * for all): a cache that cannot be written is refused with a message naming it; a truncated library is extracted
 * again instead of crashing the JVM.
 */
class NativeCacheCliTest {

	@TempDir
	Path dir;

	/** Runs {@code deblur} with the tiny networks in a new JVM, with ENGINE_CACHE_DIR set. */
	private CliFixtures.Run deblur(Path engineCache, Path out) throws IOException, InterruptedException {
		Path in = CliFixtures.saveTiff(CliFixtures.gray16("a", 1, 1, 1), dir.resolve("a.tif"));
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", "-Djava.awt.headless=true",
				"org.fde.cli.Main", "deblur", "--input", in.toString(), "--output", out.toString(), "--model",
				TinyModels.score().toString(), "--kernelmodel", TinyModels.kernelPrior().toString(), "--steps", "2",
				"--kernelsize", "5", "--threads", "1", "--device", "cpu"));
		ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
		pb.environment().remove("DJL_CACHE_DIR");
		pb.environment().put("ENGINE_CACHE_DIR", engineCache.toString());
		Process p = pb.start();
		String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(300, TimeUnit.SECONDS));
		return new CliFixtures.Run(p.exitValue(), text, text);
	}

	@Test
	void anUnwritableCacheIsRefusedNamingItsFolderAndVariable() throws Exception {
		Path file = Files.writeString(dir.resolve("a-file"), "x");
		Path out = dir.resolve("o.tif");
		CliFixtures.Run r = deblur(file.resolve("cache"), out);
		assertEquals(1, r.status(), r.out());
		assertTrue(r.out().contains("error: the PyTorch native library cache " + file.resolve("cache/pytorch")
				+ " cannot be used: it has to be filled but cannot be written (Not a directory). Set ENGINE_CACHE_DIR "
				+ "to a writable folder"), r.out());
		assertFalse(Files.exists(out));
		assertNoCrashLog();
	}

	/** Extracts the 440 MB natives into a temporary folder: tagged slow. */
	@Test
	@Tag("slow")
	void aTruncatedLibraryIsExtractedAgainInsteadOfCrashingTheJvm() throws Exception {
		Path cache = dir.resolve("cache");
		Path out1 = dir.resolve("o1.tif");
		assertEquals(0, deblur(cache, out1).status(), "the first run fills the cache");
		Path lib;
		try (Stream<Path> s = Files.walk(cache.resolve("pytorch"))) {
			lib = s.filter(p -> p.getFileName().toString().equals(System.mapLibraryName("torch_cpu"))).findFirst()
					.orElseThrow();
		}
		long size = Files.size(lib);
		try (RandomAccessFile f = new RandomAccessFile(lib.toFile(), "rw")) {
			f.setLength(1_000_000);
		}
		Path out2 = dir.resolve("o2.tif");
		CliFixtures.Run r = deblur(cache, out2);
		assertEquals(0, r.status(), r.out());
		assertTrue(r.out().contains("was damaged (" + System.mapLibraryName("torch_cpu") + " has 1000000 bytes"),
				r.out());
		assertEquals(size, Files.size(lib), "extracted again");
		assertTrue(Files.isRegularFile(out2));
		assertNoCrashLog();
	}

	private void assertNoCrashLog() throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("hs_err")), "the JVM crashed");
		}
	}
}
