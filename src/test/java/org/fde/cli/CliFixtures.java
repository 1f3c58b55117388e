package org.fde.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.fde.TinyModels;
import org.fde.imagej.Fixtures;

import ij.ImagePlus;
import ij.io.FileSaver;

/** Small image files written with ImageJ, the tiny test networks, and a way to run the command line in-process. */
final class CliFixtures {

	static final int W = 48;
	static final int H = 40;

	/** What a command-line run printed and returned. */
	record Run(int status, String out, String err) {
	}

	private CliFixtures() {
	}

	static Run run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status;
		try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
				PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			status = Main.run(args, o, e);
		}
		return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/**
	 * {@code deblur} with the tiny networks, 3 steps, 5x5 kernels, one CPU thread (each unless the given arguments
	 * set it), then the given arguments.
	 */
	static Run deblur(String... more) {
		List<String> given = List.of(more);
		List<String> a = new ArrayList<>(List.of("deblur"));
		String[][] defaults = { { "--model", TinyModels.score().toString() }, { "--kernelmodel",
				TinyModels.kernelPrior().toString() }, { "--steps", "3" }, { "--kernelsize", "5" }, { "--threads", "1" },
				{ "--device", "cpu" } };
		for (String[] d : defaults) {
			if (!given.contains(d[0])) { // an option may be given once: the test's value replaces the default
				a.addAll(List.of(d));
			}
		}
		a.addAll(given);
		return run(a.toArray(String[]::new));
	}

	/** A calibrated 16-bit image with C/Z/T planes of a test pattern (as the Fiji command tests use). */
	static ImagePlus gray16(String title, int c, int z, int t) {
		return Fixtures.image(title, 16, W, H, c, z, t);
	}

	/** An 8-bit (bits = 8) or RGB (bits = 24) single-plane image. */
	static ImagePlus plane(String title, int bits) {
		return new ImagePlus(title, Fixtures.processor(bits, W, H, 3));
	}

	static Path saveTiff(ImagePlus imp, Path path) {
		boolean ok = imp.getStackSize() > 1 ? new FileSaver(imp).saveAsTiffStack(path.toString())
				: new FileSaver(imp).saveAsTiff(path.toString());
		if (!ok) {
			throw new IllegalStateException("could not write " + path);
		}
		return path;
	}

	static Path savePng(ImagePlus imp, Path path) {
		if (!new FileSaver(imp).saveAsPng(path.toString())) {
			throw new IllegalStateException("could not write " + path);
		}
		return path;
	}
}
