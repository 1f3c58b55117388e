package org.fde.stack;

/**
 * A float hyperstack: width &times; height planes over C channels, Z slices and T frames, in ImageJ's plane order
 * (channel fastest, then slice, then frame: plane index = (t&middot;Z + z)&middot;C + c, all 0-based).
 * <p>
 * A value holder: the plane arrays are owned by the instance and handed out live by {@link #plane}; code that gets
 * a hyperstack from elsewhere must not modify its planes.
 */
public final class Hyperstack {

	private final int width;
	private final int height;
	private final int channels;
	private final int slices;
	private final int frames;
	private final float[][] planes;

	/**
	 * @param planes channels&middot;slices&middot;frames arrays of width&middot;height values, in the order above
	 * @throws IllegalArgumentException if a dimension is &lt; 1 or an array has the wrong length
	 */
	public Hyperstack(int width, int height, int channels, int slices, int frames, float[][] planes) {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("the image is empty: size " + width + "x" + height);
		}
		if (channels < 1 || slices < 1 || frames < 1) {
			throw new IllegalArgumentException("channels, slices and frames must be >= 1, got C=" + channels + ", Z="
					+ slices + ", T=" + frames);
		}
		long count = (long) channels * slices * frames;
		if (planes.length != count) {
			throw new IllegalArgumentException("expected " + count + " planes (C*Z*T), got " + planes.length);
		}
		for (int i = 0; i < planes.length; i++) {
			if (planes[i] == null || planes[i].length != width * height) {
				throw new IllegalArgumentException("plane " + i + " must have " + width + "x" + height + " values");
			}
		}
		this.width = width;
		this.height = height;
		this.channels = channels;
		this.slices = slices;
		this.frames = frames;
		this.planes = planes;
	}

	/** A hyperstack of zeros. */
	public static Hyperstack zeros(int width, int height, int channels, int slices, int frames) {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("the image is empty: size " + width + "x" + height);
		}
		float[][] p = new float[Math.max(0, channels * slices * frames)][width * height];
		return new Hyperstack(width, height, channels, slices, frames, p);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public int channels() {
		return channels;
	}

	public int slices() {
		return slices;
	}

	public int frames() {
		return frames;
	}

	/** Number of planes, C&middot;Z&middot;T. */
	public int planeCount() {
		return planes.length;
	}

	/** The 0-based plane index of (c, z, t). */
	public int index(int c, int z, int t) {
		if (c < 0 || c >= channels || z < 0 || z >= slices || t < 0 || t >= frames) {
			throw new IllegalArgumentException("position (c=" + c + ", z=" + z + ", t=" + t + ") outside C="
					+ channels + ", Z=" + slices + ", T=" + frames);
		}
		return (t * slices + z) * channels + c;
	}

	/** The plane at (c, z, t), 0-based (live array). */
	public float[] plane(int c, int z, int t) {
		return planes[index(c, z, t)];
	}

	/** The plane with 0-based index i in ImageJ's order (live array). */
	public float[] plane(int i) {
		return planes[i];
	}

	/** Replaces the plane at (c, z, t) (the array is taken, not copied). */
	void set(int c, int z, int t, float[] plane) {
		if (plane.length != width * height) {
			throw new IllegalArgumentException("plane must have " + width + "x" + height + " values");
		}
		planes[index(c, z, t)] = plane;
	}

	/**
	 * The first non-finite value, as a message naming its position (1-based, as ImageJ shows it), or null when all
	 * values are finite.
	 */
	public String firstNonFinite() {
		for (int t = 0; t < frames; t++) {
			for (int z = 0; z < slices; z++) {
				for (int c = 0; c < channels; c++) {
					float[] p = plane(c, z, t);
					for (int i = 0; i < p.length; i++) {
						if (!Float.isFinite(p[i])) {
							return "pixel (x=" + (i % width) + ", y=" + (i / width) + ") of channel " + (c + 1)
									+ ", slice " + (z + 1) + ", frame " + (t + 1) + " is " + p[i];
						}
					}
				}
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "Hyperstack[" + width + "x" + height + ", C=" + channels + ", Z=" + slices + ", T=" + frames + "]";
	}
}
