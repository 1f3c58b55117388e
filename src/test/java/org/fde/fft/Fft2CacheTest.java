package org.fde.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The per-thread plan cache of {@link Fft2#of}: reuse for recent sizes, bounded for a stream of new sizes. */
class Fft2CacheTest {

	@Test
	void keepsTheMostRecentlyUsedSizesOnly() throws Exception {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread t = new Thread(() -> { // a fresh thread: an empty cache
			try {
				Fft2 a = Fft2.of(8, 8);
				assertSame(a, Fft2.of(8, 8), "a size is planned once");
				for (int i = 1; i <= 3 * Fft2.CACHED_SIZES; i++) {
					Fft2.of(8, 8 + i); // a stream of new sizes ...
					assertSame(a, Fft2.of(8, 8), "... does not evict a size in use");
				}
				assertEquals(Fft2.CACHED_SIZES, Fft2.cachedSizes());
				Fft2 b = Fft2.of(16, 16);
				for (int i = 1; i <= Fft2.CACHED_SIZES; i++) {
					Fft2.of(16, 16 + i);
				}
				assertEquals(Fft2.CACHED_SIZES, Fft2.cachedSizes());
				assertNotSame(b, Fft2.of(16, 16), "the least recently used size was dropped");
			} catch (Throwable e) {
				failure.set(e);
			}
		});
		t.start();
		t.join();
		if (failure.get() != null) {
			throw new AssertionError(failure.get());
		}
	}
}
