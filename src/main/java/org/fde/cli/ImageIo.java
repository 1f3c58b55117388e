package org.fde.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.fde.image.Image;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/** TIFF/PNG reading and writing through ImageJ 1 (headless). */
final class ImageIo {

	private ImageIo() {
	}

	/**
	 * Reads a 2-D image as unit-range planes: 8-bit /255, 16-bit /65535, 32-bit as is, RGB as three channels.
	 */
	static Image read(Path path) {
		if (!Files.isRegularFile(path)) {
			throw new IllegalArgumentException("input image not found: " + path);
		}
		ImagePlus imp = IJ.openImage(path.toString());
		if (imp == null) {
			throw new IllegalArgumentException("cannot read " + path + " (TIFF, PNG or JPEG expected)");
		}
		if (imp.getStackSize() > 1) {
			throw new IllegalArgumentException(path + " is a stack; the command line reads 2-D images (use Fiji for stacks)");
		}
		ImageProcessor ip = imp.getProcessor();
		int w = ip.getWidth();
		int h = ip.getHeight();
		if (ip instanceof ColorProcessor cp) {
			float[][] p = new float[3][w * h];
			int[] px = (int[]) cp.getPixels();
			for (int i = 0; i < px.length; i++) {
				p[0][i] = ((px[i] >> 16) & 255) / 255f;
				p[1][i] = ((px[i] >> 8) & 255) / 255f;
				p[2][i] = (px[i] & 255) / 255f;
			}
			return new Image(w, h, p);
		}
		float scale = switch (imp.getBitDepth()) {
		case 8 -> 1 / 255f;
		case 16 -> 1 / 65535f;
		default -> 1f;
		};
		float[] f = (float[]) ip.convertToFloatProcessor().getPixels();
		float[] out = new float[f.length];
		for (int i = 0; i < f.length; i++) {
			out[i] = f[i] * scale;
		}
		return Image.gray(w, h, out);
	}

	/** Writes 32-bit float TIFF (one slice per channel). */
	static void writeTiff(Image img, Path path) {
		ImagePlus imp;
		if (img.channels() == 1) {
			imp = new ImagePlus(path.getFileName().toString(), new FloatProcessor(img.width(), img.height(), img.plane(0)));
		} else {
			ij.ImageStack st = new ij.ImageStack(img.width(), img.height());
			for (int c = 0; c < img.channels(); c++) {
				st.addSlice("c" + (c + 1), new FloatProcessor(img.width(), img.height(), img.plane(c)));
			}
			imp = new ImagePlus(path.getFileName().toString(), st);
		}
		mkdirs(path);
		if (!new FileSaver(imp).saveAsTiff(path.toString())) {
			throw new IllegalStateException("could not write " + path);
		}
	}

	/** Writes an 8-bit PNG of unit-range values (clamped); RGB for three channels. */
	static void writePng(Image img, Path path, boolean stretch) {
		int w = img.width();
		int h = img.height();
		float lo = 0;
		float hi = 1;
		if (stretch) {
			lo = Float.MAX_VALUE;
			hi = -Float.MAX_VALUE;
			for (int c = 0; c < img.channels(); c++) {
				for (float v : img.plane(c)) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
				}
			}
			if (hi <= lo) {
				hi = lo + 1;
			}
		}
		ImageProcessor ip;
		if (img.channels() == 3) {
			int[] px = new int[w * h];
			for (int i = 0; i < px.length; i++) {
				int r = to8(img.plane(0)[i], lo, hi);
				int g = to8(img.plane(1)[i], lo, hi);
				int b = to8(img.plane(2)[i], lo, hi);
				px[i] = (r << 16) | (g << 8) | b;
			}
			ip = new ColorProcessor(w, h, px);
		} else {
			byte[] px = new byte[w * h];
			for (int i = 0; i < px.length; i++) {
				px[i] = (byte) to8(img.plane(0)[i], lo, hi);
			}
			ip = new ij.process.ByteProcessor(w, h, px);
		}
		mkdirs(path);
		if (!new FileSaver(new ImagePlus(path.getFileName().toString(), ip)).saveAsPng(path.toString())) {
			throw new IllegalStateException("could not write " + path);
		}
	}

	private static int to8(float v, float lo, float hi) {
		return Math.max(0, Math.min(255, Math.round(255 * (v - lo) / (hi - lo))));
	}

	private static void mkdirs(Path path) {
		File parent = path.toAbsolutePath().getParent().toFile();
		if (!parent.isDirectory() && !parent.mkdirs()) {
			throw new IllegalStateException("cannot create folder " + parent);
		}
	}
}
