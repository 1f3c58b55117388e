package org.fde.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PercentileNormalizationTest {

	@Test
	void roundTripIsExactToFloatPrecision() {
		SplittableRandom r = new SplittableRandom(3);
		float[] a = new float[5000];
		float[] b = new float[3000];
		for (int i = 0; i < a.length; i++) {
			a[i] = (float) (1000 + 30000 * r.nextDouble());
		}
		for (int i = 0; i < b.length; i++) {
			b[i] = (float) (-50 + 100 * r.nextGaussian());
		}
		PercentileNormalization n = PercentileNormalization.fit(a, b);
		float[] back = n.inverse(n.forward(a));
		for (int i = 0; i < a.length; i++) {
			assertEquals(a[i], back[i], 1e-6 * 31000);
		}
		float[] a0 = a.clone();
		n.forward(a);
		assertEquals(a0[17], a[17], 0, "forward must not modify its input");
	}

	@Test
	void percentilesMapToZeroAndOne() {
		float[] v = new float[1001];
		for (int i = 0; i < v.length; i++) {
			v[i] = 2 * i; // 0..2000
		}
		PercentileNormalization n = PercentileNormalization.fit(new float[][] { v }, 10, 90);
		assertEquals(200, n.low(), 1e-9);
		assertEquals(1800, n.high(), 1e-9);
		float[] u = n.forward(new float[] { 200, 1800, 0, 2000 });
		assertEquals(0, u[0], 1e-7);
		assertEquals(1, u[1], 1e-7);
		assertTrue(u[2] < 0 && u[3] > 1, "values outside the percentiles are not clipped");
		PercentileNormalization d = PercentileNormalization.fit(v);
		assertEquals(0.1 / 100 * 1000 * 2, d.low(), 1e-6); // linear interpolation between order statistics
	}

	@Test
	void sigmaScalesByTheRangeOnly() {
		PercentileNormalization n = new PercentileNormalization(100, 300);
		assertEquals(200, n.scale(), 0);
		assertEquals(0.05, n.sigmaToUnit(10), 1e-12);
		assertEquals(10, n.sigmaFromUnit(n.sigmaToUnit(10)), 1e-12);
		assertEquals(4f, n.stdFromUnit(new float[] { 0.02f })[0], 1e-6);
	}

	@Test
	void constantDataAreFlaggedAndStayInvertible() {
		float[] c = new float[100];
		java.util.Arrays.fill(c, 42f);
		PercentileNormalization n = PercentileNormalization.fit(c);
		assertTrue(n.isConstant());
		assertEquals(1, n.scale(), 0);
		assertEquals(42f, n.inverse(n.forward(c))[5], 0);
	}

	@Test
	void sparseSpotsFallBackToMinMax() {
		float[] v = new float[100000];
		v[5] = 1000; // one bright spot: the 99.9 percentile is still the background
		PercentileNormalization n = PercentileNormalization.fit(v);
		assertFalse(n.isConstant());
		assertEquals(0, n.low(), 0);
		assertEquals(1000, n.high(), 0);
	}

	@Test
	void rejectsBadInput() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> PercentileNormalization.fit(new float[] {
				1, Float.NaN })).getMessage().contains("non-finite"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> PercentileNormalization.fit(new float[0]))
				.getMessage().contains("empty"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> PercentileNormalization.fit(new float[][] {
				{ 1, 2 } }, 50, 40)).getMessage().contains("lowPercentile"));
	}
}
