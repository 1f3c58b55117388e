package org.fde.cli;

import java.nio.file.Path;

import org.fde.stack.Hyperstack;

import ij.ImagePlus;

/**
 * Writes result hyperstacks in the input's geometry: 32-bit TIFF with the input's calibration (through
 * {@link org.fde.imagej.ImagePlusBridge#write}, the conversion the Fiji commands use), or PNG.
 * <p>
 * PNG images ({@link #writeImage}) are 8-bit, or RGB for an RGB input, with values clamped to the input's range
 * (its smallest and largest value); 8-bit and RGB inputs keep their 0..255 scale, other inputs have their range
 * mapped onto 0..255. PNG maps ({@link #writeMap}: kernels, uncertainty) are stretched from 0 to their maximum.
 */
final class Outputs {

	private Outputs() {
	}

	/**
	 * Fails early (before any computation) when a PNG is asked for an input that a PNG cannot hold.
	 *
	 * @param what the option naming the file, for messages
	 */
	static void checkPng(ImagePlus input, Path path, String what) {
		if (path == null || !StackFiles.isPng(path)) {
			return;
		}
		boolean planes = input.getNSlices() * input.getNFrames() == 1 && input.getNChannels() == 1;
		if (!planes) {
			throw new IllegalArgumentException(what + " " + path.getFileName() + ": a PNG holds one plane (or one "
					+ "RGB image), but the input has C=" + input.getNChannels() + ", Z=" + input.getNSlices() + ", T="
					+ input.getNFrames() + ": use a .tif name");
		}
	}

	/**
	 * Writes a result with the input's dimensions.
	 *
	 * @param pixels the input's pixels (for the PNG range)
	 * @param note   the {@link Provenance} note the file carries
	 */
	static void writeImage(Hyperstack hs, ImagePlus input, Hyperstack pixels, Path path, String what, String note) {
		writeImage(hs, input, pixels, path, what, note, null);
	}

	/** As above, with further lines of a TIFF's ImageJ info after the note (null = none; a PNG has no place). */
	static void writeImage(Hyperstack hs, ImagePlus input, Hyperstack pixels, Path path, String what, String note,
			String moreInfo) {
		if (StackFiles.isPng(path)) {
			boolean rgb = input.getType() == ImagePlus.COLOR_RGB;
			boolean raw = rgb || (input.getBitDepth() == 8 && !input.getCalibration().calibrated());
			double[] r = StackFiles.range(pixels);
			StackFiles.writePng(hs, rgb, r[0], r[1], raw, path, what, note);
		} else {
			StackFiles.writeTiff(hs, input, path, note, moreInfo);
		}
	}

	/** Writes a kernel or uncertainty hyperstack (PNG: stretched from 0 to its maximum), carrying the note. */
	static void writeMap(Hyperstack hs, ImagePlus input, Path path, String what, String note) {
		writeMap(hs, input, path, what, note, null);
	}

	/** As above, with further lines of a TIFF's ImageJ info after the note (null = none; a PNG has no place). */
	static void writeMap(Hyperstack hs, ImagePlus input, Path path, String what, String note, String moreInfo) {
		if (StackFiles.isPng(path)) {
			boolean rgb = input.getType() == ImagePlus.COLOR_RGB && hs.channels() == 3;
			StackFiles.writePng(hs, rgb, 0, Math.max(StackFiles.range(hs)[1], Float.MIN_NORMAL), false, path, what,
					note);
		} else {
			StackFiles.writeTiff(hs, input, path, note, moreInfo);
		}
	}
}
