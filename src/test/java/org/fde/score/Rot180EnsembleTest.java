package org.fde.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.fde.image.BatchShape;
import org.junit.jupiter.api.Test;

class Rot180EnsembleTest {

	/** &epsilon;&#770;(x) = A x + t&middot;1 per batch member, with a dense random A: no symmetry at all. */
	private static final class LinearModel implements ScoreModel {
		final double[][] a;
		final ModelSpec spec = ModelSpec.linear1000("linear-test", 2, 1);
		boolean closed;

		LinearModel(int n, long seed) {
			Random r = new Random(seed);
			a = new double[n][n];
			for (double[] row : a) {
				for (int j = 0; j < n; j++) {
					row[j] = r.nextGaussian();
				}
			}
		}

		@Override
		public ModelSpec spec() {
			return spec;
		}

		float[] apply(float[] x, boolean transpose) {
			int m = a.length;
			float[] out = new float[x.length];
			for (int off = 0; off < x.length; off += m) {
				for (int i = 0; i < m; i++) {
					double s = 0;
					for (int j = 0; j < m; j++) {
						s += (transpose ? a[j][i] : a[i][j]) * x[off + j];
					}
					out[off + i] = (float) s;
				}
			}
			return out;
		}

		@Override
		public float[] epsilon(float[] x, BatchShape shape, double t) {
			float[] e = apply(x, false);
			for (int i = 0; i < e.length; i++) {
				e[i] += (float) t;
			}
			return e;
		}

		@Override
		public TrackedEpsilon epsilonTracked(float[] x, BatchShape shape, double t) {
			float[] e = epsilon(x, shape, t);
			return TrackedEpsilon.of(e, v -> apply(v, true), () -> {
			});
		}

		@Override
		public void close() {
			closed = true;
		}
	}

	private static float[] random(int n, long seed) {
		Random r = new Random(seed);
		float[] v = new float[n];
		for (int i = 0; i < n; i++) {
			v[i] = (float) r.nextGaussian();
		}
		return v;
	}

	/** Naive R: pixel (y, x) of each plane goes to (h - 1 - y, w - 1 - x). */
	private static float[] rotateNaive(float[] v, BatchShape s) {
		float[] out = new float[v.length];
		for (int i = 0; i < s.n(); i++) {
			for (int c = 0; c < s.c(); c++) {
				int off = s.planeOffset(i, c);
				for (int y = 0; y < s.h(); y++) {
					for (int x = 0; x < s.w(); x++) {
						out[off + (s.h() - 1 - y) * s.w() + (s.w() - 1 - x)] = v[off + y * s.w() + x];
					}
				}
			}
		}
		return out;
	}

	@Test
	void rotationIsThe180DegreeTurnOfEveryPlaneOnOddSizes() {
		BatchShape s = new BatchShape(2, 2, 3, 5);
		float[] v = random(s.size(), 1);
		assertArrayEquals(rotateNaive(v, s), Rot180Ensemble.rotate(v, s));
		assertArrayEquals(v, Rot180Ensemble.rotate(Rot180Ensemble.rotate(v, s), s));
	}

	@Test
	void epsilonAndVjpAreTheMeanOfTheDirectAndRotatedMembers() {
		BatchShape s = new BatchShape(2, 2, 3, 5);
		LinearModel m = new LinearModel(s.size() / s.n(), 7);
		ScoreModel e = new Rot180Ensemble(m);
		float[] x = random(s.size(), 2);
		float[] v = random(s.size(), 3);
		double t = 0.25;
		// expected: 0.5 (A x + R A R x) + t, and J^T v = 0.5 (A^T v + R A^T R v)
		float[] ax = m.apply(x, false);
		float[] rarx = rotateNaive(m.apply(rotateNaive(x, s), false), s);
		float[] atv = m.apply(v, true);
		float[] ratrv = rotateNaive(m.apply(rotateNaive(v, s), true), s);
		float[] wantEps = new float[x.length];
		float[] wantVjp = new float[x.length];
		for (int i = 0; i < x.length; i++) {
			wantEps[i] = 0.5f * (ax[i] + rarx[i]) + (float) t;
			wantVjp[i] = 0.5f * (atv[i] + ratrv[i]);
		}
		assertArrayEquals(wantEps, e.epsilon(x, s, t), 1e-5f);
		try (ScoreModel.TrackedEpsilon tr = e.epsilonTracked(x, s, t)) {
			assertArrayEquals(wantEps, tr.epsilon(), 1e-5f);
			assertArrayEquals(wantVjp, tr.vjp(v), 1e-5f);
		}
		// and it is not the member itself: A has no symmetry
		float[] direct = m.epsilon(x, s, t);
		double diff = 0;
		for (int i = 0; i < x.length; i++) {
			diff = Math.max(diff, Math.abs(direct[i] - wantEps[i]));
		}
		assertTrue(diff > 0.1, "test model should not be rotation-symmetric");
		e.close();
		assertTrue(m.closed, "closing the ensemble closes its member");
	}

	@Test
	void aRotationInvariantPriorIsItsOwnEnsemble() {
		// a stationary Gaussian with a spectrum even in frequency commutes with every reflection and shift
		int h = 12;
		int w = 10;
		GaussianScoreModel g = GaussianScoreModel.powerLaw(h, w, 0.1, 0.05, 1.5);
		ScoreModel e = Rot180Ensemble.of(g, 2);
		BatchShape s = new BatchShape(1, 1, h, w);
		float[] x = random(s.size(), 4);
		float[] v = random(s.size(), 5);
		assertArrayEquals(g.epsilon(x, s, 300), e.epsilon(x, s, 300), 1e-4f);
		try (ScoreModel.TrackedEpsilon a = g.epsilonTracked(x, s, 300);
				ScoreModel.TrackedEpsilon b = e.epsilonTracked(x, s, 300)) {
			assertArrayEquals(a.vjp(v), b.vjp(v), 1e-4f);
		}
		assertEquals(g.spec(), e.spec());
	}

	@Test
	void sizeOneIsTheModelAndOtherSizesAreRefusedByName() {
		GaussianScoreModel g = GaussianScoreModel.powerLaw(4, 4, 0, 0.05, 1.5);
		assertSame(g, Rot180Ensemble.of(g, 1));
		IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Rot180Ensemble.of(g, 3));
		assertTrue(ex.getMessage().contains("ensemble must be 1 or 2"), ex.getMessage());
	}
}
