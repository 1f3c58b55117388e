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
 * @param failures    one line per blind run whose estimate failed ({@link org.fde.em.RunCheck}): the run's stage,
 *                    what failed and the kernel's figures; empty when every run passed. For the log (as warnings)
 *                    and the outputs' metadata ({@link #failureInfo})
 */
public record StackResult(Hyperstack deblurred, Hyperstack uncertainty, Hyperstack kernels, List<String> notes,
		List<String> failures) {

	public StackResult {
		if (deblurred == null) {
			throw new IllegalArgumentException("deblurred must be given");
		}
		notes = List.copyOf(notes);
		failures = List.copyOf(failures);
	}

	/** A result whose runs all passed. */
	public StackResult(Hyperstack deblurred, Hyperstack uncertainty, Hyperstack kernels, List<String> notes) {
		this(deblurred, uncertainty, kernels, notes, List.of());
	}

	/**
	 * The text for the outputs' metadata (a TIFF's ImageJ info): a header and the failures, one per line; null when
	 * every run passed.
	 */
	public String failureInfo() {
		return failures.isEmpty() ? null : "Blind deblurring FAILED (the output and the kernel are not a valid "
				+ "estimate):\n" + String.join("\n", failures) + "\n";
	}
}
