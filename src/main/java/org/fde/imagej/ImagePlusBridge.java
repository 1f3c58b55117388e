package org.fde.imagej;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.fde.stack.Hyperstack;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;

/**
 * Conversion between {@link ImagePlus} and {@link Hyperstack}, without AWT windows.
 * <p>
 * Reading ({@link #read}): 8-, 16- and 32-bit images and RGB, any C/Z/T layout. Values are copied (the ImagePlus is
 * never modified); 8- and 16-bit values go through the image's calibration function when it has one (as ImageJ's own
 * conversion to 32-bit does). An RGB image becomes three channels (red, green, blue) per ImageJ channel. 8-bit
 * indexed-colour images are refused.
 * <p>
 * Writing ({@link #write}): a new 32-bit ImagePlus with the hyperstack's C/Z/T dimensions, the template's spatial
 * and temporal calibration (the density calibration is dropped: values are already calibrated), and, with several
 * channels, a {@link CompositeImage} that copies the template's channel colours when it has as many channels (RGB
 * input: red, green, blue in composite mode).
 */
public final class ImagePlusBridge {

	private ImagePlusBridge() {
	}

	/**
	 * The pixels of an image as a float hyperstack (a copy).
	 *
	 * @param what how the image is named in error messages ("the image", "the PSF")
	 * @throws IllegalArgumentException if imp is null, empty or of an unsupported type
	 */
	public static Hyperstack read(ImagePlus imp, String what) {
		if (imp == null) {
			throw new IllegalArgumentException(what + " is missing: open an image first");
		}
		if (imp.getWidth() < 1 || imp.getHeight() < 1 || imp.getStackSize() < 1 || imp.getProcessor() == null) {
			throw new IllegalArgumentException(what + " ('" + imp.getTitle() + "') is empty: it has no pixels");
		}
		checkSourceFile(imp, what);
		int type = imp.getType();
		if (type == ImagePlus.COLOR_256) {
			throw new IllegalArgumentException(what + " ('" + imp.getTitle() + "') is an 8-bit indexed-colour "
					+ "image, which is not supported: convert it first (Image > Type > RGB Color, or 8-bit)");
		}
		if (type != ImagePlus.GRAY8 && type != ImagePlus.GRAY16 && type != ImagePlus.GRAY32
				&& type != ImagePlus.COLOR_RGB) {
			throw new IllegalArgumentException(what + " ('" + imp.getTitle() + "') has an unsupported type (" + type
					+ "): use an 8-, 16- or 32-bit or RGB image");
		}
		int w = imp.getWidth();
		int h = imp.getHeight();
		int c = imp.getNChannels();
		int z = imp.getNSlices();
		int t = imp.getNFrames();
		if ((long) c * z * t != imp.getStackSize()) {
			throw new IllegalArgumentException(what + " ('" + imp.getTitle() + "') has inconsistent dimensions: C*Z*T = "
					+ c + "*" + z + "*" + t + " but " + imp.getStackSize() + " planes");
		}
		boolean rgb = type == ImagePlus.COLOR_RGB;
		int cs = rgb ? 3 * c : c;
		float[] ctable = rgb || type == ImagePlus.GRAY32 ? null : imp.getCalibration().getCTable();
		ImageStack stack = imp.getStack();
		float[][] planes = new float[cs * z * t][];
		for (int i = 0; i < c * z * t; i++) {
			ImageProcessor ip = stack.getProcessor(i + 1);
			if (rgb) {
				int[] px = (int[]) ip.getPixels();
				float[] r = new float[w * h];
				float[] g = new float[w * h];
				float[] b = new float[w * h];
				for (int q = 0; q < px.length; q++) {
					r[q] = (px[q] >> 16) & 0xff;
					g[q] = (px[q] >> 8) & 0xff;
					b[q] = px[q] & 0xff;
				}
				planes[3 * i] = r;
				planes[3 * i + 1] = g;
				planes[3 * i + 2] = b;
			} else {
				float[] p = new float[w * h];
				if (ctable != null) {
					for (int q = 0; q < p.length; q++) {
						p[q] = ctable[(int) ip.getf(q)];
					}
				} else {
					for (int q = 0; q < p.length; q++) {
						p[q] = ip.getf(q);
					}
				}
				planes[i] = p;
			}
		}
		return new Hyperstack(w, h, cs, z, t, planes);
	}

	/**
	 * Refuses an image that ImageJ opened from a damaged file: ImageJ's TIFF reader fills missing strips with zeros
	 * (and keeps the image open), so the pixels would silently be partly black. The file the image was opened from,
	 * when it still exists, must pass {@link ImageFileCheck}.
	 */
	static void checkSourceFile(ImagePlus imp, String what) {
		FileInfo fi = imp.getOriginalFileInfo();
		if (fi == null || fi.fileName == null || fi.fileName.isBlank() || fi.directory == null
				|| fi.directory.isBlank()) {
			return;
		}
		Path source;
		try {
			source = Path.of(fi.directory, fi.fileName);
		} catch (InvalidPathException e) {
			return;
		}
		if (!Files.isRegularFile(source)) {
			return;
		}
		try {
			ImageFileCheck.check(source);
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(what + " ('" + imp.getTitle() + "') was opened from a damaged file, "
					+ "so part of its pixels are missing (ImageJ shows them as zeros): " + e.getMessage()
					+ "; open an intact copy");
		}
	}

	/**
	 * A new 32-bit ImagePlus holding (a copy of) the hyperstack's planes.
	 *
	 * @param template source of the calibration and channel colours (not modified); may be null
	 */
	public static ImagePlus write(Hyperstack hs, String title, ImagePlus template) {
		ImageStack stack = new ImageStack(hs.width(), hs.height());
		for (int i = 0; i < hs.planeCount(); i++) {
			stack.addSlice(null, new FloatProcessor(hs.width(), hs.height(), hs.plane(i).clone()));
		}
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(hs.channels(), hs.slices(), hs.frames());
		if (template != null) {
			Calibration cal = template.getCalibration().copy();
			cal.disableDensityCalibration();
			imp.setCalibration(cal);
		}
		if (hs.slices() * hs.frames() > 1 || hs.channels() > 1) {
			imp.setOpenAsHyperStack(true);
		}
		if (hs.channels() > 1 && hs.channels() <= CompositeImage.MAX_CHANNELS) {
			boolean rgb = template != null && template.getType() == ImagePlus.COLOR_RGB;
			CompositeImage ci = new CompositeImage(imp, rgb ? CompositeImage.COMPOSITE : CompositeImage.COLOR);
			if (template instanceof CompositeImage src && src.getNChannels() == hs.channels()) {
				LUT[] luts = src.getLuts();
				LUT[] copy = new LUT[luts.length];
				for (int i = 0; i < luts.length; i++) {
					copy[i] = (LUT) luts[i].clone();
				}
				ci.setLuts(copy);
				ci.setMode(src.getMode());
			}
			ci.resetDisplayRanges();
			imp = ci;
			imp.setTitle(title);
		} else {
			imp.resetDisplayRange();
		}
		return imp;
	}

	/** The title without a short file extension ("cells.tif" &rarr; "cells"), the base of output titles. */
	public static String baseTitle(ImagePlus imp) {
		String t = imp == null || imp.getTitle() == null ? "image" : imp.getTitle();
		int dot = t.lastIndexOf('.');
		if (dot > 0 && t.length() - dot - 1 >= 1 && t.length() - dot - 1 <= 5
				&& t.substring(dot + 1).chars().allMatch(Character::isLetterOrDigit)) {
			return t.substring(0, dot);
		}
		return t;
	}
}
