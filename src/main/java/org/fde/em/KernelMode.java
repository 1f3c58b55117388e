package org.fde.em;

/** How kernels are shared between the channels of a multi-channel image. */
public enum KernelMode {
	/** One kernel for all channels (the M-step averages the channels' data steps, as the official code). */
	SHARED,
	/** One kernel per channel. */
	PER_CHANNEL
}
