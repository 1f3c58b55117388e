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
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.fde.TinyModels;
import org.fde.cli.Main;
import org.fde.imagej.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ImageProcessor;

/**
 * Tile mode ({@code --unit tile}) in {@code local[2]} with the tiny networks: its files equal the command line's
 * two-step result (the blind run on the central window for the kernel, then {@code --method nonblind --psf} with
 * that kernel on the whole image, tiled as on one machine), byte for byte; a bad input fails alone with its name.
 */
class TileModeTest {

	private static final int W = 160;
	private static final int H = 128;
	private static final int CROP = 64;

	private static JavaSparkContext sc;

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("TileModeTest")
				.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
				.set("spark.driver.bindAddress", "127.0.0.1").set("spark.task.cpus", "1"));
	}

	@AfterAll
	static void stop() {
		if (sc != null) {
			sc.stop();
		}
	}

	/** The tiny networks, 3 steps, one PyTorch thread, 48-pixel tiles (12 tiles over the padded 164x132 plane). */
	private static List<String> common(Object... more) {
		List<String> a = new ArrayList<>(List.of("--model", TinyModels.score().toString(), "--steps", "3",
				"--threads", "1", "--device", "cpu", "--seed", "7", "--tilesize", "48"));
		for (Object m : more) {
			a.add(m.toString());
		}
		return a;
	}

	/** The blind options: 5x5 kernels from the tiny kernel prior. */
	private static List<String> blind(Object... more) {
		List<String> a = common(more);
		a.addAll(List.of("--kernelmodel", TinyModels.kernelPrior().toString(), "--kernelsize", "5"));
		return a;
	}

	private static SparkDeblur.Report tiles(List<String> args) {
		List<String> a = new ArrayList<>(args);
		a.addAll(List.of("--unit", "tile", "--kernel-crop", Integer.toString(CROP)));
		return SparkDeblur.run(sc, a.toArray(String[]::new));
	}

	private static void cli(List<String> args) {
		List<String> a = new ArrayList<>(List.of("deblur"));
		a.addAll(args);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status;
		try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
				PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			status = Main.run(a.toArray(String[]::new), o, e);
		}
		assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
	}

	private static void save(ImagePlus imp, Path p) throws IOException {
		Files.createDirectories(p.getParent());
		FileSaver f = new FileSaver(imp);
		assertTrue(imp.getStackSize() > 1 ? f.saveAsTiffStack(p.toString()) : f.saveAsTiff(p.toString()));
	}

	/** A 16-bit W x H plane. */
	private Path image(String folder, String name) throws IOException {
		Path p = dir.resolve(folder).resolve(name);
		save(Fixtures.image(name, 16, W, H, 1, 1, 1), p);
		return p;
	}

	/** The central CROP x CROP window of an image, cut here with ImageJ, under the image's own name. */
	private Path window(Path image) throws IOException {
		ImageProcessor ip = IJ.openImage(image.toString()).getProcessor();
		ip.setRoi((W - CROP) / 2, (H - CROP) / 2, CROP, CROP);
		Path p = dir.resolve("window").resolve(image.getFileName());
		save(new ImagePlus("window", ip.crop()), p);
		return p;
	}

	private static float[] pixels(Path p) {
		return (float[]) IJ.openImage(p.toString()).getProcessor().convertToFloat().getPixels();
	}

	@Test
	void equalsTheCommandLinesTiledResultForTheKernelOfTheWindow() throws IOException {
		Path in = image("in", "big.tif");
		Path s = dir.resolve("spark");
		List<String> args = blind("--input", in, "--output", s.resolve("big.tif"), "--kernel-output", s.resolve(
				"big-kernel.tif"));
		SparkDeblur.Report r = tiles(args);
		assertEquals(1, r.written(), r.toString());
		SparkDeblur.Report again = tiles(args);
		assertEquals(List.of(), again.outcomes(), "a re-run redid a complete image");
		assertEquals(1, again.skipped());
		// 3 steps of the blind run on the window's 4 tiles (forward and VJP), 8 faithful-estimate passes over the
		// 12 tiles of the whole image: each tile evaluated on the executors
		assertTrue(r.tileEvaluations() >= 8 * 12 + 3 * 2 * 4, "tiles evaluated: " + r.tileEvaluations());

		// the command line: the blind run on the window gives the kernel ...
		Path c = dir.resolve("cli");
		cli(blind("--input", window(in), "--output", c.resolve("window-out.tif"), "--kernel-output", c.resolve(
				"big-kernel.tif")));
		float[] kernel = pixels(c.resolve("big-kernel.tif"));
		assertArrayEquals(kernel, pixels(s.resolve("big-kernel.tif")), "the kernel differs from the command line's");
		// ... and the non-blind run with it, tiled, gives the image
		cli(common("--input", in, "--output", c.resolve("big.tif"), "--method", "nonblind", "--psf", c.resolve(
				"big-kernel.tif")));
		assertArrayEquals(Files.readAllBytes(c.resolve("big.tif")), Files.readAllBytes(s.resolve("big.tif")),
				"the image differs from the command line's tiled result");

		// a check that the comparison can fail: another kernel window gives another kernel
		SparkDeblur.Report other = SparkDeblur.run(sc, withCrop(blind("--input", in, "--output", dir.resolve(
				"other/big.tif"), "--kernel-output", dir.resolve("other/big-kernel.tif")), 96));
		assertEquals(1, other.written());
		assertFalse(Arrays.equals(kernel, pixels(dir.resolve("other/big-kernel.tif"))), "another window, same kernel");
	}

	@Test
	void samplesWithParticlesEqualTheCommandLine() throws IOException {
		// the non-blind diffusion with its vector-Jacobian products on the executors, two particles per tile
		Path in = image("in", "plane.tif");
		Path psf = dir.resolve("psf.tif");
		ImagePlus k = new ImagePlus("psf", Fixtures.processor(8, 5, 5, 11));
		save(k, psf);
		List<String> opts = common("--method", "nonblind", "--psf", psf, "--particles", "2", "--output-kind",
				"sample");
		Path s = dir.resolve("spark");
		List<String> a = new ArrayList<>(opts);
		a.addAll(List.of("--input", in.toString(), "--output", s.resolve("plane.tif").toString(),
				"--uncertainty-output", s.resolve("plane-unc.tif").toString()));
		SparkDeblur.Report r = tiles(a);
		assertEquals(1, r.written(), r.toString());
		// every pass evaluates the 12 tiles (2 particles each): a forward per step and a VJP per guided step
		assertTrue(r.tileEvaluations() % 12 == 0 && r.tileEvaluations() > 3 * 12, "tiles evaluated: "
				+ r.tileEvaluations());
		Path c = dir.resolve("cli");
		List<String> b = new ArrayList<>(opts);
		b.addAll(List.of("--input", in.toString(), "--output", c.resolve("plane.tif").toString(),
				"--uncertainty-output", c.resolve("plane-unc.tif").toString()));
		cli(b);
		for (String f : List.of("plane.tif", "plane-unc.tif")) {
			assertArrayEquals(Files.readAllBytes(c.resolve(f)), Files.readAllBytes(s.resolve(f)), f + " differs");
		}
	}

	@Test
	void aBadInputFailsAloneWithItsName() throws IOException {
		Path in = dir.resolve("in");
		image("in", "good.tif");
		byte[] junk = new byte[4000];
		new Random(1).nextBytes(junk);
		junk[0] = 'I';
		junk[1] = 'I';
		Files.write(in.resolve("broken.tif"), junk);
		save(Fixtures.image("stack", 16, W, H, 1, 2, 1), in.resolve("stack.tif"));
		Path out = dir.resolve("out");
		SparkDeblur.Report r = tiles(blind("--input", in, "--output", out));
		assertEquals(1, r.written(), r.toString());
		assertEquals(List.of("broken.tif", "stack.tif"), r.failures().stream().map(o -> o.target().name()).sorted()
				.toList());
		for (Outcome o : r.failures()) {
			String why = o.error();
			assertTrue(o.target().name().equals("broken.tif") ? why.contains("is damaged or truncated: not a TIFF")
					&& why.contains(in.resolve("broken.tif").toString()) : why.contains("2 slices and 1 frames"), why);
		}
		assertTrue(Files.exists(out.resolve("good.tif")));
		assertEquals(1, Files.list(out).count(), "only the good image's output");

		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkDeblur.run(sc,
				withUnit(blind("--input", in, "--output", out), "tiles")));
		assertEquals("--unit must be file (one task per image) or tile (the tiles of one image at a time), got tiles",
				e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> SparkDeblur.run(sc, withCrop(blind("--input", in,
				"--output", out), 8)));
		assertTrue(e.getMessage().startsWith("--kernel-crop must be an integer in [16, 16384], got 8"), e.getMessage());
	}

	private static String[] withCrop(List<String> args, int crop) {
		List<String> a = new ArrayList<>(args);
		a.addAll(List.of("--unit", "tile", "--kernel-crop", Integer.toString(crop)));
		return a.toArray(String[]::new);
	}

	private static String[] withUnit(List<String> args, String unit) {
		List<String> a = new ArrayList<>(args);
		a.addAll(List.of("--unit", unit));
		return a.toArray(String[]::new);
	}
}
