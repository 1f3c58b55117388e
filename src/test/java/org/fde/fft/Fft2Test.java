package org.fde.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class Fft2Test {

	@Test
	void pairedInverseGivesBothRealPlanes() {
		int h = 37;
		int w = 31;
		SplittableRandom r = new SplittableRandom(5);
		float[] a = new float[h * w];
		float[] b = new float[h * w];
		for (int i = 0; i < a.length; i++) {
			a[i] = (float) r.nextGaussian();
			b[i] = (float) r.nextGaussian();
		}
		Fft2 f = Fft2.of(h, w);
		float[] fa = f.forward(a);
		float[] fb = f.forward(b);
		float[] sum = new float[fa.length]; // A + iB
		for (int i = 0; i < fa.length; i += 2) {
			sum[i] = fa[i] - fb[i + 1];
			sum[i + 1] = fa[i + 1] + fb[i];
		}
		float[][] ab = f.inverseRealPairInPlace(sum);
		for (int i = 0; i < a.length; i++) {
			assertEquals(a[i], ab[0][i], 1e-4, "a at " + i);
			assertEquals(b[i], ab[1][i], 1e-4, "b at " + i);
		}
	}
}
