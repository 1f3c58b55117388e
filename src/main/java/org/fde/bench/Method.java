package org.fde.bench;

/** A deblurring method under test. Implementations are immutable; {@link #run} may be called from one thread at a time. */
public interface Method {

	/** The name in tables and on the command line. */
	String name();

	/**
	 * The cache key: the name plus every setting that changes the result (steps, models...), file-name-safe. Results
	 * cached under another key are not reused.
	 */
	default String cacheKey() {
		return name();
	}

	/** True if the method estimates the kernel (and so gets kernel metrics and the error ratio). */
	boolean blind();

	/** The image size multiple the method needs (the padding decorator rounds up to it). */
	default int sizeMultiple() {
		return 1;
	}

	/** Deblurs the problem's measurement. */
	MethodResult run(Problem problem) throws Exception;
}
