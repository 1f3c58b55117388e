package org.fde.kernel.gen;

import java.util.SplittableRandom;

/**
 * A random camera-shake trajectory, re-implemented from the description of LeviBorodenko/motionblur's model
 * (ALGORITHM.md &sect;9): on a virtual canvas of side 2&middot;size with diagonal D, the path length is
 * 0.75&middot;D&middot;(U(0,1) + U(0, I&sup2;)); steps are Beta(1,30)&middot;(1.1 &minus; I)&middot;D (draws longer
 * than the path are rejected, the last step is cut to the length); the first direction is U(&minus;&theta;, &theta;)
 * with &theta; = U(0, I&pi;), every later direction has magnitude Triangular(0, I&theta;, &theta; + 0.1) and flips
 * sign with probability Beta(2,20). The path is then scaled to kernel pixels (&times;&frac12;) and rotated by
 * U(0, 2&pi;).
 * <p>
 * Differences from that model, on purpose: the path is at least {@value #MIN_LENGTH} kernel pixels long (so that a
 * motion kernel is never a delta), it is rotated over the full circle, it is centred on its arc-length centre of
 * mass (not the mean of its vertices), and it is scaled down about that centre when it would leave the window.
 */
final class MotionPath {

	/** Shortest path, in kernel pixels. */
	static final double MIN_LENGTH = 4.0;

	/** Free border, in pixels, kept between the path and the window edge (line width plus blur). */
	static final int MARGIN = 2;

	private static final int MAX_STEPS = 100_000;

	final double[] ys;
	final double[] xs;

	private MotionPath(double[] ys, double[] xs) {
		this.ys = ys;
		this.xs = xs;
	}

	/** The largest |offset| from the centre that a vertex may have in a window of this size. */
	static double limit(int size) {
		return Math.max(0, (size - 1) / 2 - MARGIN);
	}

	static MotionPath draw(int size, double intensity, SplittableRandom rng) {
		double i = intensity;
		double diagonal = 2.0 * size * Math.sqrt(2.0);
		double length = 0.75 * diagonal * (rng.nextDouble() + rng.nextDouble() * i * i);
		length = Math.max(length, 2 * MIN_LENGTH);
		double scale = (1 - i + 0.1) * diagonal;
		double[] steps = new double[64];
		int n = 0;
		double sum = 0;
		while (sum < length && n < MAX_STEPS) {
			double s = beta1(30, rng) * scale;
			if (s >= length) {
				continue;
			}
			s = Math.min(s, length - sum);
			if (n == steps.length) {
				steps = java.util.Arrays.copyOf(steps, 2 * n);
			}
			steps[n++] = s;
			sum += s;
		}
		double thetaMax = rng.nextDouble() * i * Math.PI;
		double jitter = beta(2, 20, rng);
		double[] ys = new double[n + 1];
		double[] xs = new double[n + 1];
		double angle = (2 * rng.nextDouble() - 1) * thetaMax;
		for (int k = 0; k < n; k++) {
			if (k > 0) {
				double magnitude = triangular(0, i * thetaMax, thetaMax + 0.1, rng);
				double sign = angle >= 0 ? 1 : -1;
				if (rng.nextDouble() < jitter) {
					sign = -sign;
				}
				angle = sign * magnitude;
			}
			xs[k + 1] = xs[k] + steps[k] * Math.cos(angle);
			ys[k + 1] = ys[k] + steps[k] * Math.sin(angle);
		}
		double rotation = rng.nextDouble() * 2 * Math.PI;
		double cos = Math.cos(rotation) * 0.5;
		double sin = Math.sin(rotation) * 0.5;
		for (int k = 0; k <= n; k++) {
			double x = xs[k];
			double y = ys[k];
			xs[k] = cos * x - sin * y;
			ys[k] = sin * x + cos * y;
		}
		centreAndFit(ys, xs, limit(size));
		return new MotionPath(ys, xs);
	}

	/** Move the arc-length centre of mass to 0, then scale about it so that every |offset| is &le; limit. */
	static void centreAndFit(double[] ys, double[] xs, double limit) {
		double total = 0;
		double cy = 0;
		double cx = 0;
		for (int k = 1; k < ys.length; k++) {
			double len = Math.hypot(ys[k] - ys[k - 1], xs[k] - xs[k - 1]);
			total += len;
			cy += len * 0.5 * (ys[k] + ys[k - 1]);
			cx += len * 0.5 * (xs[k] + xs[k - 1]);
		}
		if (total > 0) {
			cy /= total;
			cx /= total;
		} else {
			cy = ys[0];
			cx = xs[0];
		}
		double extent = 0;
		for (int k = 0; k < ys.length; k++) {
			ys[k] -= cy;
			xs[k] -= cx;
			extent = Math.max(extent, Math.max(Math.abs(ys[k]), Math.abs(xs[k])));
		}
		if (extent > limit) {
			double f = limit / extent;
			for (int k = 0; k < ys.length; k++) {
				ys[k] *= f;
				xs[k] *= f;
			}
		}
	}

	/** Beta(1, b) by inversion. */
	static double beta1(double b, SplittableRandom rng) {
		return 1 - Math.pow(1 - rng.nextDouble(), 1 / b);
	}

	/** Beta(a, b) for integer a, b from two Gamma variates (sums of exponentials). */
	static double beta(int a, int b, SplittableRandom rng) {
		double ga = gammaInt(a, rng);
		double gb = gammaInt(b, rng);
		return ga / (ga + gb);
	}

	private static double gammaInt(int shape, SplittableRandom rng) {
		double s = 0;
		for (int k = 0; k < shape; k++) {
			s -= Math.log(1 - rng.nextDouble());
		}
		return s;
	}

	/** Triangular(lo, mode, hi) by inversion. */
	static double triangular(double lo, double mode, double hi, SplittableRandom rng) {
		double u = rng.nextDouble();
		double width = hi - lo;
		if (width <= 0) {
			return lo;
		}
		double split = (mode - lo) / width;
		if (u < split) {
			return lo + Math.sqrt(u * width * (mode - lo));
		}
		return hi - Math.sqrt((1 - u) * width * (hi - mode));
	}
}
