package org.fde.stack;

import java.util.List;

/**
 * The outcome of {@link StackDeblur#run}, on the input's own intensity scale.
 *
 * @param deblurred   same dimensions as the input; the particle mean (the single sample when particles = 1)
 * @param uncertainty the per-pixel standard deviation across particles, same dimensions, or null when not asked
 * @param kernels     kernelSize&times;kernelSize images, sum 1: channels = 1 (shared) or C (per channel);
 *                    slices and frames = 1 (whole stack) or Z and T (one per plane). Null for the non-blind method
 * @param notes       one line per normalisation unit (intensity range used and noise level), for the log
 */
public record StackResult(Hyperstack deblurred, Hyperstack uncertainty, Hyperstack kernels, List<String> notes) {

	public StackResult {
		if (deblurred == null) {
			throw new IllegalArgumentException("deblurred must be given");
		}
		notes = List.copyOf(notes);
	}
}
