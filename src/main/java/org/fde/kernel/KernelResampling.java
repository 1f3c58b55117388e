package org.fde.kernel;

/**
 * Moving a blur between an image and its s-times coarser version, for a coarse-to-fine kernel estimate: the block
 * mean that makes the coarse image, the matching enlargement of a kernel estimated on it, and the support that the
 * fine kernel is then allowed.
 * <p>
 * If y = k &#8859; x + n and y_s is the mean of y over s&times;s blocks, then y_s &asymp; k_s &#8859; x_s + n_s with
 * x_s the block mean of x, k_s the kernel with its offsets divided by s (its mass kept), and n_s white noise of
 * standard deviation &sigma;/s. {@link #enlarge} goes the other way: the fine kernel at offset d is the coarse one
 * at d/s (bilinear), projected (&ge; 0, sum 1) and re-centred on the p2o origin.
 */
public final class KernelResampling {

	/** The relative L1 change per iteration at which {@link #sharpen} has converged. */
	static final double SHARPEN_TOLERANCE = 1e-4;
	/** The most iterations of {@link #sharpen} (it converges within about 20 on generated motion kernels). */
	static final int SHARPEN_ITERATIONS = 200;

	private KernelResampling() {
	}

	private static void requireKernel(float[] k, int size) {
		if (k.length != size * size) {
			throw new IllegalArgumentException("kernel has " + k.length + " values, expected " + size + "^2");
		}
	}

	private static void requireFactor(int factor) {
		if (factor < 1) {
			throw new IllegalArgumentException("factor must be >= 1, got " + factor);
		}
	}

	/**
	 * The mean of a w&times;h plane over s&times;s blocks: &lfloor;w/s&rfloor;&times;&lfloor;h/s&rfloor; values (the
	 * last w mod s columns and h mod s rows are dropped). The noise of a white plane shrinks by the factor 1/s.
	 *
	 * @param factor s &ge; 1
	 */
	public static float[] blockMean(float[] plane, int w, int h, int factor) {
		if (plane.length != w * h) {
			throw new IllegalArgumentException("plane has " + plane.length + " values, expected " + w + "x" + h);
		}
		if (factor < 1 || factor > Math.min(w, h)) {
			throw new IllegalArgumentException("factor must be in [1, " + Math.min(w, h) + "], got " + factor);
		}
		int cw = w / factor;
		int ch = h / factor;
		float[] out = new float[cw * ch];
		double inv = 1.0 / ((double) factor * factor);
		for (int r = 0; r < ch; r++) {
			for (int c = 0; c < cw; c++) {
				double s = 0;
				for (int dy = 0; dy < factor; dy++) {
					int row = (r * factor + dy) * w + c * factor;
					for (int dx = 0; dx < factor; dx++) {
						s += plane[row + dx];
					}
				}
				out[r * cw + c] = (float) (s * inv);
			}
		}
		return out;
	}

	/**
	 * The kernel of a coarse scale (side {@code coarseSize}, p2o origin &lfloor;coarseSize/2&rfloor;) enlarged by
	 * {@code factor} into a size&times;size window: value at offset d (from &lfloor;size/2&rfloor;) = the coarse
	 * kernel at offset d/factor, bilinear, zero outside the coarse window; then projected (&ge; 0, sum 1) and centred
	 * ({@link KernelCentring#centre}).
	 *
	 * @param factor &ge; 1
	 */
	public static float[] enlarge(float[] coarse, int coarseSize, int factor, int size) {
		requireKernel(coarse, coarseSize);
		requireFactor(factor);
		if (size < 1) {
			throw new IllegalArgumentException("size must be >= 1, got " + size);
		}
		float[] positive = new float[coarse.length];
		for (int i = 0; i < positive.length; i++) {
			positive[i] = Math.max(0, coarse[i]);
		}
		return KernelCentring.centre(Kernels.project(interpolate(positive, coarseSize, factor, size), size), size);
	}

