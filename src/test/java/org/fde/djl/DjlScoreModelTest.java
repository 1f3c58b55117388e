package org.fde.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.fde.TinyModels;
import org.fde.image.BatchShape;
import org.fde.score.ModelSpec;
import org.fde.score.ScoreModel.TrackedEpsilon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The TorchScript image prior through DJL, on the tiny seeded test network. */
class DjlScoreModelTest {

	private static final long SEED = 42;

	private static DjlScoreModel model;
	private static int threadsBefore;

	@BeforeAll
	static void load() {
		model = DjlScoreModel.load(TinyModels.score(), DeviceChoice.AUTO);
		// one intra-op thread: the tiny network gains nothing from more, and on a loaded machine OpenMP's waiting
		// threads make each call 10-50x slower
		threadsBefore = DjlEnvironment.threads();
		DjlScoreModel.setThreads(1);
	}

	@AfterAll
	static void close() {
		DjlScoreModel.setThreads(threadsBefore);
		model.close();
	}

	@Test
	void loadsCardAndSpecOnCpu() {
		ModelSpec spec = model.spec();
		assertEquals("tiny-test-net", spec.name());
		assertEquals(1, spec.channels());
		assertEquals(1, spec.sizeMultiple());
		assertEquals(1000, spec.trainingSteps());
		assertEquals(1e-4, spec.betaStart(), 0);
		assertEquals(0.02, spec.betaEnd(), 0);
		assertEquals("cpu()", model.device());
		assertEquals("1", model.card().version());
	}

	@Test
	void gpuRequestWithoutCudaFallsBackToCpu() {
		if (DjlEnvironment.gpuAvailable()) {
			return;
		}
		try (DjlScoreModel m = DjlScoreModel.load(TinyModels.score(), DeviceChoice.GPU)) {
			assertEquals("cpu()", m.device());
		}
	}

	@Test
	void epsilonAndVjpMatchPythonReference() {
		JsonObject ref = TestModels.reference(TinyModels.score());
		JsonArray s = ref.getAsJsonArray("shape");
		BatchShape shape = new BatchShape(s.get(0).getAsInt(), s.get(1).getAsInt(), s.get(2).getAsInt(),
				s.get(3).getAsInt());
		float[] x = TestModels.referenceImage(shape.n(), shape.c(), shape.h(), shape.w());
		float[] v = TestModels.referenceVector(shape.size());
		for (JsonElement e : ref.getAsJsonArray("cases")) {
			JsonObject c = e.getAsJsonObject();
			double t = c.get("t").getAsDouble();
			float[] eps = model.epsilon(x, shape, t);
			assertEquals(shape.size(), eps.length);
			TestModels.assertMatchesSummary(c.getAsJsonObject("epsilon"), eps, 1e-4, "epsilon at t=" + t);
			try (TrackedEpsilon te = model.epsilonTracked(x, shape, t)) {
				assertArrayEquals(eps, te.epsilon(), 1e-5f, "tracked and plain forward differ");
				TestModels.assertMatchesSummary(c.getAsJsonObject("vjp"), te.vjp(v), 1e-4, "vjp at t=" + t);
			}
		}
	}

	@Test
	void inputIsNotModified() {
		BatchShape shape = new BatchShape(1, 1, 5, 6);
		float[] x = random(new Random(SEED), shape.size());
		float[] copy = x.clone();
		model.epsilon(x, shape, 10);
		try (TrackedEpsilon te = model.epsilonTracked(x, shape, 10)) {
			te.vjp(copy.clone());
		}
		assertArrayEquals(copy, x, 0f);
	}

	@Test
	void vjpMatchesCentralFiniteDifferences() {
		Random rng = new Random(SEED);
		BatchShape shape = new BatchShape(2, 1, 9, 7);
		double h = 1e-2;
		for (double t : new double[] { 3, 321.5, 990 }) {
			float[] x = random(rng, shape.size());
			float[] v = random(rng, shape.size());
			float[] d = random(rng, shape.size());
			double jvpViaVjp;
			try (TrackedEpsilon te = model.epsilonTracked(x, shape, t)) {
				jvpViaVjp = dot(te.vjp(v), d);
			}
			float[] xp = new float[x.length];
			float[] xm = new float[x.length];
			for (int i = 0; i < x.length; i++) {
				xp[i] = (float) (x[i] + h * d[i]);
				xm[i] = (float) (x[i] - h * d[i]);
			}
			double fd = (dot(v, model.epsilon(xp, shape, t)) - dot(v, model.epsilon(xm, shape, t))) / (2 * h);
			double rel = Math.abs(jvpViaVjp - fd) / Math.max(Math.abs(fd), 1e-12);
			assertTrue(rel < 1e-2, String.format(Locale.ROOT, "t=%s: <v, J d> by VJP %.6g, by finite differences "
					+ "%.6g (relative error %.3g, seed %d)", t, jvpViaVjp, fd, rel, SEED));
		}
	}

