package org.fde.kernel.gen;

import java.util.SplittableRandom;

import org.fde.kernel.KernelCentring;
import org.fde.kernel.Kernels;

/**
 * Synthetic blur kernels: camera-shake motion trajectories and optical PSFs for microscopy.
 * <p>
 * Every kernel is a row-major size&times;size {@code float[]} in true-convolution orientation (y = k &#8859; x),
 * non-negative, of sum 1, and centred by {@link KernelCentring#centre}: its centre of mass is the p2o origin
 * (&lfloor;size/2&rfloor;, &lfloor;size/2&rfloor;) for odd and even sizes alike. Values below {@value #FLOOR} times
 * the maximum (interpolation residue of the centring shift) are set to zero before the final projection.
 * <p>
 * Generation is deterministic: the same spec and seed give the same array, through {@link SplittableRandom}. Only
 * motion kernels consume randomness in {@link #generate}; {@link #random} also draws the parameters.
 * <p>
 * Rendering: a motion path ({@link MotionPath}) is drawn as an anti-aliased polyline of uniform density per unit
 * length (bilinear splats every 0.1 px), then blurred by a 3-tap Gaussian of sigma {@value #MOTION_BLUR_SIGMA} px.
 * Optical PSFs are evaluated analytically and averaged over {@value #SUPERSAMPLING}&sup2; sub-samples per pixel.
 */
public final class KernelGenerator {

	/** Smallest kernel side accepted. */
	public static final int MIN_SIZE = 3;

	/** Largest kernel side accepted. */
	public static final int MAX_SIZE = 128;

	/** Sigma, in pixels, of the light Gaussian blur applied to motion trajectories. */
	public static final double MOTION_BLUR_SIGMA = 0.5;

	/** Sub-samples per pixel side when rendering optical PSFs. */
	public static final int SUPERSAMPLING = 7;

	/** Relative threshold under which values are zeroed after centring. */
	public static final double FLOOR = 1e-6;

	/** Range of the intensity drawn by {@link #randomSpec} for motion kernels. */
	public static final double MOTION_INTENSITY_MIN = 0.2;
	public static final double MOTION_INTENSITY_MAX = 0.8;

	private KernelGenerator() {
	}

	/**
	 * Render one kernel.
	 *
	 * @param spec the family, size and parameters (validated when the spec was built)
	 * @param seed seeds the motion trajectory; ignored by the deterministic optical PSFs
	 * @return a new size&times;size row-major array, &ge; 0, sum 1, centre of mass at (&lfloor;size/2&rfloor;,
	 *         &lfloor;size/2&rfloor;)
	 */
	public static float[] generate(KernelSpec spec, long seed) {
		if (spec == null) {
			throw new IllegalArgumentException("spec must not be null");
		}
		int size = spec.size();
		double[] raw;
		if (spec instanceof KernelSpec.Motion m) {
			MotionPath path = MotionPath.draw(size, m.intensity(), new SplittableRandom(seed));
			raw = Raster.blur3(Raster.polyline(size, path.ys, path.xs), size, MOTION_BLUR_SIGMA);
		} else if (spec instanceof KernelSpec.Gaussian g) {
			raw = Raster.integrate(size, SUPERSAMPLING, gaussian(g));
		} else if (spec instanceof KernelSpec.Defocus d) {
			double r2 = d.radius() * d.radius();
			raw = Raster.integrate(size, SUPERSAMPLING, (dy, dx) -> dy * dy + dx * dx <= r2 ? 1 : 0);
		} else {
			KernelSpec.Airy a = (KernelSpec.Airy) spec;
			double f = Bessel.J1_FIRST_ZERO / a.firstZero();
			raw = Raster.integrate(size, SUPERSAMPLING, (dy, dx) -> airy(f * Math.hypot(dy, dx)));
		}
		return finish(raw, size);
	}

	/**
	 * A kernel of the family with random parameters ({@link #randomSpec}), deterministic in the seed.
	 *
	 * @throws IllegalArgumentException if size is outside [{@value #MIN_SIZE}, {@value #MAX_SIZE}] or family is null
	 */
	public static float[] random(KernelFamily family, int size, long seed) {
		SplittableRandom rng = new SplittableRandom(seed);
		KernelSpec spec = randomSpec(family, size, rng);
		return generate(spec, rng.nextLong());
	}

	/**
	 * Random parameters in the ranges used for training data: motion intensity U(0.2, 0.8); Gaussian sigmas each
	 * U(0.5, max(0.5, size/8)) with a U(0, &pi;) angle; defocus radius U(1, max(1, size/4)); Airy first zero
	 * U(1.5, max(1.5, size/6)). Each bound is clipped to the range its spec accepts (this matters for tiny sizes).
	 */
	public static KernelSpec randomSpec(KernelFamily family, int size, SplittableRandom rng) {
		if (family == null) {
			throw new IllegalArgumentException("family must be one of MOTION, GAUSSIAN, DEFOCUS, AIRY, got null");
		}
		Checks.size(size);
		switch (family) {
		case MOTION:
			return new KernelSpec.Motion(size, uniform(rng, MOTION_INTENSITY_MIN, MOTION_INTENSITY_MAX));
		case GAUSSIAN: {
			double hi = Math.min(Math.max(0.5, size / 8.0), size / 2.0);
			double lo = Math.min(0.5, hi);
			return new KernelSpec.Gaussian(size, uniform(rng, lo, hi), uniform(rng, lo, hi),
					uniform(rng, 0, Math.PI));
		}
		case DEFOCUS: {
			double cap = (size - 1) / 2.0;
			double hi = Math.min(Math.max(1, size / 4.0), cap);
			return new KernelSpec.Defocus(size, uniform(rng, Math.min(1, hi), hi));
		}
		case AIRY: {
			double cap = size / 2.0;
			double hi = Math.min(Math.max(1.5, size / 6.0), cap);
			return new KernelSpec.Airy(size, uniform(rng, Math.min(1.5, hi), hi));
		}
		default:
			throw new AssertionError(family);
		}
	}

	private static double uniform(SplittableRandom rng, double lo, double hi) {
		return lo + (hi - lo) * rng.nextDouble();
	}

	private static Raster.Field gaussian(KernelSpec.Gaussian g) {
		double c = Math.cos(g.angle());
		double s = Math.sin(g.angle());
		double ax = 1 / (g.sigmaX() * g.sigmaX());
		double ay = 1 / (g.sigmaY() * g.sigmaY());
		return (dy, dx) -> {
			double u = c * dx + s * dy;
			double v = -s * dx + c * dy;
			return Math.exp(-0.5 * (u * u * ax + v * v * ay));
		};
	}

	private static double airy(double v) {
		if (v < 1e-8) {
			return 1;
		}
		double a = 2 * Bessel.j1(v) / v;
		return a * a;
	}

	private static float[] finish(double[] raw, int size) {
		float[] k = new float[raw.length];
		for (int i = 0; i < raw.length; i++) {
			k[i] = (float) raw[i];
		}
		float[] centred = KernelCentring.centre(Kernels.project(k, size), size);
		float max = 0;
		for (float v : centred) {
			max = Math.max(max, v);
		}
		float floor = (float) (FLOOR * max);
		for (int i = 0; i < centred.length; i++) {
			if (centred[i] < floor) {
				centred[i] = 0;
			}
		}
		return Kernels.project(centred, size);
	}
}
