package org.fde.kernel.gen;

/**
 * Drawing primitives on a size&times;size row-major grid whose origin is the p2o centre (&lfloor;size/2&rfloor;,
 * &lfloor;size/2&rfloor;). Coordinates passed in are offsets (dy, dx) from that origin, in pixels.
 */
final class Raster {

	/** Spacing, in pixels, of the points that sample a line segment. */
	private static final double LINE_STEP = 0.1;

	private Raster() {
	}

	/** A radially or otherwise defined intensity, as a function of the offset (dy, dx) from the origin. */
	@FunctionalInterface
	interface Field {
		double at(double dy, double dx);
	}

	/**
	 * The field averaged over each pixel on an ss&times;ss grid of sub-samples (a pixel-integrated rendering).
	 */
	static double[] integrate(int size, int ss, Field f) {
		int c = size / 2;
		double[] out = new double[size * size];
		double inv = 1.0 / (ss * ss);
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double sum = 0;
				for (int i = 0; i < ss; i++) {
					double dy = y - c + (i + 0.5) / ss - 0.5;
					for (int j = 0; j < ss; j++) {
						double dx = x - c + (j + 0.5) / ss - 0.5;
						sum += f.at(dy, dx);
					}
				}
				out[y * size + x] = sum * inv;
			}
		}
		return out;
	}

	/** Deposit weight w at (dy, dx) with bilinear weights; the part that falls outside the grid is dropped. */
	static void splat(double[] img, int size, double dy, double dx, double w) {
		int c = size / 2;
		double py = c + dy;
		double px = c + dx;
		int y0 = (int) Math.floor(py);
		int x0 = (int) Math.floor(px);
		double fy = py - y0;
		double fx = px - x0;
		add(img, size, y0, x0, w * (1 - fy) * (1 - fx));
		add(img, size, y0, x0 + 1, w * (1 - fy) * fx);
		add(img, size, y0 + 1, x0, w * fy * (1 - fx));
		add(img, size, y0 + 1, x0 + 1, w * fy * fx);
	}

	private static void add(double[] img, int size, int y, int x, double w) {
		if (y >= 0 && y < size && x >= 0 && x < size && w != 0) {
			img[y * size + x] += w;
		}
	}

	/**
	 * An anti-aliased polyline of uniform density per unit length: each segment is sampled at the midpoints of
	 * sub-segments no longer than {@value #LINE_STEP} px, each splatted bilinearly with its length as weight. This
	 * preserves the arc-length centre of mass exactly. A polyline of zero length is drawn as a point.
	 */
	static double[] polyline(int size, double[] ys, double[] xs) {
		double[] img = new double[size * size];
		double total = 0;
		for (int i = 1; i < ys.length; i++) {
			double ly = ys[i] - ys[i - 1];
			double lx = xs[i] - xs[i - 1];
			double len = Math.hypot(ly, lx);
			if (len == 0) {
				continue;
			}
			int n = (int) Math.ceil(len / LINE_STEP);
			for (int j = 0; j < n; j++) {
				double t = (j + 0.5) / n;
				splat(img, size, ys[i - 1] + t * ly, xs[i - 1] + t * lx, len / n);
			}
			total += len;
		}
		if (total == 0) {
			splat(img, size, ys[0], xs[0], 1);
		}
		return img;
	}

	/** Separable Gaussian blur with a 3-tap kernel (sigma &le; about 0.6 px), zero outside the grid. */
	static double[] blur3(double[] img, int size, double sigma) {
		double side = Math.exp(-0.5 / (sigma * sigma));
		double norm = 1 + 2 * side;
		double a = side / norm;
		double b = 1 / norm;
		double[] tmp = new double[img.length];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double v = b * img[y * size + x];
				if (x > 0) {
					v += a * img[y * size + x - 1];
				}
				if (x < size - 1) {
					v += a * img[y * size + x + 1];
				}
				tmp[y * size + x] = v;
			}
		}
		double[] out = new double[img.length];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double v = b * tmp[y * size + x];
				if (y > 0) {
					v += a * tmp[(y - 1) * size + x];
				}
				if (y < size - 1) {
					v += a * tmp[(y + 1) * size + x];
				}
				out[y * size + x] = v;
			}
		}
		return out;
	}
}
