package org.fde.kernel.blind;

/**
 * Separable resizing of row-major planes with the triangle (linear) kernel, as MATLAB's {@code imresize(...,
 * 'bilinear')} that the published multiscale blind methods use: when shrinking, the triangle is widened by the
 * inverse scale (antialiasing); when enlarging, it is plain linear interpolation. Sample centres are aligned
 * ({@code (i + 0.5) / scale - 0.5}), and the plane is extended by replicating its edge.
 */
public final class Resample {

	private Resample() {
	}

	/** The w&times;h plane resized to nw&times;nh. */
	public static float[] resize(float[] src, int w, int h, int nw, int nh) {
		if (src.length != w * h) {
			throw new IllegalArgumentException("plane has " + src.length + " values, expected " + w + "x" + h);
		}
		if (nw < 1 || nh < 1) {
			throw new IllegalArgumentException("target size must be positive, got " + nw + "x" + nh);
		}
		float[] rows = new float[nw * h];
		float[] line = new float[w];
		float[] out1 = new float[nw];
		for (int y = 0; y < h; y++) {
			System.arraycopy(src, y * w, line, 0, w);
			resize1d(line, out1);
			System.arraycopy(out1, 0, rows, y * nw, nw);
		}
		float[] out = new float[nw * nh];
		float[] col = new float[h];
		float[] out2 = new float[nh];
		for (int x = 0; x < nw; x++) {
			for (int y = 0; y < h; y++) {
				col[y] = rows[y * nw + x];
			}
			resize1d(col, out2);
			for (int y = 0; y < nh; y++) {
				out[y * nw + x] = out2[y];
			}
		}
		return out;
	}

	/** One line resized into {@code dst} (its length is the new size). */
	static void resize1d(float[] src, float[] dst) {
		int n = src.length;
		int m = dst.length;
		double scale = (double) m / n;
		double support = scale < 1 ? 1 / scale : 1; // half-width of the triangle in source samples
		for (int i = 0; i < m; i++) {
			double c = (i + 0.5) / scale - 0.5;
			int lo = (int) Math.floor(c - support);
			int hi = (int) Math.ceil(c + support);
			double sum = 0;
			double wsum = 0;
			for (int j = lo; j <= hi; j++) {
				double wgt = 1 - Math.abs(j - c) / support;
				if (wgt <= 0) {
					continue;
				}
				sum += wgt * src[Math.min(n - 1, Math.max(0, j))];
				wsum += wgt;
			}
			dst[i] = (float) (sum / wsum);
		}
	}
}
