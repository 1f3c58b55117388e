package org.fde.kernel;

/**
 * Re-centres a kernel on the p2o origin by its centre of mass (ALGORITHM.md &sect;5.3, {@code kernel_shift}).
 * <p>
 * The sub-pixel shift uses cubic B-spline interpolation with the exact prefilter (as {@code scipy.ndimage.shift}),
 * with zeros outside the window. Two deliberate differences from the official code, both documented in docs/design-choices.md:
 * the target centre is the p2o origin &lfloor;size/2&rfloor; for even sizes too (the official 32.5 for size 64 is
 * half a pixel off that origin and shifts the image), and the shifted kernel is projected again (&ge; 0, sum 1), so
 * that guidance always sees a valid kernel.
 */
public final class KernelCentring {

	private static final double POLE = Math.sqrt(3.0) - 2.0;
	private static final int PAD = 8;

	private KernelCentring() {
	}

	/** The kernel shifted so that its centre of mass is the p2o origin, then projected. */
	public static float[] centre(float[] k, int size) {
		double[] com = Kernels.centreOfMass(k, size);
		double target = size / 2;
		return Kernels.project(shift(k, size, target - com[0], target - com[1]), size);
	}

	/** out(y, x) = k(y &minus; dy, x &minus; dx), cubic B-spline interpolation, zero outside. */
	public static float[] shift(float[] k, int size, double dy, double dx) {
		float[] tmp = new float[size * size];
		double[] line = new double[size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				line[x] = k[y * size + x];
			}
			double[] s = shift1d(line, dx);
			for (int x = 0; x < size; x++) {
				tmp[y * size + x] = (float) s[x];
			}
		}
		float[] out = new float[size * size];
		for (int x = 0; x < size; x++) {
			for (int y = 0; y < size; y++) {
				line[y] = tmp[y * size + x];
			}
			double[] s = shift1d(line, dy);
			for (int y = 0; y < size; y++) {
				out[y * size + x] = (float) s[y];
			}
		}
		return out;
	}

	/** 1-D shift of a line by d samples with a cubic B-spline interpolant of the zero-extended line. */
	static double[] shift1d(double[] line, double d) {
		int n = line.length;
		int m = n + 2 * PAD;
		double[] c = new double[m];
		System.arraycopy(line, 0, c, PAD, n);
		prefilter(c);
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			double pos = i - d + PAD;
			int j0 = (int) Math.floor(pos);
			double sum = 0;
			for (int j = j0 - 1; j <= j0 + 2; j++) {
				if (j >= 0 && j < m) {
					sum += c[j] * bspline3(pos - j);
				}
			}
			out[i] = sum;
		}
		return out;
	}

	/** In-place cubic B-spline prefilter (Unser's recursive filter, mirror boundaries). */
	static void prefilter(double[] c) {
		int n = c.length;
		if (n < 2) {
			return;
		}
		double z = POLE;
		double lambda = (1 - z) * (1 - 1 / z);
		for (int i = 0; i < n; i++) {
			c[i] *= lambda;
		}
		// causal initialisation (mirror boundary, truncated sum)
		double zn = z;
		double sum = c[0];
		int horizon = Math.min(n, 30);
		for (int i = 1; i < horizon; i++) {
			sum += zn * c[i];
			zn *= z;
		}
		c[0] = sum;
		for (int i = 1; i < n; i++) {
			c[i] += z * c[i - 1];
		}
		c[n - 1] = (z / (z * z - 1)) * (z * c[n - 2] + c[n - 1]);
		for (int i = n - 2; i >= 0; i--) {
			c[i] = z * (c[i + 1] - c[i]);
		}
	}

	static double bspline3(double x) {
		double a = Math.abs(x);
		if (a < 1) {
			return 2.0 / 3.0 - a * a + a * a * a / 2.0;
		}
		if (a < 2) {
			double b = 2 - a;
			return b * b * b / 6.0;
		}
		return 0;
	}
}
