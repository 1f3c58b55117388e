package org.fde.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The last few diffusion results of this process, so that a method built on a diffusion run (the faithful estimate
 * with Fast EM's kernel, {@link FaithfulMethod}) reuses the run that the sample's method made on the same case
 * instead of repeating it. Keyed by the method's cache key, the case's seed and the measurement's pixels.
 */
final class SampleMemo {

	private static final int SIZE = 4;

	private record Key(String cacheKey, long seed, int width, int height, int pixels) {
	}

	private static final Map<Key, MethodResult> MEMO = new LinkedHashMap<>(8, 0.75f, true) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<Key, MethodResult> eldest) {
			return size() > SIZE;
		}
	};

	private SampleMemo() {
	}

	private static Key key(String cacheKey, Problem p) {
		return new Key(Objects.requireNonNull(cacheKey), p.seed(), p.observed().width(), p.observed().height(),
				Arrays.hashCode(p.observed().plane(0)));
	}

	static synchronized void put(String cacheKey, Problem p, MethodResult r) {
		MEMO.put(key(cacheKey, p), r);
	}

	/** The result stored for this method and problem, or null. */
	static synchronized MethodResult get(String cacheKey, Problem p) {
		return MEMO.get(key(cacheKey, p));
	}
}
