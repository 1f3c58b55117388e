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
		PadFrame f = new PadFrame(w, h, 0, 0, 8, 8);
		float[] padded = f.pad(p);
		assertEquals(p[3], padded[5], "x = 5 mirrors x = 3");
		assertEquals(p[1 * w], padded[3 * 8], "y = 3 mirrors y = 1");
		assertArrayEquals(p, f.crop(padded));
		assertEquals(16, Padding.roundUp(9, 8));
		assertEquals(8, Padding.roundUp(8, 8));
	}

	@Test
	void wholeSampleSymmetricMirror() {
		assertEquals(java.util.List.of(0, 1, 2, 1, 0, 1), java.util.List.of(Padding.mirror(0, 3), Padding.mirror(1, 3),
				Padding.mirror(2, 3), Padding.mirror(3, 3), Padding.mirror(4, 3), Padding.mirror(-1, 3)));
	}
}
