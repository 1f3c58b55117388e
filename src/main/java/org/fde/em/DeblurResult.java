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
 * @param elapsedSeconds wall time of the run
 */
public record DeblurResult(Image image, Image mean, Image std, float[][] kernels, int kernelSize, double sigma,
		List<StepDiagnostics> diagnostics, double elapsedSeconds) {

	/** The shared kernel, or the first channel's. */
	public float[] kernel() {
		return kernels[0];
	}
}
