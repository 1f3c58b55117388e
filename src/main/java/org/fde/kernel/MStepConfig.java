package org.fde.kernel;

/**
 * Settings of the HQS M-step (ALGORITHM.md &sect;5.2), immutable and validated.
 *
 * @param kernelSize    side of the square kernel window (odd sizes keep the p2o origin at the centre)
 * @param lambda        regularisation weight &lambda; (1.0 for 33&times;33 kernels in the paper)
 * @param beta          HQS penalty &beta; (1e5 in the official code)
 * @param iterations    HQS iterations per M-step (10)
 * @param particleFactor if true, &alpha; = n&sigma;&sup2;&beta; as in the paper's eq. 24 (the data term is a
 *                      Monte-Carlo average over the n particles); if false, &alpha; = &sigma;&sup2;&beta; as in the
 *                      official code. Identical for n = 1.
 * @param varianceTerm  if true, add the Appendix-D term n&middot;N&middot;r_t&sup2; to the data-step denominator
 *                      (x&#770;0's uncertainty, with r_t&sup2; as used by the &Pi;GDM guidance); off in the official code
 */
public record MStepConfig(int kernelSize, double lambda, double beta, int iterations, boolean particleFactor,
		boolean varianceTerm) {

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
	}

	/** The official defaults for a given kernel size: &lambda; = 1, &beta; = 1e5, 10 iterations, paper's n-factor. */
	public static MStepConfig defaults(int kernelSize) {
		return new MStepConfig(kernelSize, 1.0, 1e5, 10, true, false);
	}

	/** The prior's noise level sqrt(&lambda;/&beta;). */
	public double priorLevel() {
		return Math.sqrt(lambda / beta);
	}
}
