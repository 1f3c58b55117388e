package org.fde.kernel;

/** Small helpers on square kernels (row-major float arrays). */
public final class Kernels {

	private Kernels() {
	}

	/** A size&times;size delta at the p2o origin (&lfloor;size/2&rfloor;, &lfloor;size/2&rfloor;). */
	public static float[] delta(int size) {
		float[] k = new float[size * size];
		k[(size / 2) * size + size / 2] = 1f;
		return k;
	}

	/**
	 * The kernel with its small values removed, the classical clean-up of a blind kernel estimate: values below
	 * {@code fraction} times the kernel's maximum become 0, then the kernel is {@link #project projected} again
	 * (&ge; 0, sum 1). Not re-centred: the removed mass is small, and the image estimated with the kernel keeps its
	 * alignment. {@code fraction} 0 only projects. The input is not modified.
	 *
	 * @param fraction in [0, 1)
	 */
	public static float[] threshold(float[] k, int size, double fraction) {
		if (!(fraction >= 0 && fraction < 1)) {
			throw new IllegalArgumentException("fraction must be in [0, 1), got " + fraction);
		}
		float max = 0;
		for (float v : k) {
			max = Math.max(max, v);
		}
		float[] out = k.clone();
		double floor = fraction * max;
		for (int i = 0; i < out.length; i++) {
			if (out[i] < floor) {
				out[i] = 0;
			}
		}
		return project(out, size);
	}

	/**
	 * Projection onto the simplex constraints used by the M-step: clamp to &ge; 0 then divide by the sum.
	 * A kernel with no positive mass becomes the delta (the official code would produce NaN).
	 */
	public static float[] project(float[] k, int size) {
		float[] out = new float[k.length];
		double sum = 0;
		for (int i = 0; i < k.length; i++) {
			float v = Math.max(k[i], 0f);
			out[i] = v;
			sum += v;
		}
		if (!(sum > 0) || !Double.isFinite(sum)) {
			return delta(size);
		}
		float inv = (float) (1.0 / sum);
		for (int i = 0; i < out.length; i++) {
			out[i] *= inv;
		}
		return out;
	}

	/**
	 * The kernel {@link #project projected} onto the kernels supported by the centred support&times;support window:
	 * values outside it set to 0, then clamped to &ge; 0 and divided by the sum. {@code support} &ge; size only
	 * projects; a support of the other parity than size is widened by one so that the window stays centred on the
	 * p2o origin.
	 */
	public static float[] restrict(float[] k, int size, int support) {
		if (support >= size) {
			return project(k, size);
		}
		int lo = size / 2 - support / 2;
		int hi = lo + support + ((size - support) % 2 == 0 ? 0 : 1); // exclusive
		float[] out = new float[k.length];
		for (int y = Math.max(0, lo); y < Math.min(size, hi); y++) {
			for (int x = Math.max(0, lo); x < Math.min(size, hi); x++) {
				out[y * size + x] = k[y * size + x];
			}
		}
		return project(out, size);
	}

	/**
	 * The kernel {@link #project projected} onto the kernels supported by {@code mask} (size&sup2; flags, row-major):
	 * values outside it set to 0, then clamped to &ge; 0 and divided by the sum. A null mask only projects.
	 */
	public static float[] restrict(float[] k, int size, boolean[] mask) {
		if (mask == null) {
			return project(k, size);
		}
		if (mask.length != k.length) {
			throw new IllegalArgumentException("mask has " + mask.length + " flags, expected " + k.length);
		}
		float[] out = new float[k.length];
		for (int i = 0; i < out.length; i++) {
			out[i] = mask[i] ? k[i] : 0f;
		}
		return project(out, size);
	}

	public static double sum(float[] k) {
		double s = 0;
		for (float v : k) {
			s += v;
		}
		return s;
	}

	/** Centre of mass (row, column) of a non-negative kernel; the geometric centre when the mass is zero. */
	public static double[] centreOfMass(float[] k, int size) {
		double m = 0;
		double cy = 0;
		double cx = 0;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double v = Math.max(0, k[y * size + x]);
				m += v;
				cy += v * y;
				cx += v * x;
			}
		}
		if (!(m > 0)) {
			return new double[] { (size - 1) / 2.0, (size - 1) / 2.0 };
		}
		return new double[] { cy / m, cx / m };
	}

	/** Pearson correlation of two kernels of the same size. */
	public static double correlation(float[] a, float[] b) {
		double ma = 0;
		double mb = 0;
		for (int i = 0; i < a.length; i++) {
			ma += a[i];
			mb += b[i];
		}
		ma /= a.length;
		mb /= b.length;
		double sab = 0;
		double saa = 0;
		double sbb = 0;
		for (int i = 0; i < a.length; i++) {
			double da = a[i] - ma;
			double db = b[i] - mb;
			sab += da * db;
			saa += da * da;
			sbb += db * db;
		}
		return sab / Math.sqrt(saa * sbb + 1e-300);
	}

	/** Embed a small odd kernel in the centre of a larger size&times;size window (same p2o origin). */
	public static float[] embed(float[] k, int ksize, int size) {
		if (ksize > size) {
			throw new IllegalArgumentException("kernel " + ksize + " does not fit in " + size);
		}
		float[] out = new float[size * size];
		int off = size / 2 - ksize / 2;
		for (int y = 0; y < ksize; y++) {
			System.arraycopy(k, y * ksize, out, (y + off) * size + off, ksize);
		}
		return out;
	}
}
