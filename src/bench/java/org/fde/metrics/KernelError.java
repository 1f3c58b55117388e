package org.fde.metrics;

/**
 * Kernel errors on sum-1 kernels (ALGORITHM.md &sect;9: the paper's "kernel MSE" reads as a per-pixel MSE on
 * 33&times;33 kernels normalised to sum 1).
 * <p>
 * Both kernels are square, odd or even, row-major; a smaller kernel is embedded in the centre of the larger window
 * (same origin &lfloor;size/2&rfloor;) before comparison, so that, e.g., a 19&times;19 Levin kernel can be compared
 * with a 33&times;33 estimate. Both are divided by their sums (the sums must be positive).
 */
public final class KernelError {

	private KernelError() {
	}

	/** Plain per-pixel MSE, (1/S&sup2;) &Sigma; (k&#770; &minus; k)&sup2;, over the larger window S&times;S. */
	public static double mse(float[] estimate, int estimateSize, float[] truth, int truthSize) {
		int s = Math.max(estimateSize, truthSize);
		double[] a = normalised(embed(estimate, estimateSize, s), "estimate");
		double[] b = normalised(embed(truth, truthSize, s), "truth");
		return shiftedMse(a, b, s, 0, 0);
	}

	/**
	 * Shift-aligned MSE: the minimum over integer shifts (dy, dx) with |dy|, |dx| &le; &lfloor;S/4&rfloor; of the
	 * per-pixel MSE between the estimate shifted by (dy, dx) (zero fill) and the truth, over the S&times;S window.
	 * Blind deconvolution determines the kernel only up to a translation (the image moves the other way), so this
	 * is the error that ignores that ambiguity.
	 */
	public static double alignedMse(float[] estimate, int estimateSize, float[] truth, int truthSize) {
		return aligned(estimate, estimateSize, truth, truthSize).mse();
	}

	/** The best shift and its MSE, as {@link #alignedMse}. */
	public record Alignment(int dy, int dx, double mse) {
	}

	/** {@link #alignedMse} with the shift that attains it (the smallest |dy|+|dx| wins ties). */
	public static Alignment aligned(float[] estimate, int estimateSize, float[] truth, int truthSize) {
		int s = Math.max(estimateSize, truthSize);
		double[] a = normalised(embed(estimate, estimateSize, s), "estimate");
		double[] b = normalised(embed(truth, truthSize, s), "truth");
		int r = s / 4;
		Alignment best = new Alignment(0, 0, shiftedMse(a, b, s, 0, 0));
		for (int dy = -r; dy <= r; dy++) {
			for (int dx = -r; dx <= r; dx++) {
				double m = shiftedMse(a, b, s, dy, dx);
				if (m < best.mse() || (m == best.mse()
						&& Math.abs(dy) + Math.abs(dx) < Math.abs(best.dy()) + Math.abs(best.dx()))) {
					best = new Alignment(dy, dx, m);
				}
			}
		}
		return best;
	}

	/** out(y, x) = k(y &minus; dy, x &minus; dx), zero outside: the kernel moved by (dy, dx). */
	public static float[] shift(float[] k, int size, int dy, int dx) {
		float[] out = new float[size * size];
		for (int y = 0; y < size; y++) {
			int sy = y - dy;
			if (sy < 0 || sy >= size) {
				continue;
			}
			for (int x = 0; x < size; x++) {
				int sx = x - dx;
				if (sx >= 0 && sx < size) {
					out[y * size + x] = k[sy * size + sx];
				}
			}
		}
		return out;
	}

	private static double shiftedMse(double[] a, double[] b, int s, int dy, int dx) {
		double sum = 0;
		for (int y = 0; y < s; y++) {
			int sy = y - dy;
			for (int x = 0; x < s; x++) {
				int sx = x - dx;
				double va = (sy >= 0 && sy < s && sx >= 0 && sx < s) ? a[sy * s + sx] : 0;
				double d = va - b[y * s + x];
				sum += d * d;
			}
		}
		return sum / ((double) s * s);
	}

	static float[] embed(float[] k, int ks, int s) {
		if (k.length != ks * ks) {
			throw new IllegalArgumentException("kernel has " + k.length + " values, expected " + ks + "x" + ks);
		}
		if (ks == s) {
			return k;
		}
		float[] out = new float[s * s];
		int off = s / 2 - ks / 2;
		for (int y = 0; y < ks; y++) {
			System.arraycopy(k, y * ks, out, (y + off) * s + off, ks);
		}
		return out;
	}

	private static double[] normalised(float[] k, String name) {
		double sum = 0;
		for (float v : k) {
			sum += v;
		}
		if (!(sum > 0) || !Double.isFinite(sum)) {
			throw new IllegalArgumentException(name + " kernel must have a positive finite sum, got " + sum);
		}
		double[] out = new double[k.length];
		for (int i = 0; i < k.length; i++) {
			out[i] = k[i] / sum;
		}
		return out;
	}
}
