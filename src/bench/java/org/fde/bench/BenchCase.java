package org.fde.bench;

import java.nio.file.Path;

/**
 * One benchmark case: a sharp image, a true kernel, a noise level and a boundary mode (or, for real captures, the
 * captured file), plus the window of the kernel that blind methods estimate.
 *
 * @param id           unique, file-name-safe identifier (also the cache key)
 * @param protocol     the protocol it belongs to
 * @param image        the sharp image
 * @param kernel       the true kernel
 * @param sigma        noise standard deviation on the unit range; NaN for a real capture (estimated from it)
 * @param boundary     how the measurement is made
 * @param captured     the captured blurred image for {@link Boundary#REAL}, else null
 * @param estimateSize side of the kernel window the blind methods estimate (33 in the paper)
 * @param seed         seeds the measurement noise and the methods' samplers
 */
public record BenchCase(String id, Protocol protocol, ImageSource image, KernelSource kernel, double sigma,
		Boundary boundary, Path captured, int estimateSize, long seed) {

	public BenchCase {
		if (id == null || !id.matches("[A-Za-z0-9_.-]+")) {
			throw new IllegalArgumentException("case id must be non-empty and file-name-safe ([A-Za-z0-9_.-]), got " + id);
		}
		if (protocol == null || image == null || kernel == null || boundary == null) {
			throw new IllegalArgumentException("protocol, image, kernel and boundary must be set (case " + id + ")");
		}
		if ((boundary == Boundary.REAL) != (captured != null)) {
			throw new IllegalArgumentException("a captured file is required for, and only for, REAL cases (case " + id
					+ ")");
		}
		if (boundary != Boundary.REAL && !(sigma >= 0 && sigma < 1)) {
			throw new IllegalArgumentException("sigma must be in [0, 1) on the unit range, got " + sigma + " (case " + id
					+ ")");
		}
		if (estimateSize < 3 || estimateSize > 129) {
			throw new IllegalArgumentException("estimate size must be in [3, 129], got " + estimateSize);
		}
	}

	/** &sigma; in units of 1/255 (NaN for a real capture). */
	public double sigma255() {
		return sigma * 255;
	}
}
