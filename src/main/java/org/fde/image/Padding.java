package org.fde.image;

/** Padding to a size multiple by mirror reflection (without repeating the edge pixel), and the matching crop. */
public final class Padding {

	private Padding() {
	}

	/** The smallest multiple of {@code m} that is &ge; {@code n}. */
	public static int roundUp(int n, int m) {
		return ((n + m - 1) / m) * m;
	}

	/** Pads a w&times;h plane at the right and bottom to nw&times;nh by mirror reflection. */
	public static float[] reflect(float[] plane, int w, int h, int nw, int nh) {
		if (nw < w || nh < h) {
			throw new IllegalArgumentException("padded size " + nw + "x" + nh + " smaller than " + w + "x" + h);
		}
		float[] out = new float[nw * nh];
		for (int y = 0; y < nh; y++) {
			int sy = mirror(y, h);
			for (int x = 0; x < nw; x++) {
				out[y * nw + x] = plane[sy * w + mirror(x, w)];
			}
		}
		return out;
	}

	/** The top-left w&times;h window of an nw-wide plane. */
	public static float[] crop(float[] plane, int nw, int w, int h) {
		float[] out = new float[w * h];
		for (int y = 0; y < h; y++) {
			System.arraycopy(plane, y * nw, out, y * w, w);
		}
		return out;
	}

	static int mirror(int i, int n) {
		if (n == 1) {
			return 0;
		}
		int period = 2 * (n - 1);
		int m = Math.floorMod(i, period);
		return m < n ? m : period - m;
	}
}
