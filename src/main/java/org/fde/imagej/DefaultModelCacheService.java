package org.fde.imagej;

import org.fde.djl.ModelCache;
import org.fde.djl.NativeMemory;
import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.Service;

/** The {@link ModelCacheService} of a SciJava context: one {@link ModelCache}, closed when the context is disposed. */
@Plugin(type = Service.class)
public final class DefaultModelCacheService extends AbstractService implements ModelCacheService {

	private final ModelCache cache = new ModelCache();

	@Override
	public ModelCache cache() {
		return cache;
	}

	@Override
	public void release() {
		cache.clear();
		NativeMemory.releaseFree();
	}

	@Override
	public void dispose() {
		release();
	}
}
