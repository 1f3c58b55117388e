package org.fde.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Autograd for one thread: what DJL's PyTorch {@code GradientCollector} does, without its limit of one collector per
 * JVM. PyTorch's grad mode is a per-thread setting, and the collector's only JVM-wide state is a flag that refuses a
 * second collector; so two threads (two Spark tasks in one executor, say) can each record and differentiate their own
 * graph at once. Same calls as the collector: grad mode on while open, back to what it was on close; the backward pass
 * seeds the scalar target with ones.
 */
final class ThreadGradient implements AutoCloseable {

	private final boolean before;
	private boolean closed;

	private ThreadGradient() {
		before = JniUtils.isGradMode();
		JniUtils.setGradMode(true);
	}

	/** Grad mode on for this thread until {@link #close}. */
	static ThreadGradient open() {
		return new ThreadGradient();
	}

	/** The gradients of {@code target} (a scalar) into the arrays that require them, as the collector's backward. */
	void backward(NDArray target) {
		NDArray ones = target.getManager().ones(target.getShape(), target.getDataType()).toDevice(target.getDevice(),
				false);
		JniUtils.backward((PtNDArray) target, (PtNDArray) ones, false, false);
	}

	/** Grad mode back to what it was on this thread. Idempotent; call it on the opening thread. */
	@Override
	public void close() {
		if (!closed) {
			closed = true;
			if (!before) {
				JniUtils.setGradMode(false);
			}
		}
	}
}
