package org.fde.image;

/**
 * Shape of a batch of multi-channel images laid out as one row-major {@code float[]} in NCHW order:
 * index = ((i * c + ch) * h + y) * w + x.
 */
public record BatchShape(int n, int c, int h, int w) {

	public BatchShape {
		if (n < 1 || c < 1 || h < 1 || w < 1) {
			throw new IllegalArgumentException("batch shape must be positive, got " + n + "x" + c + "x" + h + "x" + w);
		}
	}

	/** Number of pixels in one plane (h * w). */
	public int planeSize() {
		return h * w;
	}

	/** Number of floats in the whole batch. */
	public int size() {
		return n * c * h * w;
	}

	/** Offset of plane (particle i, channel ch). */
	public int planeOffset(int i, int ch) {
		return (i * c + ch) * h * w;
	}

	public BatchShape withN(int newN) {
		return new BatchShape(newN, c, h, w);
	}

	@Override
	public String toString() {
		return n + "x" + c + "x" + h + "x" + w;
	}
}