	/**
	 * An enlarged coarse kernel with the enlargement's widening taken out: the non-negative fine kernel whose view at
	 * the coarse scale and back is {@code enlarged}. {@link #enlarge} of a coarse kernel is a fine kernel seen through
	 * A = {@link #interpolate}&#8728;{@link #splat} (to the coarse grid and back, both bilinear), which widens a thin
	 * stroke by about the factor (a 1 px line becomes 3 px wide at factor 2); A is self-adjoint and non-negative, so
	 * Richardson&ndash;Lucy for A k = {@code enlarged}, started from {@code enlarged}, finds a sharper k that A maps to
	 * the same enlarged kernel. It is run to convergence (a relative L1 change per iteration below
	 * {@value #SHARPEN_TOLERANCE}, at most {@value #SHARPEN_ITERATIONS} iterations), then projected (&ge; 0, sum 1)
	 * and centred. Only the widening is undone: what A cannot see (the detail finer than the coarse grid) stays as
	 * smooth as the start.
	 *
	 * @param enlarged   a kernel made by {@link #enlarge} (side {@code size})
	 * @param factor     the factor it was enlarged by, &ge; 1
	 * @param coarseSize the side of the coarse kernel it was enlarged from
	 */
	public static float[] sharpen(float[] enlarged, int size, int factor, int coarseSize) {
		requireKernel(enlarged, size);
		requireFactor(factor);
		float[] target = new float[enlarged.length];
		for (int i = 0; i < target.length; i++) {
			target[i] = Math.max(0, enlarged[i]);
		}
		float[] ones = new float[target.length];
		java.util.Arrays.fill(ones, 1);
		float[] norm = widen(ones, size, factor, coarseSize); // A^T 1 (A is self-adjoint)
		float[] k = target.clone();
		for (int it = 0; it < SHARPEN_ITERATIONS; it++) {
			float[] seen = widen(k, size, factor, coarseSize);
			float[] ratio = new float[k.length];
			for (int i = 0; i < k.length; i++) {
				ratio[i] = seen[i] > 0 ? target[i] / seen[i] : 0;
			}
			float[] back = widen(ratio, size, factor, coarseSize);
			double change = 0;
			double mass = 0;
			for (int i = 0; i < k.length; i++) {
				float next = norm[i] > 0 ? k[i] * back[i] / norm[i] : 0;
				change += Math.abs(next - k[i]);
				mass += next;
				k[i] = next;
			}
			if (!(change > SHARPEN_TOLERANCE * mass)) {
				break;
			}
		}
		return KernelCentring.centre(Kernels.project(k, size), size);
	}

	/** A = {@link #interpolate}&#8728;{@link #splat}: a fine kernel brought to the coarse grid and back, unprojected. */
	private static float[] widen(float[] fine, int size, int factor, int coarseSize) {
		return interpolate(splat(fine, size, factor, coarseSize), coarseSize, factor, size);
	}

	/**
	 * The other way from {@link #enlarge}: a kernel of a size&times;size window brought to the coarse scale. The mass
	 * at offset d (from &lfloor;size/2&rfloor;) goes to the coarse offset d/factor, shared among the four nearest
	 * coarse pixels with the bilinear weights that {@link #enlarge} reads them with (its adjoint); then projected
	 * (&ge; 0, sum 1).
	 *
	 * @param factor &ge; 1
	 */
	public static float[] shrink(float[] fine, int size, int factor, int coarseSize) {
		requireKernel(fine, size);
		requireFactor(factor);
		return Kernels.project(splat(fine, size, factor, coarseSize), coarseSize);
	}

	/**
	 * How far a fine kernel still is the kernel a coarse stage measured: the correlation of {@code fine}, brought to
	 * the coarse scale and back ({@link #shrink}, {@link #enlarge}), with {@code enlargedCoarse} (a coarse kernel
	 * enlarged by {@link #enlarge}). Both sides then carry the same widening, so a fine kernel that only sharpens the
	 * coarse one scores near 1, and one that lost part of the coarse kernel's extent scores lower.
	 */
	public static double coarseAgreement(float[] fine, float[] enlargedCoarse, int size, int factor, int coarseSize) {
		return Kernels.correlation(enlarge(shrink(fine, size, factor, coarseSize), coarseSize, factor, size),
				enlargedCoarse);
	}

