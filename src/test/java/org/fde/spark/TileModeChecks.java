package org.fde.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
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
 * Tile mode ({@code --unit tile}) in {@code local[2]} against the command line, with the networks and sizes of a
 * {@link Setup}: its files equal the command line's two-step result (the blind run on the central window for the
 * kernel, then {@code --method nonblind --psf} with that kernel on the whole image, tiled as on one machine), byte
 * for byte, for the faithful estimate and for samples with two particles.
 */
abstract class TileModeChecks {

	/**
	 * The networks and sizes of the checks.
	 *
	 * @param networks    the options naming the image prior (none: the shipped one)
	 * @param blind       the blind methods' extra options (kernel prior, kernel size)
	 * @param w           the image's width
	 * @param h           its height
	 * @param crop        the kernel window
	 * @param otherCrop   another kernel window, giving another kernel
	 * @param tile        --tilesize
	 * @param tiles       the tiles of the padded image
	 * @param windowTiles the tiles of the padded window
	 * @param steps       --steps
	 * @param psfSize     the side of the non-blind check's PSF
	 */
	record Setup(List<String> networks, List<String> blind, int w, int h, int crop, int otherCrop, int tile, int tiles,
			int windowTiles, int steps, int psfSize) {
	}

	static JavaSparkContext sc;

	/** The networks and sizes of this class's checks. */
	abstract Setup setup();

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("TileModeChecks")
				.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
				.set("spark.driver.bindAddress", "127.0.0.1").set("spark.task.cpus", "1"));
	}

	@AfterAll
	static void stop() {
		if (sc != null) {
			sc.stop();
		}
	}

	/** The setup's networks and steps, one PyTorch thread, its tiles. */
	List<String> common(Object... more) {
		Setup s = setup();
		List<String> a = new ArrayList<>(s.networks());
		a.addAll(List.of("--steps", "" + s.steps(), "--threads", "1", "--device", "cpu", "--seed", "7", "--tilesize",
				"" + s.tile()));
		for (Object m : more) {
			a.add(m.toString());
		}
		return a;
	}

	/** The blind options: the setup's kernel prior and kernel size. */
	List<String> blind(Object... more) {
		List<String> a = common(more);
		a.addAll(setup().blind());
		return a;
	}

	SparkDeblur.Report tiles(List<String> args) {
		return SparkDeblur.run(sc, withCrop(args, setup().crop()));
	}

	static void cli(List<String> args) {
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

	static void save(ImagePlus imp, Path p) throws IOException {
		Files.createDirectories(p.getParent());
		FileSaver f = new FileSaver(imp);
		assertTrue(imp.getStackSize() > 1 ? f.saveAsTiffStack(p.toString()) : f.saveAsTiff(p.toString()));
	}

	/** A 16-bit plane of the setup's size. */
	Path image(String folder, String name) throws IOException {
		Path p = dir.resolve(folder).resolve(name);
		save(Fixtures.image(name, 16, setup().w(), setup().h(), 1, 1, 1), p);
		return p;
	}

	/** The central window of an image, cut here with ImageJ, under the image's own name. */
	private Path window(Path image) throws IOException {
		Setup s = setup();
		ImageProcessor ip = IJ.openImage(image.toString()).getProcessor();
		ip.setRoi((s.w() - s.crop()) / 2, (s.h() - s.crop()) / 2, s.crop(), s.crop());
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
		// the blind run's steps on the window's tiles (forward and VJP), 8 faithful-estimate passes over the tiles of
		// the whole image: each tile evaluated on the executors
		Setup set = setup();
		assertTrue(r.tileEvaluations() >= 8 * set.tiles() + set.steps() * 2 * set.windowTiles(), "tiles evaluated: "
				+ r.tileEvaluations());

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
				"other/big.tif"), "--kernel-output", dir.resolve("other/big-kernel.tif")), set.otherCrop()));
		assertEquals(1, other.written());
		assertFalse(Arrays.equals(kernel, pixels(dir.resolve("other/big-kernel.tif"))), "another window, same kernel");
	}

	@Test
	void samplesWithParticlesEqualTheCommandLine() throws IOException {
		// the non-blind diffusion with its vector-Jacobian products on the executors, two particles per tile
		Path in = image("in", "plane.tif");
		Path psf = dir.resolve("psf.tif");
		int ps = setup().psfSize();
		ImagePlus k = new ImagePlus("psf", Fixtures.processor(8, ps, ps, 11));
		save(k, psf);
		List<String> opts = common("--method", "nonblind", "--psf", psf, "--particles", "2", "--output-kind",
				"sample");
		Path s = dir.resolve("spark");
		List<String> a = new ArrayList<>(opts);
		a.addAll(List.of("--input", in.toString(), "--output", s.resolve("plane.tif").toString(),
				"--uncertainty-output", s.resolve("plane-unc.tif").toString()));
		SparkDeblur.Report r = tiles(a);
		assertEquals(1, r.written(), r.toString());
		// every pass evaluates all tiles (2 particles each): a forward per step and a VJP per guided step
		int tiles = setup().tiles();
		assertTrue(r.tileEvaluations() % tiles == 0 && r.tileEvaluations() > setup().steps() * tiles,
				"tiles evaluated: " + r.tileEvaluations());
		Path c = dir.resolve("cli");
		List<String> b = new ArrayList<>(opts);
		b.addAll(List.of("--input", in.toString(), "--output", c.resolve("plane.tif").toString(),
				"--uncertainty-output", c.resolve("plane-unc.tif").toString()));
		cli(b);
		for (String f : List.of("plane.tif", "plane-unc.tif")) {
			assertArrayEquals(Files.readAllBytes(c.resolve(f)), Files.readAllBytes(s.resolve(f)), f + " differs");
		}
	}

	static String[] withCrop(List<String> args, int crop) {
		List<String> a = new ArrayList<>(args);
		a.addAll(List.of("--unit", "tile", "--kernel-crop", Integer.toString(crop)));
		return a.toArray(String[]::new);
	}
}
