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

	/**
	 * True if the method treats the padding of a non-periodic measurement as missing data ({@link Problem#padding()}),
	 * so that the padding decorator gives it the plugin's tight frame; false if the padding is data to it, which gets
	 * the whole kernel window of mirrored pixels ({@link PaddedMethod}).
	 */
	default boolean paddingIsMissingData() {
		return false;
	}

	/** Deblurs the problem's measurement. */
	MethodResult run(Problem problem) throws Exception;
}
