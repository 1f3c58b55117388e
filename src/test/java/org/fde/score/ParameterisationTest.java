package org.fde.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.fde.image.BatchShape;
import org.junit.jupiter.api.Test;

/** The &epsilon; &rarr; x&#770;0 map and its VJP against finite differences (analytic Gaussian model). */
class ParameterisationTest {

	@Test
	void x0ClippingIsMaxMinIncludingNanAndSignedZero() {
		float[] xt = { Float.NaN, -0.0f, 0.0f, -1f, 1f, -1.0000001f, 1.0000001f, Float.NEGATIVE_INFINITY,
				Float.POSITIVE_INFINITY, 0.5f, -7f };
		float[] eps = new float[xt.length];
		EpsilonParameterisation.Prediction p = EpsilonParameterisation.x0(xt, eps, 1.0); // x0 = x_t at abar = 1
		for (int i = 0; i < xt.length; i++) {
			float expected = Math.max(-1f, Math.min(1f, xt[i]));
			assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(p.x0Clipped()[i]), "x_t " + xt[i]);
		}
	}

	@Test
	void x0VjpRejectsAVjpOfTheWrongLength() {
		assertThrows(IllegalArgumentException.class,
				() -> EpsilonParameterisation.vjpX0(new float[4], new float[3], 0.5));
	}

	@Test
	void x0VjpMatchesFiniteDifferences() {
		int n = 24;
		GaussianScoreModel m = GaussianScoreModel.powerLaw(n, n, 0.1, 0.05, 1.5);
		BatchShape shape = new BatchShape(2, 1, n, n);
		SplittableRandom r = new SplittableRandom(1);
		float[] x = new float[shape.size()];
		float[] v = new float[shape.size()];
		float[] d = new float[shape.size()];
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) (0.3 * r.nextGaussian());
			v[i] = (float) r.nextGaussian();
			d[i] = (float) r.nextGaussian();
		}
		double t = 300;
		double ab = org.fde.schedule.NoiseSchedule.paper().alphaBar(300);
		float[] jtv;
		try (ScoreModel.TrackedEpsilon tr = m.epsilonTracked(x, shape, t)) {
			jtv = EpsilonParameterisation.vjpX0(tr, v, ab);
		}
		double h = 1e-2;
		float[] xp = new float[x.length];
		float[] xm = new float[x.length];
		for (int i = 0; i < x.length; i++) {
			xp[i] = (float) (x[i] + h * d[i]);
			xm[i] = (float) (x[i] - h * d[i]);
		}
		float[] fp = EpsilonParameterisation.x0(xp, m.epsilon(xp, shape, t), ab).x0Raw();
		float[] fm = EpsilonParameterisation.x0(xm, m.epsilon(xm, shape, t), ab).x0Raw();
		double fd = 0;
		double an = 0;
		for (int i = 0; i < x.length; i++) {
			fd += v[i] * (fp[i] - fm[i]) / (2 * h);
			an += (double) jtv[i] * d[i];
		}
		assertEquals(fd, an, 1e-3 * Math.abs(fd), "<v, J d> vs <J^T v, d>");
	}

	@Test
	void valueRangeRoundTripAndClampMask() {
		float[] u = { 0f, 0.25f, 1f };
		float[] s = ValueRange.toSigned(u);
		assertEquals(-1f, s[0]);
		assertEquals(-0.5f, s[1]);
		float[] back = ValueRange.toUnit(s);
		for (int i = 0; i < u.length; i++) {
			assertEquals(u[i], back[i], 1e-7);
		}
		float[] g = ValueRange.pullBackUnitToSigned(new float[] { 1, 1, 1, 1 }, new float[] { -1.5f, -1f, 0.3f, 1.2f });
		assertEquals(0f, g[0]);
		assertEquals(0.5f, g[1], "gradient passes at the boundary value, as torch.clamp");
		assertEquals(0.5f, g[2]);
		assertEquals(0f, g[3]);
	}

	@Test
	void oneChannelModelRunsPerChannel() {
		ModelSpec gray = ModelSpec.linear1000("g", 1, 8);
		assertEquals(new BatchShape(6, 1, 16, 16),
				EpsilonParameterisation.networkShape(new BatchShape(2, 3, 16, 16), gray));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> EpsilonParameterisation.networkShape(new BatchShape(1, 1, 20, 16), gray));
		assertTrue(e.getMessage().contains("multiple"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> EpsilonParameterisation
				.networkShape(new BatchShape(1, 2, 16, 16), ModelSpec.linear1000("rgb", 3, 8)));
	}
}
