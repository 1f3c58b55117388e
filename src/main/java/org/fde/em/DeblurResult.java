package org.fde.em;

import java.util.List;

import org.fde.image.Image;

/**
 * The outcome of a solver run, on the unit range.
 *
 * @param image          the first particle's final sample
 * @param mean           the particle mean (equals {@code image} when n = 1)
 * @param std            per-pixel standard deviation across particles, or null when n = 1
 * @param kernels        the kernel(s): one for a shared kernel, one per channel otherwise; row-major, sum 1
 * @param kernelSize     the kernels' side length
 * @param sigma          the noise level used (given or estimated), unit range
 * @param diagnostics    one entry per step
 * @param elapsedSeconds wall time of the run (of all its attempts, when Fast EM restarted)
 * @param restarts       Fast EM's restarts ({@link RestartRule}): 0 when the first run was kept as it was
 * @param firstResidual  the first run's final residual when Fast EM restarted (NaN otherwise), for the log
 */
public record DeblurResult(Image image, Image mean, Image std, float[][] kernels, int kernelSize, double sigma,
		List<StepDiagnostics> diagnostics, double elapsedSeconds, int restarts, double firstResidual) {

	/** A result of one run, without restarts. */
	public DeblurResult(Image image, Image mean, Image std, float[][] kernels, int kernelSize, double sigma,
			List<StepDiagnostics> diagnostics, double elapsedSeconds) {
		this(image, mean, std, kernels, kernelSize, sigma, diagnostics, elapsedSeconds, 0, Double.NaN);
	}

	/**
	 * The RMS of k &#8859; x&#770;0 &minus; y at the last step (unit range, measured pixels), the quantity
	 * {@link RestartRule} judges; NaN for a result without diagnostics.
	 */
	public double finalResidual() {
		return diagnostics.isEmpty() ? Double.NaN : diagnostics.get(diagnostics.size() - 1).residual();
	}

	/** The shared kernel, or the first channel's. */
	public float[] kernel() {
		return kernels[0];
	}
}
