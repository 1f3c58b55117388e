package org.fde.kernel.gen;

/**
 * The full description of one kernel: its family, its side length and its physical parameters. Lengths are in pixels.
 * <p>
 * Every spec validates itself on construction: the size must be in
 * [{@value KernelGenerator#MIN_SIZE}, {@value KernelGenerator#MAX_SIZE}] and the parameters in the ranges given on
 * each record; otherwise an {@link IllegalArgumentException} names the parameter and its range. NaN is rejected.
 */
public sealed interface KernelSpec permits KernelSpec.Motion, KernelSpec.Gaussian, KernelSpec.Defocus, KernelSpec.Airy {

	/** Side length of the square kernel. */
	int size();

	/** The family this spec belongs to. */
	KernelFamily family();

	/**
	 * Camera-shake motion blur along a random trajectory.
	 *
	 * @param size      side length
	 * @param intensity shake intensity in [0, 1]: longer, more curved and more erratic paths as it grows
	 */
	record Motion(int size, double intensity) implements KernelSpec {
		public Motion {
			Checks.size(size);
			Checks.range("intensity", intensity, 0, 1);
		}

		@Override
		public KernelFamily family() {
			return KernelFamily.MOTION;
		}
	}

	/**
	 * Anisotropic Gaussian, integrated over each pixel: k(q) &prop; exp(&minus;&frac12; q&#7488;&Sigma;&#8315;&sup1;q)
	 * with &Sigma; = R(angle) diag(sigmaX&sup2;, sigmaY&sup2;) R(angle)&#7488;. Pixel integration adds 1/12 to each
	 * axis variance.
	 *
	 * @param size   side length
	 * @param sigmaX standard deviation along the rotated x axis, in [0.25, size/2]
	 * @param sigmaY standard deviation along the rotated y axis, in [0.25, size/2]
	 * @param angle  rotation of the x axis towards +y (row index), radians, finite
	 */
	record Gaussian(int size, double sigmaX, double sigmaY, double angle) implements KernelSpec {
		public Gaussian {
			Checks.size(size);
			Checks.range("sigmaX", sigmaX, 0.25, size / 2.0);
			Checks.range("sigmaY", sigmaY, 0.25, size / 2.0);
			Checks.finite("angle", angle);
		}

		@Override
		public KernelFamily family() {
			return KernelFamily.GAUSSIAN;
		}
	}

	/**
	 * Uniform disk of the given radius, with an anti-aliased edge (each pixel weighted by its covered area).
	 *
	 * @param size   side length
	 * @param radius disk radius, in [0.5, (size &minus; 1)/2]
	 */
	record Defocus(int size, double radius) implements KernelSpec {
		public Defocus {
			Checks.size(size);
			Checks.range("radius", radius, 0.5, (size - 1) / 2.0);
		}

		@Override
		public KernelFamily family() {
			return KernelFamily.DEFOCUS;
		}
	}

	/**
	 * Airy pattern [2 J&#8321;(v)/v]&sup2; with v = j&#8321;,&#8321; r / firstZero (j&#8321;,&#8321; &asymp; 3.8317),
	 * integrated over each pixel and truncated to the window. For a microscope, firstZero = 0.61 &lambda; / (NA
	 * &middot; pixel size).
	 *
	 * @param size      side length
	 * @param firstZero radius of the first dark ring in pixels, in [0.5, size/2]
	 */
	record Airy(int size, double firstZero) implements KernelSpec {
		public Airy {
			Checks.size(size);
			Checks.range("firstZero", firstZero, 0.5, size / 2.0);
		}

		@Override
		public KernelFamily family() {
			return KernelFamily.AIRY;
		}
	}
}
