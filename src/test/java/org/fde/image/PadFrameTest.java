package org.fde.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PadFrameTest {

	@Test
	void padsEverySideToTheMultipleAndCropsBack() {
		int w = 13;
		int h = 7;
		float[] p = new float[w * h];
		for (int i = 0; i < p.length; i++) {
			p[i] = i;
		}
		PadFrame f = PadFrame.around(w, h, 4, 16);
		assertEquals(32, f.paddedWidth());
		assertEquals(16, f.paddedHeight());
		assertTrue(f.left() >= 4 && f.top() >= 4 && f.paddedWidth() - f.left() - w >= 4
				&& f.paddedHeight() - f.top() - h >= 4);
		float[] padded = f.pad(p);
		assertArrayEquals(p, f.crop(padded));
		// mirror without repeating the edge: the pixel left of column 0 is column 1
		assertEquals(p[1], padded[f.top() * f.paddedWidth() + f.left() - 1]);
		assertEquals(p[w], padded[(f.top() - 1) * f.paddedWidth() + f.left()]);
	}

	@Test
	void imageRoundTripAndMarginLargerThanImage() {
		Image img = new Image(3, 4, new float[][] { new float[12], new float[12] });
		img.plane(1)[5] = 7;
		PadFrame f = PadFrame.around(3, 4, 9, 1);
		Image back = f.crop(f.pad(img));
		assertArrayEquals(img.plane(1), back.plane(1));
		assertEquals(2, back.channels());
	}

	@Test
	void rejectsBadArguments() {
		assertThrows(IllegalArgumentException.class, () -> PadFrame.around(4, 4, -1, 1));
		assertThrows(IllegalArgumentException.class, () -> PadFrame.around(4, 4, 1, 0));
		assertThrows(IllegalArgumentException.class, () -> PadFrame.around(4, 4, 1, 1).pad(new float[3]));
	}
}
