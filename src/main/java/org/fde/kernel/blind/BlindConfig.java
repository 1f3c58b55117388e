package org.fde.kernel.blind;

/**
 * Settings of the classical multiscale blind kernel estimator ({@link L0KernelEstimator}). Immutable; the defaults
 * are the published ones of Pan, Hu, Su and Yang ("Deblurring text images via L0-regularized intensity and gradient
 * prior", CVPR 2014, and its code), which the IPOL article of Anger, Facciolo and Delbracio (2019, "Blind image
 * deblurring using the l0 gradient prior") re-implements:
 * <ul>
 * <li>pyramid ratio &radic;2, coarsest kernel side about {@value #DEFAULT_COARSEST} pixels;</li>
 * <li>{@value #DEFAULT_ITERATIONS} alternations per scale;</li>
 * <li>&ell;0 gradient weight &lambda; = {@value #DEFAULT_LAMBDA}, divided by {@value #DEFAULT_LAMBDA_DECAY} after each
 * alternation down to {@value #DEFAULT_LAMBDA_MIN};</li>
 * <li>half-quadratic splitting from &beta; = 2&lambda;, multiplied by {@value #DEFAULT_KAPPA} up to
 * {@value #DEFAULT_BETA_MAX};</li>
 * <li>kernel step on gradients with the Tikhonov weight &gamma; = {@value #DEFAULT_GAMMA} and
 * {@value #DEFAULT_CG_ITERATIONS} conjugate-gradient iterations;</li>
 * <li>kernel clean-up: values below {@value #DEFAULT_SMALL_FRACTION} of the maximum removed, 8-connected pieces of
 * mass below {@value #DEFAULT_PIECE_MASS} removed.</li>
 * </ul>
 *
 * @param kernelSize    side of the estimated kernel, odd, in [3, 255]
 * @param lambda        &ell;0 gradient weight, in (0, 1]
 * @param lambdaDecay   divisor of &lambda; after each alternation, in [1, 10]
 * @param lambdaMin     floor of &lambda;, in (0, lambda]
 * @param iterations    alternations (latent image, kernel) per scale, in [1, 100]
 * @param ratio         size ratio between neighbouring scales, in (1, 4]
 * @param coarsest      kernel side at the coarsest scale, in [3, kernelSize]
 * @param gamma         Tikhonov weight of the kernel step, &gt; 0
 * @param cgIterations  conjugate-gradient iterations of the kernel step, in [1, 500]
 * @param kappa         growth of &beta; in the half-quadratic splitting, in (1, 100]
 * @param betaMax       last &beta;, in (0, 1e8]
 * @param smallFraction kernel values below this fraction of the maximum are removed, in [0, 1)
 * @param pieceMass     8-connected kernel pieces with less mass than this are removed, in [0, 1)
 */
public record BlindConfig(int kernelSize, double lambda, double lambdaDecay, double lambdaMin, int iterations,
		double ratio, int coarsest, double gamma, int cgIterations, double kappa, double betaMax, double smallFraction,
		double pieceMass) {

	public static final double DEFAULT_LAMBDA = 4e-3;
	public static final double DEFAULT_LAMBDA_DECAY = 1.1;
	public static final double DEFAULT_LAMBDA_MIN = 1e-4;
	public static final int DEFAULT_ITERATIONS = 5;
	public static final int DEFAULT_COARSEST = 5;
	public static final double DEFAULT_GAMMA = 2;
	public static final int DEFAULT_CG_ITERATIONS = 20;
	public static final double DEFAULT_KAPPA = 2;
	public static final double DEFAULT_BETA_MAX = 1e5;
	public static final double DEFAULT_SMALL_FRACTION = 0.05;
	public static final double DEFAULT_PIECE_MASS = 0.1;

	public BlindConfig {
		if (kernelSize < 3 || kernelSize > 255 || kernelSize % 2 == 0) {
			throw new IllegalArgumentException("kernelSize must be odd and in [3, 255], got " + kernelSize);
		}
		check("lambda", lambda, lambda > 0 && lambda <= 1, "(0, 1]");
		check("lambdaDecay", lambdaDecay, lambdaDecay >= 1 && lambdaDecay <= 10, "[1, 10]");
		check("lambdaMin", lambdaMin, lambdaMin > 0 && lambdaMin <= lambda, "(0, lambda]");
		check("iterations", iterations, iterations >= 1 && iterations <= 100, "[1, 100]");
		check("ratio", ratio, ratio > 1 && ratio <= 4, "(1, 4]");
		check("coarsest", coarsest, coarsest >= 3 && coarsest <= kernelSize, "[3, kernelSize]");
		check("gamma", gamma, gamma > 0 && gamma < 1e9, "(0, 1e9)");
		check("cgIterations", cgIterations, cgIterations >= 1 && cgIterations <= 500, "[1, 500]");
		check("kappa", kappa, kappa > 1 && kappa <= 100, "(1, 100]");
		check("betaMax", betaMax, betaMax > 0 && betaMax <= 1e8, "(0, 1e8]");
		check("smallFraction", smallFraction, smallFraction >= 0 && smallFraction < 1, "[0, 1)");
		check("pieceMass", pieceMass, pieceMass >= 0 && pieceMass < 1, "[0, 1)");
	}

	/** The published defaults for a kernel of the given side. */
	public static BlindConfig defaults(int kernelSize) {
		return new BlindConfig(kernelSize, DEFAULT_LAMBDA, DEFAULT_LAMBDA_DECAY, DEFAULT_LAMBDA_MIN, DEFAULT_ITERATIONS,
				Math.sqrt(2), Math.min(DEFAULT_COARSEST, kernelSize), DEFAULT_GAMMA, DEFAULT_CG_ITERATIONS, DEFAULT_KAPPA,
				DEFAULT_BETA_MAX, DEFAULT_SMALL_FRACTION, DEFAULT_PIECE_MASS);
	}

	/** The same settings with another &ell;0 weight (its floor lowered with it when needed). */
	public BlindConfig withLambda(double l) {
		return new BlindConfig(kernelSize, l, lambdaDecay, Math.min(lambdaMin, l), iterations, ratio, coarsest, gamma,
				cgIterations, kappa, betaMax, smallFraction, pieceMass);
	}

	/**
	 * The kernel sides from the coarsest scale to the finest: kernelSize / ratio<sup>s</sup>, rounded up to odd, for
	 * s = S..0 with S the largest scale whose side is still &ge; {@code coarsest} (so the last is kernelSize).
	 */
	public int[] kernelSides() {
		int scales = Math.max(0, (int) Math.floor(Math.log((double) kernelSize / coarsest) / Math.log(ratio)));
		int[] sides = new int[scales + 1];
		for (int s = 0; s <= scales; s++) {
			int side = (int) Math.ceil(kernelSize / Math.pow(ratio, scales - s) - 1e-9);
			sides[s] = Math.max(3, side % 2 == 0 ? side + 1 : side);
		}
		sides[scales] = kernelSize;
		return sides;
	}

	private static void check(String name, double v, boolean ok, String range) {
		if (!ok || Double.isNaN(v)) {
			throw new IllegalArgumentException(name + " must be in " + range + ", got " + v);
		}
	}
}
