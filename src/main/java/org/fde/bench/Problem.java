package org.fde.bench;

import org.fde.image.Image;

/**
 * What a method is given: the measurement and the facts every method may use. Blind methods must not read
 * {@code trueKernel}; only the non-blind references and the kernel-prior ablation may. {@code knownSharp} is set only
 * for the ablation (Figure 4), which estimates the kernel from a known image.
 *
 * @param observed      y, gray, unit range
 * @param sigma         noise standard deviation on the unit range
 * @param estimateSize  side of the kernel window to estimate
 * @param trueKernel    the true kernel (sum 1)
 * @param trueKernelSize its side
 * @param seed          seed for the method's randomness
 * @param periodic      true if y is a periodic convolution (otherwise methods should pad, see {@link PaddedMethod})
 * @param knownSharp    the sharp image for the ablation, else null
 */
public record Problem(Image observed, double sigma, int estimateSize, float[] trueKernel, int trueKernelSize,
		long seed, boolean periodic, Image knownSharp) {

	/** The same problem with another measurement and boundary flag (used by the padding decorator). */
	public Problem withObserved(Image y, boolean isPeriodic) {
		return new Problem(y, sigma, estimateSize, trueKernel, trueKernelSize, seed, isPeriodic, knownSharp);
	}
}
