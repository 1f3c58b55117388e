package org.fde.bench;

import java.util.List;

import org.fde.em.Snapshot;
import org.fde.em.StepDiagnostics;
import org.fde.image.Image;

/**
 * What a method returns.
 *
 * @param image           x&#770;, same size as y, unit range
 * @param kernel          the kernel it used or estimated (null for the blurred input)
 * @param kernelSize      its side (0 when there is none)
 * @param seconds         wall time of the run
 * @param peakMemoryBytes peak JVM heap in use during the run ({@link Resources})
 * @param particleMean    the particle average for diffusion methods (equals the image when n = 1), else null
 * @param diagnostics     per-step diagnostics of diffusion methods, else an empty list
 * @param snapshots       x&#770;0 and the kernel at a few steps (diffusion methods, for Figure 2), else empty
 */
public record MethodResult(Image image, float[] kernel, int kernelSize, double seconds, long peakMemoryBytes,
		Image particleMean, List<StepDiagnostics> diagnostics, List<Snapshot> snapshots) {

	public MethodResult {
		diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
		snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
	}

	/** A result without snapshots. */
	public MethodResult(Image image, float[] kernel, int kernelSize, double seconds, long peakMemoryBytes,
			Image particleMean, List<StepDiagnostics> diagnostics) {
		this(image, kernel, kernelSize, seconds, peakMemoryBytes, particleMean, diagnostics, List.of());
	}

	/** The same result with the images replaced (used by the padding decorator). */
	public MethodResult withImages(Image img, Image mean) {
		return new MethodResult(img, kernel, kernelSize, seconds, peakMemoryBytes, mean, diagnostics, snapshots);
	}
}
