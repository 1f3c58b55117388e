package org.fde.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.fde.image.Synthetic;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/** Small images written with ImageJ, the tiny test networks, and a way to run the command line in-process. */
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

	/** {@code deblur} with the tiny networks, 3 steps, 5x5 kernels, one CPU thread, then the given arguments. */
	static Run deblur(String... more) {
		List<String> a = new ArrayList<>(List.of("deblur", "--model", resource("tiny-score").toString(),
				"--kernelmodel", resource("tiny-kernel-prior").toString(), "--steps", "3", "--kernelsize", "5",
				"--threads", "1", "--device", "cpu"));
		a.addAll(List.of(more));
		return run(a.toArray(String[]::new));
	}

	static Path resource(String name) {
		URL url = CliFixtures.class.getResource("/" + name + "/card.json");
		if (url == null) {
			throw new IllegalStateException("test resource /" + name + "/card.json missing");
		}
		try {
			return Paths.get(url.toURI()).getParent();
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A calibrated 16-bit image with C/Z/T planes of a test pattern. */
	static ImagePlus gray16(String title, int c, int z, int t) {
		ImageStack stack = new ImageStack(W, H);
		for (int i = 0; i < c * z * t; i++) {
			float[] p = Synthetic.shapes(W, H, 5 + i);
			short[] s = new short[W * H];
			for (int q = 0; q < s.length; q++) {
				s[q] = (short) Math.round(1000 + 30000 * p[q]);
			}
			stack.addSlice(new ShortProcessor(W, H, s, null));
		}
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(c, z, t);
		if (c * z * t > 1) {
			imp.setOpenAsHyperStack(true);
		}
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.25;
		cal.pixelHeight = 0.3;
		cal.pixelDepth = 1.5;
		cal.setUnit("um");
		return imp;
	}

	/** An 8-bit (bits = 8) or RGB (bits = 24) single-plane image. */
	static ImagePlus plane(String title, int bits) {
		float[] p = Synthetic.shapes(W, H, 3);
		ImageProcessor ip;
		if (bits == 8) {
			byte[] b = new byte[W * H];
			for (int q = 0; q < b.length; q++) {
				b[q] = (byte) Math.round(20 + 200 * p[q]);
			}
			ip = new ByteProcessor(W, H, b);
		} else {
			int[] c = new int[W * H];
			for (int q = 0; q < c.length; q++) {
				int v = Math.round(20 + 200 * p[q]);
				c[q] = (v << 16) | ((255 - v) << 8) | (v / 2);
			}
			ip = new ColorProcessor(W, H, c);
		}
		return new ImagePlus(title, ip);
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
