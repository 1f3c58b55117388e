package org.fde.imglib2;

import java.util.Locale;

import org.fde.stack.Hyperstack;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Copies between ImgLib2 images and the engine's {@link Hyperstack} (float planes in ImageJ's C, Z, T order).
 * <p>
 * An image's axes are named by a string of the letters {@code X}, {@code Y}, {@code C} (channel), {@code Z} (plane)
 * and {@code T} (frame), one per dimension in the image's order, X and Y first: {@code "XY"}, {@code "XYC"},
 * {@code "XYZT"}, {@code "XYCZT"} (ImageJ's order) and so on. Missing axes have size 1.
 */
public final class Hyperstacks {

	private Hyperstacks() {
	}

	/**
	 * The image as a hyperstack (a copy, as float).
	 *
	 * @param axes one letter per dimension, starting with "XY"; C, Z and T at most once each
	 * @throws IllegalArgumentException if the axes do not match the image
	 */
	public static Hyperstack read(RandomAccessibleInterval<? extends RealType<?>> image, String axes) {
		int[] pos = positions(axes, image.numDimensions());
		long[] min = image.minAsLongArray();
		int w = size(image, 0);
		int h = size(image, 1);
		int c = pos[2] < 0 ? 1 : size(image, pos[2]);
		int z = pos[3] < 0 ? 1 : size(image, pos[3]);
		int t = pos[4] < 0 ? 1 : size(image, pos[4]);
		float[][] planes = new float[c * z * t][];
		RandomAccess<? extends RealType<?>> ra = image.randomAccess();
		long[] p = min.clone();
		for (int ti = 0; ti < t; ti++) {
			for (int zi = 0; zi < z; zi++) {
				for (int ci = 0; ci < c; ci++) {
					set(p, pos[2], min, ci);
					set(p, pos[3], min, zi);
					set(p, pos[4], min, ti);
					float[] plane = new float[w * h];
					for (int y = 0; y < h; y++) {
						p[1] = min[1] + y;
						for (int x = 0; x < w; x++) {
							p[0] = min[0] + x;
							ra.setPosition(p);
							plane[y * w + x] = ra.get().getRealFloat();
						}
					}
					planes[(ti * z + zi) * c + ci] = plane;
				}
			}
		}
		return new Hyperstack(w, h, c, z, t, planes);
	}

	/** The hyperstack as a new float image with the given axes (an axis not in {@code axes} must have size 1). */
	public static Img<FloatType> write(Hyperstack hs, String axes) {
		int n = axes.length();
		int[] pos = positions(axes, n);
		long[] dims = new long[n];
		dims[0] = hs.width();
		dims[1] = hs.height();
		int[] sizes = { hs.channels(), hs.slices(), hs.frames() };
		for (int a = 0; a < 3; a++) {
			if (pos[2 + a] >= 0) {
				dims[pos[2 + a]] = sizes[a];
			} else if (sizes[a] != 1) {
				throw new IllegalArgumentException("the result has " + sizes[a] + " " + "CZT".charAt(a)
						+ " positions but the axes '" + axes + "' have no " + "CZT".charAt(a));
			}
		}
		Img<FloatType> img = ArrayImgs.floats(dims);
		RandomAccess<FloatType> ra = img.randomAccess();
		long[] p = new long[n];
		long[] zero = new long[n];
		for (int t = 0; t < hs.frames(); t++) {
			for (int z = 0; z < hs.slices(); z++) {
				for (int c = 0; c < hs.channels(); c++) {
					set(p, pos[2], zero, c);
					set(p, pos[3], zero, z);
					set(p, pos[4], zero, t);
					float[] plane = hs.plane(c, z, t);
					for (int y = 0; y < hs.height(); y++) {
						p[1] = y;
						for (int x = 0; x < hs.width(); x++) {
							p[0] = x;
							ra.setPosition(p);
							ra.get().set(plane[y * hs.width() + x]);
						}
					}
				}
			}
		}
		return img;
	}

	/** Indices of X, Y, C, Z, T in the axes (-1 when absent), checked against the dimension count. */
	static int[] positions(String axes, int dimensions) {
		String a = axes == null ? "" : axes.toUpperCase(Locale.ROOT);
		if (a.length() != dimensions || !a.startsWith("XY")) {
			throw new IllegalArgumentException("axes must name each of the image's " + dimensions + " dimensions, "
					+ "starting with XY (for example XY, XYC, XYZT, XYCZT), got '" + axes + "'");
		}
		int[] pos = { 0, 1, -1, -1, -1 };
		for (int i = 2; i < a.length(); i++) {
			int k = "CZT".indexOf(a.charAt(i));
			if (k < 0 || pos[2 + k] >= 0) {
				throw new IllegalArgumentException("axes after XY must be C, Z or T, each at most once, got '" + axes
						+ "'");
			}
			pos[2 + k] = i;
		}
		return pos;
	}

	private static int size(RandomAccessibleInterval<?> image, int d) {
		long s = image.dimension(d);
		if (s > Integer.MAX_VALUE / 4) {
			throw new IllegalArgumentException("dimension " + d + " is too large: " + s);
		}
		return (int) s;
	}

	private static void set(long[] p, int axis, long[] min, int value) {
		if (axis >= 0) {
			p[axis] = min[axis] + value;
		}
	}
}
