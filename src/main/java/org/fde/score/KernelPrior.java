package org.fde.score;

/**
 * The plug-and-play kernel prior of the M-step (ALGORITHM.md &sect;5.2 step 4): the proximal step of the kernel
 * regulariser, seen as a denoiser of a square, sum-normalised, non-negative kernel at noise level {@code level}
 * (the M-step passes sqrt(&lambda;/&beta;)).
 */
public interface KernelPrior extends AutoCloseable {

	/** A short name for logs and reports ("pnp", "l2", "projection"). */
	String name();

	/**
	 * Denoise a size&times;size kernel (row-major). The input is not modified. The result is projected afterwards by
	 * the caller (&ge; 0, sum 1), so it need not be.
	 *
	 * @param kernel  non-negative, sum-1 kernel, row-major
	 * @param size    side length
	 * @param level   noise level sqrt(&lambda;/&beta;)
	 * @param lambda  the regularisation weight &lambda; (for explicit priors such as &ell;2)
	 * @param beta    the HQS penalty &beta;
	 */
	float[] denoise(float[] kernel, int size, double level, double lambda, double beta);

	@Override
	default void close() {
	}
}
