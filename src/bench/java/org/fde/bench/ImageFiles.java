package org.fde.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/** Gray image reading and PNG writing through ImageJ 1 (headless). */
final class ImageFiles {

	private ImageFiles() {
	}

	/** A gray plane. */
	record Gray(int width, int height, float[] data) {
	}

	/**
	 * Reads a 2-D image as one gray unit-range plane: RGB by luminance (0.299, 0.587, 0.114), 8-bit /255, 16-bit
	 * /65535, 32-bit as is; with {@code percentile}, rescaled so that the 0.1 and 99.9 percentiles map to 0 and 1,
	 * then clipped (models/training/data.py {@code to_gray01}).
	 */
	static Gray readGray(Path path, boolean percentile) {
		if (!Files.isRegularFile(path)) {
			throw new IllegalArgumentException("image not found: " + path);
		}
		ImagePlus imp = IJ.openImage(path.toString());
		if (imp == null) {
			throw new IllegalArgumentException("cannot read " + path + " (PNG, TIFF or JPEG expected)");
		}
		ImageProcessor ip = imp.getProcessor();
		int w = ip.getWidth();
		int h = ip.getHeight();
		float[] out = new float[w * h];
		if (ip instanceof ColorProcessor cp) {
			int[] px = (int[]) cp.getPixels();
			for (int i = 0; i < px.length; i++) {
				out[i] = (float) ((0.299 * ((px[i] >> 16) & 255) + 0.587 * ((px[i] >> 8) & 255) + 0.114 * (px[i] & 255))
						/ 255.0);
			}
		} else {
			float scale = switch (imp.getBitDepth()) {
			case 8 -> 1 / 255f;
			case 16 -> 1 / 65535f;
			default -> 1f;
			};
			float[] f = (float[]) ip.convertToFloatProcessor().getPixels();
			for (int i = 0; i < f.length; i++) {
				out[i] = f[i] * scale;
			}
		}
		if (percentile) {
			float[] sorted = out.clone();
			Arrays.sort(sorted);
			double lo = quantile(sorted, 0.001);
			double hi = quantile(sorted, 0.999);
			double range = Math.max(hi - lo, 1e-6);
			for (int i = 0; i < out.length; i++) {
				out[i] = (float) Math.min(1, Math.max(0, (out[i] - lo) / range));
			}
		}
		return new Gray(w, h, out);
	}

	/** numpy's default (linear) percentile of sorted data. */
	static double quantile(float[] sorted, double q) {
		double pos = q * (sorted.length - 1);
		int i = (int) Math.floor(pos);
		int j = Math.min(i + 1, sorted.length - 1);
		return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
	}

	/** Writes an 8-bit gray PNG: unit range clamped, or stretched min..max (for kernels). */
	static void writePng(float[] data, int w, int h, Path path, boolean stretch) {
		ByteProcessor bp = new ByteProcessor(w, h, toBytes(data, stretch));
		save(new ImagePlus(path.getFileName().toString(), bp), path);
	}

	static byte[] toBytes(float[] data, boolean stretch) {
		float lo = 0;
		float hi = 1;
		if (stretch) {
			lo = Float.MAX_VALUE;
			hi = -Float.MAX_VALUE;
			for (float v : data) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
			if (hi <= lo) {
				hi = lo + 1;
			}
		}
		byte[] px = new byte[data.length];
		for (int i = 0; i < px.length; i++) {
			px[i] = (byte) Math.max(0, Math.min(255, Math.round(255 * (data[i] - lo) / (hi - lo))));
		}
		return px;
	}

	static void save(ImagePlus imp, Path path) {
		try {
			Path parent = path.toAbsolutePath().getParent();
			Files.createDirectories(parent);
		} catch (IOException e) {
			throw new IllegalStateException("cannot create the folder of " + path, e);
		}
		if (!new FileSaver(imp).saveAsPng(path.toString())) {
			throw new IllegalStateException("could not write " + path);
		}
	}
}
