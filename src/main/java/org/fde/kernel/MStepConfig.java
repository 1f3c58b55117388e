package org.fde.kernel;

/**
 * Settings of the HQS M-step (ALGORITHM.md &sect;5.2), immutable and validated.
 *
 * @param kernelSize    side of the square kernel window (odd sizes keep the p2o origin at the centre)
 * @param lambda        regularisation weight &lambda; (1.0 for 33&times;33 kernels in the paper)
 * @param beta          HQS penalty &beta; (1e5 in the official code, {@link #BETA_DEFAULT} here)
 * @param iterations    HQS iterations per M-step (10)
 * @param levelMode     the noise level told to the kernel prior: sqrt(&lambda;/&beta;) as in the paper (the default),
 *                      or sqrt(&lambda;) times the data step's noise level ({@link PriorLevel})
 * The data step's &alpha; is n&sigma;&sup2;&beta; as in the paper's eq. 24 (the official code has &sigma;&sup2;&beta;; identical
 * for n = 1).
 */
public record MStepConfig(int kernelSize, double lambda, double beta, int iterations, PriorLevel levelMode) {

	public MStepConfig {
		if (kernelSize < 3 || kernelSize > 129) {
			throw new IllegalArgumentException("kernel size must be in [3, 129], got " + kernelSize);
		}
		if (!(lambda >= 0) || !Double.isFinite(lambda)) {
			throw new IllegalArgumentException("lambda must be >= 0 and finite, got " + lambda);
		}
		if (!(beta > 0) || !Double.isFinite(beta)) {
			throw new IllegalArgumentException("beta must be > 0 and finite, got " + beta);
		}
		if (iterations < 1 || iterations > 1000) {
			throw new IllegalArgumentException("M-step iterations must be in [1, 1000], got " + iterations);
		}
		if (levelMode == null) {
			throw new IllegalArgumentException("the prior level mode must not be null");
		}
	}

	/** The paper's level sqrt(&lambda;/&beta;) ({@link PriorLevel#LAMBDA_OVER_BETA}). */
	public MStepConfig(int kernelSize, double lambda, double beta, int iterations) {
		this(kernelSize, lambda, beta, iterations, PriorLevel.LAMBDA_OVER_BETA);
	}

	/** &beta; of the official code (ALGORITHM.md &sect;5.2), never overridden there. */
	public static final double BETA_OFFICIAL = 1e5;

	/**
	 * This project's default &beta;: 1e4, not the official 1e5. With 1e5 the pull &alpha; = &sigma;&sup2;&beta; towards the
	 * previous step's kernel let spurious branches grow in blind Fast EM's kernels (docs/design-choices.md).
	 */
	public static final double BETA_DEFAULT = 1e4;

	/** The defaults for a given kernel size: &lambda; = 1, &beta; = {@link #BETA_DEFAULT}, 10 iterations. */
	public static MStepConfig defaults(int kernelSize) {
		return new MStepConfig(kernelSize, 1.0, BETA_DEFAULT, 10);
	}

	/** The official code's settings: &lambda; = 1, &beta; = 1e5, 10 iterations (and the paper's n-factor). */
	public static MStepConfig official(int kernelSize) {
		return new MStepConfig(kernelSize, 1.0, BETA_OFFICIAL, 10);
	}

	/** The same settings with another &lambda;. */
	public MStepConfig withLambda(double newLambda) {
		return new MStepConfig(kernelSize, newLambda, beta, iterations, levelMode);
	}

	/** The paper's prior noise level sqrt(&lambda;/&beta;) (whatever {@link #levelMode()}). */
	public double priorLevel() {
		return Math.sqrt(lambda / beta);
	}

	/**
	 * The level told to the prior in an M-step whose data step leaves noise of standard deviation
	 * {@code dataNoiseStd} in the kernel: sqrt(&lambda;/&beta;), or sqrt(&lambda;)&middot;dataNoiseStd.
	 */
	public double priorLevel(double dataNoiseStd) {
		return levelMode == PriorLevel.DATA_NOISE ? Math.sqrt(lambda) * dataNoiseStd : priorLevel();
	}
}
