package org.fde.bench;

import org.fde.image.Image;
import org.fde.image.PadFrame;

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
 * @param padding       null, or the frame that padded the measurement into {@code observed} ({@link PaddedMethod}):
 *                      only its inner window was measured, and methods that can treat the rest as missing data do
 */
public record Problem(Image observed, double sigma, int estimateSize, float[] trueKernel, int trueKernelSize,
		long seed, boolean periodic, Image knownSharp, PadFrame padding) {

	/** A problem whose measurement is all measured (no padding frame). */
	public Problem(Image observed, double sigma, int estimateSize, float[] trueKernel, int trueKernelSize, long seed,
			boolean periodic, Image knownSharp) {
		this(observed, sigma, estimateSize, trueKernel, trueKernelSize, seed, periodic, knownSharp, null);
	}

	/** The same problem with another measurement and boundary flag. */
	public Problem withObserved(Image y, boolean isPeriodic) {
		return new Problem(y, sigma, estimateSize, trueKernel, trueKernelSize, seed, isPeriodic, knownSharp, null);
	}

	/** The same problem on its padded measurement (used by the padding decorator): periodic, with the frame. */
	public Problem withPadded(Image padded, PadFrame frame) {
		return new Problem(padded, sigma, estimateSize, trueKernel, trueKernelSize, seed, true, knownSharp, frame);
	}
}
