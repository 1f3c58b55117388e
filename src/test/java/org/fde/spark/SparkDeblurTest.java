package org.fde.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.fde.TinyModels;
import org.fde.cli.Main;
import org.fde.imagej.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.FileSaver;

/**
 * The Spark job in {@code local[2]} with the tiny networks on small images made here: the same files as the command
 * line, a corrupt input failing alone, a re-run after a killed job doing only what is missing, and the command
 * line's option errors.
 */
class SparkDeblurTest {

	private static JavaSparkContext sc;

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkDeblurTest")
				.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
				.set("spark.driver.bindAddress", "127.0.0.1").set("spark.task.cpus", "1"));
	}

	@AfterAll
	static void stop() {
		if (sc != null) {
			sc.stop();
		}
	}

	/** The tiny networks, 3 steps, 5x5 kernels, 2 particles (for the uncertainty map), one PyTorch thread. */
	private static List<String> options(Object... more) {
		Map<String, String> a = new LinkedHashMap<>();
		List<String> defaults = List.of("--model", TinyModels.score().toString(), "--kernelmodel",
				TinyModels.kernelPrior().toString(), "--steps", "3", "--kernelsize", "5", "--particles", "2",
				"--threads", "1", "--device", "cpu", "--seed", "7");
		for (int i = 0; i < defaults.size(); i += 2) {
			a.put(defaults.get(i), defaults.get(i + 1));
		}
		for (int i = 0; i < more.length; i += 2) { // an option given here replaces the default (none is given twice)
			a.put(more[i].toString(), more[i + 1].toString());
		}
		List<String> out = new ArrayList<>();
		a.forEach((k, v) -> {
			out.add(k);
			out.add(v);
		});
		return out;
	}

	/** A folder of inputs: a 16-bit plane, a 2-channel 2-slice hyperstack and an 8-bit PNG. */
	private Path inputs(String name, int planes) throws IOException {
		Path in = Files.createDirectories(dir.resolve(name));
		for (int i = 0; i < planes; i++) {
			save(Fixtures.image("plane" + i, 16, 48, 40, 1, 1, 1), in.resolve("plane" + i + ".tif"));
		}
		save(Fixtures.image("stack", 16, 48, 40, 2, 2, 1), in.resolve("stack.tif"));
		ImagePlus png = new ImagePlus("png", Fixtures.processor(8, 48, 40, 3));
		assertTrue(new FileSaver(png).saveAsPng(in.resolve("small.png").toString()));
		return in;
	}

	private static void save(ImagePlus imp, Path p) {
		FileSaver s = new FileSaver(imp);
		assertTrue(imp.getStackSize() > 1 ? s.saveAsTiffStack(p.toString()) : s.saveAsTiff(p.toString()));
	}

	private static SparkDeblur.Report spark(List<String> args) {
		return SparkDeblur.run(sc, args.toArray(String[]::new));
	}

	private static String cli(List<String> args) {
		List<String> a = new ArrayList<>(List.of("deblur"));
		a.addAll(args);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status;
		try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
				PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			status = Main.run(a.toArray(String[]::new), o, e);
		}
		return status + "\n" + err.toString(StandardCharsets.UTF_8);
	}

	/** Every file under a folder (relative name to bytes). */
	private static Map<String, byte[]> files(Path root) throws IOException {
		Map<String, byte[]> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : s.filter(Files::isRegularFile).toList()) {
				m.put(root.relativize(p).toString(), Files.readAllBytes(p));
			}
		}
		return m;
	}

	@Test
	void writesTheSameFilesAsTheCommandLine() throws IOException {
		Path in = inputs("in", 2);
		Path c = dir.resolve("cli");
		Path s = dir.resolve("spark");
		String status = cli(options("--input", in, "--output", c.resolve("img"), "--kernel-output", c.resolve(
				"kernel"), "--uncertainty-output", c.resolve("unc")));
		assertTrue(status.startsWith("0\n"), status);
		SparkDeblur.Report r = spark(options("--input", in, "--output", s.resolve("img"), "--kernel-output",
				s.resolve("kernel"), "--uncertainty-output", s.resolve("unc")));
		assertEquals(4, r.written(), r.toString());
		assertEquals(0, r.skipped());
		Map<String, byte[]> fromCli = files(c);
		Map<String, byte[]> fromSpark = files(s);
		assertEquals(12, fromCli.size(), fromCli.keySet().toString());
		assertEquals(fromCli.keySet(), fromSpark.keySet(), "the same output names, and no part or .crc files");
		for (String k : fromCli.keySet()) {
			assertArrayEquals(fromCli.get(k), fromSpark.get(k), k + " differs between the command line and Spark");
		}
		// the outputs depend on the seed: a check that the comparison above can fail
		SparkDeblur.Report other = spark(options("--input", in.resolve("plane0.tif"), "--output", dir.resolve(
				"seed8/plane0.tif"), "--seed", "8"));
		assertEquals(1, other.written());
		assertFalse(java.util.Arrays.equals(fromCli.get("img/plane0.tif"), Files.readAllBytes(dir.resolve(
				"seed8/plane0.tif"))), "another seed gave the same image");
	}

	@Test
	void aCorruptInputFailsAloneWithItsNameAndReason() throws IOException {
		Path in = inputs("in", 1);
		byte[] junk = new byte[4000];
		new Random(1).nextBytes(junk);
		junk[0] = 'I';
		junk[1] = 'I';
		Files.write(in.resolve("broken.tif"), junk);
		Path out = dir.resolve("out");
		SparkDeblur.Report r = spark(options("--input", in, "--output", out));
		assertEquals(3, r.written());
		assertEquals(1, r.failures().size());
		Outcome bad = r.failures().get(0);
		assertEquals("broken.tif", bad.target().name());
		String cliErr = cli(options("--input", in.resolve("broken.tif"), "--output", dir.resolve("cli.tif")));
		assertTrue(cliErr.contains("is damaged or truncated: not a TIFF"), cliErr);
		assertTrue(bad.error().contains("is damaged or truncated: not a TIFF"), bad.error());
		assertTrue(bad.error().contains(in.resolve("broken.tif").toString()), "names the input, not its staged copy: "
				+ bad.error());
		assertEquals(List.of("plane0.tif", "small.tif", "stack.tif"), names(out), "the good images' outputs only");
	}

	@Test
	void aReRunAfterAKilledJobDoesOnlyWhatIsMissing() throws IOException {
		Path in = inputs("in", 2);
		Path img = dir.resolve("img");
		Path ker = dir.resolve("ker");
		List<String> args = options("--input", in, "--output", img, "--kernel-output", ker);
		assertEquals(4, spark(args).written());
		Map<String, byte[]> complete = files(dir.resolve("img"));
		complete.putAll(files(dir.resolve("ker")));
		// the state a killed job leaves: one image never started, one killed between its kernel and its image (the
		// image is uploaded last), a part file of an unfinished upload
		Files.delete(img.resolve("plane1.tif"));
		Files.delete(ker.resolve("plane1-kernel.tif"));
		Files.delete(img.resolve("stack.tif"));
		Files.writeString(img.resolve(".stack.tif.part-123"), "half an upload");
		long kept = Files.getLastModifiedTime(img.resolve("plane0.tif")).toMillis();
		SparkDeblur.Report r = spark(args);
		assertEquals(2, r.skipped());
		assertEquals(List.of("plane1.tif", "stack.tif"), r.outcomes().stream().map(o -> o.target().name()).sorted()
				.toList());
		assertEquals(kept, Files.getLastModifiedTime(img.resolve("plane0.tif")).toMillis(), "a done image was redone");
		for (Map.Entry<String, byte[]> e : complete.entrySet()) {
			Path p = (e.getKey().endsWith("-kernel.tif") ? ker : img).resolve(e.getKey());
			assertArrayEquals(e.getValue(), Files.readAllBytes(p), e.getKey() + " differs after the re-run");
		}
		SparkDeblur.Report again = spark(args);
		assertEquals(0, again.outcomes().size());
		assertEquals(4, again.skipped());
	}

	@Test
	void badOptionsFailBeforeAnyTaskWithTheCommandLinesMessage() throws IOException {
		Path in = inputs("in", 1);
		for (String[] bad : new String[][] { { "--steps", "0" }, { "--kernelsize", "4" }, { "--sigma", "-1" },
				{ "--method", "nonblind" }, { "--kernelscope", "all" } }) {
			List<String> args = options("--input", in, "--output", dir.resolve("o"), bad[0], bad[1]);
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spark(args));
			String cli = cli(args);
			assertTrue(cli.startsWith("2\n"), cli);
			assertEquals("error: " + e.getMessage(), cli.substring(2).trim(), String.join(" ", bad));
		}
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spark(options("--input",
				dir.resolve("nothing-here"), "--output", dir.resolve("o"))));
		assertTrue(e.getMessage().startsWith("--input"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("o")), "nothing is written for bad options");
	}

	/** The file names of a folder, sorted. */
	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}
}
