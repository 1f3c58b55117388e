package org.fde.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.fde.image.Image;
import org.fde.imagej.ImageFileCheck;
import org.fde.imagej.ImagePlusBridge;
import org.fde.stack.Hyperstack;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * Image files of the command line, through ImageJ 1 (headless): TIFF (also stacks and hyperstacks), PNG and JPEG in;
 * 32-bit TIFF (with the calibration of the ImagePlus) or 8-bit/RGB PNG out.
 */
final class StackFiles {

	/** File name endings read as images (lower case). */
	static final List<String> IMAGE_ENDINGS = List.of(".tif", ".tiff", ".png", ".jpg", ".jpeg");

	private StackFiles() {
	}

	/** True for a file name with one of {@link #IMAGE_ENDINGS} that is not hidden. */
	static boolean isImageName(Path path) {
		String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
		return !n.startsWith(".") && IMAGE_ENDINGS.stream().anyMatch(n::endsWith);
	}

	/** True when the name ends with .png (any case). */
	static boolean isPng(Path path) {
		return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
	}

	/** True when the name ends with .tif or .tiff (any case). */
	static boolean isTiff(Path path) {
		String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".tif") || n.endsWith(".tiff");
	}

	/** The file name without its image ending ("cells.tif" &rarr; "cells"). */
	static String baseName(Path path) {
		String n = path.getFileName().toString();
		String lower = n.toLowerCase(Locale.ROOT);
		for (String e : IMAGE_ENDINGS) {
			if (lower.endsWith(e) && n.length() > e.length()) {
				return n.substring(0, n.length() - e.length());
			}
		}
		return n;
	}

	/**
	 * Opens an image file, after {@link ImageFileCheck} found its structure whole (no pixel is allocated for a
	 * damaged or implausible file).
	 *
	 * @throws IllegalArgumentException if the file is missing, damaged, or ImageJ cannot read it
	 */
	static ImagePlus open(Path path) {
		if (!Files.isRegularFile(path)) {
			throw new IllegalArgumentException("image file not found: " + path);
		}
		ImageFileCheck.check(path);
		ImagePlus imp;
		try {
			Opener opener = new Opener();
			opener.setSilentMode(true);
			imp = opener.openImage(path.toAbsolutePath().toString());
		} catch (RuntimeException e) {
			imp = null;
		}
		if (imp == null || imp.getStackSize() < 1 || imp.getProcessor() == null) {
			throw new IllegalArgumentException("cannot read " + path + ": not a readable TIFF, PNG or JPEG image");
		}
		return imp;
	}

	/**
	 * Reads a 2-D image as unit-range planes ({@code bench-denoise}): 8-bit /255, 16-bit /65535, 32-bit as is, RGB as
	 * three channels.
	 *
	 * @throws IllegalArgumentException if the file is missing or unreadable, or a stack
	 */
	static Image readUnitRange(Path path) {
		ImagePlus imp = open(path);
		if (imp.getStackSize() > 1) {
			throw new IllegalArgumentException(path + " is a stack; the command line reads 2-D images (use Fiji for "
					+ "stacks)");
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

	/**
	 * Writes a hyperstack as a 32-bit TIFF ({@link ImagePlusBridge#write}, the conversion the Fiji commands use),
	 * titled after the file name.
	 *
	 * @param template source of the calibration and channel colours; may be null
	 */
	static void writeTiff(Hyperstack hs, ImagePlus template, Path path) {
		writeTiff(hs, template, path, null);
	}

	/**
	 * As {@link #writeTiff(Hyperstack, ImagePlus, Path)}, carrying a {@link Provenance} note.
	 *
	 * @param note the note, or null for none
	 */
	static void writeTiff(Hyperstack hs, ImagePlus template, Path path, String note) {
		writeTiff(hs, template, path, note, null);
	}

	/**
	 * As {@link #writeTiff(Hyperstack, ImagePlus, Path, String)}, with further lines of ImageJ info after the note
	 * (null for none): the failed-estimate report of {@link org.fde.stack.StackResult#failureInfo()}.
	 */
	static void writeTiff(Hyperstack hs, ImagePlus template, Path path, String note, String moreInfo) {
		ImagePlus imp = ImagePlusBridge.write(hs, baseName(path), template);
		String info = note == null ? moreInfo : moreInfo == null ? Provenance.info(note)
				: Provenance.info(note) + "\n" + moreInfo;
		if (info != null) {
			imp.setProperty("Info", info);
		}
		writeTiff(imp, path);
	}

	/** Writes a TIFF (a stack or hyperstack when it has several planes), creating the folder if needed. */
	static void writeTiff(ImagePlus imp, Path path) {
		FileSaver saver = new FileSaver(imp);
		writeWhole(path, part -> imp.getStackSize() > 1 ? saver.saveAsTiffStack(part) : saver.saveAsTiff(part));
	}

	/**
	 * Writes one plane (or three RGB channels) as an 8-bit or RGB PNG. Values are clamped to [lo, hi]; with
	 * {@code raw} they are stored as they are (8-bit and RGB inputs, whose values already are 0..255), otherwise
	 * [lo, hi] is mapped linearly onto 0..255.
	 *
	 * @param rgb  the three channels are red, green and blue
	 * @param what the option that named the file, for messages
	 * @throws IllegalArgumentException if the hyperstack has more than one plane (or three for RGB)
	 */
	static void writePng(Hyperstack hs, boolean rgb, double lo, double hi, boolean raw, Path path, String what) {
		writePng(hs, rgb, lo, hi, raw, path, what, null);
	}

	/**
	 * As {@link #writePng(Hyperstack, boolean, double, double, boolean, Path, String)}, carrying a
	 * {@link Provenance} note (null for none).
	 */
	static void writePng(Hyperstack hs, boolean rgb, double lo, double hi, boolean raw, Path path, String what,
			String note) {
		int planes = rgb ? 3 : 1;
		if (hs.slices() * hs.frames() != 1 || hs.channels() != planes) {
			throw new IllegalArgumentException(what + " " + path.getFileName() + ": a PNG holds one plane (or one "
					+ "RGB image), but this result has C=" + hs.channels() + ", Z=" + hs.slices() + ", T="
					+ hs.frames() + ": use a .tif name");
		}
		double span = hi > lo ? hi - lo : 1;
		int n = hs.width() * hs.height();
		ImageProcessor ip;
		if (rgb) {
			int[] px = new int[n];
			for (int i = 0; i < n; i++) {
				int r = to8(hs.plane(0)[i], lo, hi, span, raw);
				int g = to8(hs.plane(1)[i], lo, hi, span, raw);
				int b = to8(hs.plane(2)[i], lo, hi, span, raw);
				px[i] = (r << 16) | (g << 8) | b;
			}
			ip = new ColorProcessor(hs.width(), hs.height(), px);
		} else {
			byte[] px = new byte[n];
			for (int i = 0; i < n; i++) {
				px[i] = (byte) to8(hs.plane(0)[i], lo, hi, span, raw);
			}
			ip = new ByteProcessor(hs.width(), hs.height(), px);
		}
		FileSaver saver = new FileSaver(new ImagePlus(path.getFileName().toString(), ip));
		writeWhole(path, part -> {
			if (!saver.saveAsPng(part)) {
				return false;
			}
			try {
				if (note != null) {
					Provenance.writePng(Path.of(part), note);
				}
				return true;
			} catch (IOException e) {
				throw new IllegalStateException("could not write " + path + ": " + e.getMessage(), e);
			}
		});
	}

	/**
	 * Writes a file whole or not at all: {@code writer} writes a hidden sibling {@code .<name>.part}, which is then
	 * renamed onto {@code path} (atomically where the file system allows). A run killed while writing therefore never
	 * leaves a truncated file under the output name, which a re-run of a folder would skip as done.
	 *
	 * @param writer writes to the path it is given; returns false on failure
	 */
	static void writeWhole(Path path, Predicate<String> writer) {
		mkdirs(path);
		Path part = path.toAbsolutePath().resolveSibling("." + path.getFileName() + ".part");
		try {
			if (!writer.test(part.toString())) {
				throw new IllegalStateException("could not write " + path);
			}
			try {
				Files.move(part, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(part, path, StandardCopyOption.REPLACE_EXISTING);
			}
		} catch (IOException e) {
			throw new IllegalStateException("could not write " + path + ": " + e.getMessage(), e);
		} finally {
			try {
				Files.deleteIfExists(part);
			} catch (IOException e) {
				// the error that matters has been thrown above, or the move succeeded
			}
		}
	}

	/** The smallest and largest value over all planes. */
	static double[] range(Hyperstack hs) {
		double lo = Double.POSITIVE_INFINITY;
		double hi = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < hs.planeCount(); i++) {
			for (float v : hs.plane(i)) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		}
		return new double[] { lo, hi };
	}

	private static int to8(float v, double lo, double hi, double span, boolean raw) {
		double c = Math.max(lo, Math.min(hi, v));
		double q = raw ? c : 255 * (c - lo) / span;
		return (int) Math.max(0, Math.min(255, Math.round(q)));
	}

	private static void mkdirs(Path path) {
		File parent = path.toAbsolutePath().getParent().toFile();
		if (!parent.isDirectory() && !parent.mkdirs()) {
			throw new IllegalStateException("cannot create folder " + parent);
		}
	}
}
