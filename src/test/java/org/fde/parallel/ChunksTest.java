package org.fde.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import org.fde.sampler.Sampler;
import org.fde.schedule.NoiseSchedule;
import org.fde.schedule.RespacedSchedule;
import org.junit.jupiter.api.Test;

class ChunksTest {

	@Test
	void everyElementOnceWhateverTheLength() {
		for (int n : new int[] { 0, 1, Chunks.SIZE - 1, Chunks.SIZE, Chunks.SIZE + 1, 3 * Chunks.SIZE + 17 }) {
			int[] hits = new int[n];
			Chunks.forEach(n, (from, to) -> {
				for (int i = from; i < to; i++) {
					hits[i]++;
				}
			});
			for (int i = 0; i < n; i++) {
				assertEquals(1, hits[i], "n=" + n + " i=" + i);
			}
		}
	}

	@Test
	void sumEqualsTheSequentialSumInChunkOrder() {
		int n = 2 * Chunks.SIZE + 5;
		double[] v = new SplittableRandom(1).doubles(n).toArray();
		double expected = 0;
		for (int c = 0; c < Chunks.count(n); c++) {
			double part = 0;
			for (int i = c * Chunks.SIZE; i < Math.min(n, (c + 1) * Chunks.SIZE); i++) {
				part += v[i];
			}
			expected += part;
		}
		assertEquals(expected, Chunks.sum(n, (from, to) -> {
			double s = 0;
			for (int i = from; i < to; i++) {
				s += v[i];
			}
			return s;
		}), 0.0);
	}

	@Test
	void streamsDifferPerChunkAndAreReproducible() {
		SplittableRandom[] a = Chunks.streams(3 * Chunks.SIZE, new SplittableRandom(7));
		SplittableRandom[] b = Chunks.streams(3 * Chunks.SIZE, new SplittableRandom(7));
		assertEquals(3, a.length);
		long a0 = a[0].nextLong();
		assertEquals(a0, b[0].nextLong());
		assertNotEquals(a0, a[1].nextLong());
	}

	@Test
	void samplerNoiseDoesNotDependOnTheThreadCount() throws Exception {
		RespacedSchedule s = NoiseSchedule.paper().respace(100);
		int n = 3 * Chunks.SIZE + 11;
		float[] xt = new float[n];
		float[] x0 = new float[n];
		for (Sampler sampler : new Sampler[] { Sampler.ddpm() }) {
			float[] common = sampler.step(s, 50, xt, x0, new SplittableRandom(3));
			ForkJoinPool one = new ForkJoinPool(1);
			try {
				float[] single = one.submit(() -> sampler.step(s, 50, xt, x0, new SplittableRandom(3))).get();
				assertArrayEquals(common, single, sampler.toString());
			} finally {
				one.shutdown();
			}
			double m2 = 0;
			for (float v : common) {
				m2 += v * v;
			}
			assertNotEquals(0.0, m2, "the step must add noise");
		}
	}
}
