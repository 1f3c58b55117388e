package org.fde.djl;

/**
 * Where a network runs. The device actually used is logged at load time and reported by the model's
 * {@code device()}.
 */
public enum DeviceChoice {

	/** The first GPU when the PyTorch natives support CUDA and a CUDA device is visible, else the CPU. */
	AUTO,

	/** Always the CPU. */
	CPU,

	/**
	 * The first GPU. When no CUDA-capable PyTorch natives or no CUDA device are present, falls back to the CPU with
	 * a warning (the default build ships CPU natives only).
	 */
	GPU
}
