package org.fde.image;

import java.util.Arrays;

/**
 * A multi-channel float image: {@code channels} planes of {@code height x width}, row-major, one array per channel.
 * <p>
 * The class is a thin value holder; the arrays are owned by the instance and {@link #copy()} gives a deep copy.
 * Values are on whatever scale the caller states (the solvers work on the unit scale, [0, 1]).
 */
public final class Image {

	private final int width;
	private final int height;
	private final float[][] planes;

	public Image(int width, int height, float[][] planes) {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
		}
		if (planes.length < 1) {
			throw new IllegalArgumentException("image needs at least one channel");
		}
		for (float[] p : planes) {
			if (p.length != width * height) {
				throw new IllegalArgumentException("plane length " + p.length + " != " + width + "*" + height);
			}
		}
		this.width = width;
		this.height = height;
		this.planes = planes;
	}

	/** A single-channel image wrapping {@code data} (no copy). */
	public static Image gray(int width, int height, float[] data) {
		return new Image(width, height, new float[][] { data });
	}

	public static Image zeros(int width, int height, int channels) {
		return new Image(width, height, new float[channels][width * height]);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public int channels() {
		return planes.length;
	}

	/** The plane of channel {@code c} (live array, not a copy). */
	public float[] plane(int c) {
		return planes[c];
	}

	public float get(int c, int x, int y) {
		return planes[c][y * width + x];
	}

	public Image copy() {
		float[][] p = new float[planes.length][];
		for (int c = 0; c < p.length; c++) {
			p[c] = planes[c].clone();
		}
		return new Image(width, height, p);
	}

	/** This image as a batch of one, NCHW. */
	public float[] toBatch() {
		int n = width * height;
		float[] out = new float[n * planes.length];
		for (int c = 0; c < planes.length; c++) {
			System.arraycopy(planes[c], 0, out, c * n, n);
		}
		return out;
	}

	/** Particle {@code i} of an NCHW batch as an image (copied). */
	public static Image fromBatch(float[] batch, BatchShape s, int i) {
		float[][] p = new float[s.c()][];
		for (int c = 0; c < s.c(); c++) {
			int off = s.planeOffset(i, c);
			p[c] = Arrays.copyOfRange(batch, off, off + s.planeSize());
		}
		return new Image(s.w(), s.h(), p);
	}

	/** True if every value is finite. */
	public boolean isFinite() {
		for (float[] p : planes) {
			for (float v : p) {
				if (!Float.isFinite(v)) {
					return false;
				}
			}
		}
		return true;
	}
}
