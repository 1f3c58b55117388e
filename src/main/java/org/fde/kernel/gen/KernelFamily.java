package org.fde.kernel.gen;

/** The kinds of blur kernel that {@link KernelGenerator} draws. The ordinal is the code stored by the data set export. */
public enum KernelFamily {
	/** Camera-shake motion blur: a thin curved trajectory (the paper's kernels). */
	MOTION,
	/** Anisotropic Gaussian PSF (a rough model of an out-of-focus or aberrated optical system). */
	GAUSSIAN,
	/** Uniform disk: geometric-optics defocus. */
	DEFOCUS,
	/** Airy pattern: the in-focus, diffraction-limited PSF of a circular aperture. */
	AIRY;

	/** True for the three microscopy PSFs (every family except {@link #MOTION}). */
	public boolean isOptical() {
		return this != MOTION;
	}
}
