package org.fde.em;

import org.fde.image.Image;

/**
 * The state of a run after one step, for figures (paper Figure 2): x&#770;0 of the first particle on the unit range
 * (the whole image) and the first kernel, as the step left them.
 *
 * @param done       steps finished (1-based, over all outer iterations)
 * @param total      total steps of the run
 * @param x0         x&#770;0 of this step, first particle, unit range
 * @param kernel     the kernel after this step's M-step (or the held kernel)
 * @param kernelSize its side
 */
public record Snapshot(int done, int total, Image x0, float[] kernel, int kernelSize) {

	public Snapshot {
		if (kernel.length != kernelSize * kernelSize) {
			throw new IllegalArgumentException("kernel has " + kernel.length + " values, not " + kernelSize + "^2");
		}
		kernel = kernel.clone();
	}

	@Override
	public float[] kernel() {
		return kernel.clone();
	}
}
