package org.fde.bench;

/** How a case's measurement treats the image boundary. */
public enum Boundary {
	/** Periodic convolution of the crop (the paper's synthetic data). */
	CIRCULAR,
	/** The valid part of a linear convolution of a larger region: no wrap-around content. */
	VALID,
	/** A real capture: the boundary is whatever the camera saw. */
	REAL;

	/** True when the measurement is a periodic convolution of the image. */
	public boolean periodic() {
		return this == CIRCULAR;
	}
}
