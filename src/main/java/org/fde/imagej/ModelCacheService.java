package org.fde.imagej;

import org.fde.djl.ModelCache;
import org.scijava.service.SciJavaService;

/**
 * Keeps the networks loaded for the life of the SciJava context (a running Fiji), so that the commands load each
 * model once however many times a macro calls them. The models are released when the context is disposed of (Fiji
 * quits), on request ({@link #release()}, Process &rsaquo; Deblur &rsaquo; Release Deblur Models), or when a model's
 * files change.
 */
public interface ModelCacheService extends SciJavaService {

	/** The cache the commands borrow their models from. */
	ModelCache cache();

	/** Releases every kept model (those in use when their command finishes). */
	default void release() {
		cache().clear();
	}
}
