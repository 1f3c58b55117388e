package org.fde.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PaddingTest {

	@Test
	void mirrorPadAndCropRoundTrip() {
		int w = 5;
		int h = 3;
		float[] p = new float[w * h];
		for (int i = 0; i < p.length; i++) {
			p[i] = i;
		}
		float[] padded = Padding.reflect(p, w, h, 8, 8);
		assertEquals(p[3], padded[5], "x = 5 mirrors x = 3");
		assertEquals(p[1 * w], padded[3 * 8], "y = 3 mirrors y = 1");
		assertArrayEquals(p, Padding.crop(padded, 8, w, h));
		assertEquals(16, Padding.roundUp(9, 8));
		assertEquals(8, Padding.roundUp(8, 8));
	}
}