	@Test
	void successiveTrackedCallsGiveIndependentGradients() {
		Random rng = new Random(SEED + 1);
		BatchShape shape = new BatchShape(1, 1, 8, 8);
		float[] x = random(rng, shape.size());
		float[] v = random(rng, shape.size());
		float[] g1;
		float[] g2;
		float[] g3;
		try (TrackedEpsilon te = model.epsilonTracked(x, shape, 100)) {
			g1 = te.vjp(v);
		}
		try (TrackedEpsilon te = model.epsilonTracked(x, shape, 100)) {
			g2 = te.vjp(v);
		}
		float[] twoV = new float[v.length];
		for (int i = 0; i < v.length; i++) {
			twoV[i] = 2 * v[i];
		}
		try (TrackedEpsilon te = model.epsilonTracked(x, shape, 100)) {
			g3 = te.vjp(twoV);
		}
		assertArrayEquals(g1, g2, 1e-6f, "second gradient differs: gradients accumulate across calls");
		for (int i = 0; i < g1.length; i++) {
			assertEquals(2 * g1[i], g3[i], 1e-5f);
		}
	}

	@Test
	void trackedEvaluationContracts() {
		BatchShape shape = new BatchShape(1, 1, 4, 4);
		float[] x = new float[shape.size()];
		try (TrackedEpsilon te = model.epsilonTracked(x, shape, 1)) {
			IllegalStateException nested = assertThrows(IllegalStateException.class,
					() -> model.epsilonTracked(x, shape, 1));
			assertTrue(nested.getMessage().contains("already holds"), nested.getMessage());
			assertThrows(IllegalArgumentException.class, () -> te.vjp(new float[3]));
			te.vjp(new float[shape.size()]);
			assertThrows(IllegalStateException.class, () -> te.vjp(new float[shape.size()]));
			float[] e = te.epsilon();
			e[0] = 1e9f;
			assertTrue(te.epsilon()[0] != 1e9f, "epsilon() must return a copy");
		}
		// the session was closed: a new tracked evaluation opens on this thread
		try (TrackedEpsilon te = model.epsilonTracked(x, shape, 1)) {
			assertEquals(shape.size(), te.epsilon().length);
		}
	}

	@Test
	void rejectsBadArguments() {
		assertThrows(IllegalArgumentException.class, () -> model.epsilon(new float[15], new BatchShape(1, 1, 4, 4),
				5));
		assertThrows(IllegalArgumentException.class, () -> model.epsilon(new float[32], new BatchShape(1, 2, 4, 4),
				5));
		assertThrows(IllegalArgumentException.class, () -> model.epsilon(new float[16], new BatchShape(1, 1, 4, 4),
				1000));
		assertThrows(IllegalArgumentException.class, () -> model.epsilon(new float[16], new BatchShape(1, 1, 4, 4),
				-0.5));
		assertThrows(IllegalArgumentException.class, () -> model.epsilonTracked(new float[16],
				new BatchShape(1, 1, 4, 4), Double.NaN));
	}

	@Test
	void repeatedCallsDoNotLeakNativeArrays() {
		BatchShape shape = new BatchShape(2, 1, 16, 16);
		float[] x = random(new Random(SEED + 2), shape.size());
		float[] v = random(new Random(SEED + 3), shape.size());
		model.epsilon(x, shape, 50);
		int before = model.managedArrayCount();
		for (int i = 0; i < 200; i++) {
			if (i % 2 == 0) {
				model.epsilon(x, shape, i);
			} else {
				try (TrackedEpsilon te = model.epsilonTracked(x, shape, i)) {
					te.vjp(v);
				}
			}
		}
		assertEquals(before, model.managedArrayCount(), "NDArrays left attached after 200 calls");
	}

	@Test
	void trackedEvaluationsOnTwoThreadsAreOpenAtOnce() throws Exception {
		// both threads must be inside a tracked evaluation at the same time (a JVM-wide lock would time out here)
		BatchShape shape = new BatchShape(1, 1, 12, 12);
		float[] x = random(new Random(SEED + 6), shape.size());
		float[] v = random(new Random(SEED + 7), shape.size());
		java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<float[]>> results = new ArrayList<>();
			for (int k = 0; k < 2; k++) {
				results.add(pool.submit(() -> {
					try (TrackedEpsilon te = model.epsilonTracked(x, shape, 300)) {
						both.await(60, java.util.concurrent.TimeUnit.SECONDS);
						return te.vjp(v);
					}
				}));
			}
			assertArrayEquals(results.get(0).get(), results.get(1).get(), 0f);
		} finally {
			pool.shutdown();
		}
	}

	@Test
	void concurrentTrackedEvaluationsGiveTheSameGradients() throws Exception {
		BatchShape shape = new BatchShape(1, 1, 12, 12);
		float[] x = random(new Random(SEED + 4), shape.size());
		float[] v = random(new Random(SEED + 5), shape.size());
		float[] expected;
		try (TrackedEpsilon te = model.epsilonTracked(x, shape, 200)) {
			expected = te.vjp(v);
		}
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			List<Future<float[]>> results = new ArrayList<>();
			for (int k = 0; k < 6; k++) {
				results.add(pool.submit(() -> {
					try (TrackedEpsilon te = model.epsilonTracked(x, shape, 200)) {
						model.epsilon(x, shape, 7); // a plain call beside it
						return te.vjp(v);
					}
				}));
			}
			for (Future<float[]> f : results) {
				assertArrayEquals(expected, f.get(), 1e-6f);
			}
		} finally {
			pool.shutdown();
		}
	}

	private static float[] random(Random rng, int n) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++) {
			a[i] = (float) (2 * rng.nextDouble() - 1);
		}
		return a;
	}

	private static double dot(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += (double) a[i] * b[i];
		}
		return s;
	}
}
