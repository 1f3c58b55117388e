package org.fde.kernel;

import org.fde.score.KernelPrior;

/** No prior beyond the projection (&ge; 0, sum 1): the denoiser is the identity. */
public final class ProjectionPrior implements KernelPrior {

	@Override
	public String name() {
		return "projection";
	}

	@Override
	public float[] denoise(float[] kernel, int size, double level, double lambda, double beta) {
		return kernel.clone();
	}
}