	/** The adjoint of {@link #interpolate}: fine values splatted onto the coarse grid with the bilinear weights. */
	static float[] splat(float[] fine, int size, int factor, int coarseSize) {
		double[] acc = new double[coarseSize * coarseSize];
		int oc = coarseSize / 2;
		int of = size / 2;
		for (int y = 0; y < size; y++) {
			double cy = (double) (y - of) / factor + oc;
			int r0 = (int) Math.floor(cy);
			double fr = cy - r0;
			for (int x = 0; x < size; x++) {
				double v = fine[y * size + x];
				if (v == 0) {
					continue;
				}
				double cx = (double) (x - of) / factor + oc;
				int c0 = (int) Math.floor(cx);
				double fc = cx - c0;
				add(acc, coarseSize, r0, c0, (1 - fr) * (1 - fc) * v);
				add(acc, coarseSize, r0, c0 + 1, (1 - fr) * fc * v);
				add(acc, coarseSize, r0 + 1, c0, fr * (1 - fc) * v);
				add(acc, coarseSize, r0 + 1, c0 + 1, fr * fc * v);
			}
		}
		float[] out = new float[acc.length];
		for (int i = 0; i < out.length; i++) {
			out[i] = (float) acc[i];
		}
		return out;
	}

	/** The bilinear reading of {@link #enlarge}, before its projection and centring (signed values, zero outside). */
	static float[] interpolate(float[] coarse, int coarseSize, int factor, int size) {
		float[] out = new float[size * size];
		int oc = coarseSize / 2;
		int of = size / 2;
		for (int y = 0; y < size; y++) {
			double cy = (double) (y - of) / factor + oc;
			for (int x = 0; x < size; x++) {
				double cx = (double) (x - of) / factor + oc;
				out[y * size + x] = (float) bilinear(coarse, coarseSize, cy, cx);
			}
		}
		return out;
	}

	private static void add(double[] acc, int size, int r, int c, double v) {
		if (r >= 0 && c >= 0 && r < size && c < size) {
			acc[r * size + c] += v;
		}
	}

	private static double bilinear(float[] k, int size, double r, double c) {
		int r0 = (int) Math.floor(r);
		int c0 = (int) Math.floor(c);
		double fr = r - r0;
		double fc = c - c0;
		return (1 - fr) * ((1 - fc) * at(k, size, r0, c0) + fc * at(k, size, r0, c0 + 1))
				+ fr * ((1 - fc) * at(k, size, r0 + 1, c0) + fc * at(k, size, r0 + 1, c0 + 1));
	}

	private static double at(float[] k, int size, int r, int c) {
		return r < 0 || c < 0 || r >= size || c >= size ? 0 : k[r * size + c];
	}

	/**
	 * Where a kernel holds mass, grown by a margin: the pixels whose value is at least {@code fraction} of the
	 * kernel's maximum, dilated by a square of half-side {@code margin}. A kernel with no positive value gives the
	 * whole window.
	 *
	 * @param fraction in [0, 1)
	 * @param margin   &ge; 0, in pixels
	 * @return size&sup2; flags, row-major
	 */
	public static boolean[] support(float[] k, int size, double fraction, int margin) {
		if (!(fraction >= 0 && fraction < 1)) {
			throw new IllegalArgumentException("fraction must be in [0, 1), got " + fraction);
		}
		if (margin < 0) {
			throw new IllegalArgumentException("margin must be >= 0, got " + margin);
		}
		float max = 0;
		for (float v : k) {
			max = Math.max(max, v);
		}
		boolean[] out = new boolean[size * size];
		if (!(max > 0)) {
			java.util.Arrays.fill(out, true);
			return out;
		}
		double floor = Math.max(fraction * max, Float.MIN_VALUE);
		// separable dilation: rows, then columns
		boolean[] rows = new boolean[size * size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				if (k[y * size + x] >= floor) {
					for (int d = Math.max(0, x - margin); d <= Math.min(size - 1, x + margin); d++) {
						rows[y * size + d] = true;
					}
				}
			}
		}
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				if (rows[y * size + x]) {
					for (int d = Math.max(0, y - margin); d <= Math.min(size - 1, y + margin); d++) {
						out[d * size + x] = true;
					}
				}
			}
		}
		return out;
	}

	/** The number of flags set. */
	public static int count(boolean[] mask) {
		int n = 0;
		for (boolean b : mask) {
			if (b) {
				n++;
			}
		}
		return n;
	}
}
