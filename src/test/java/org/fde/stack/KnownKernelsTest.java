package org.fde.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KnownKernelsTest {

	@Test
	void evenPsfKeepsItsCentrePixelOnTheOrigin() {
		float[] p = new float[4 * 2]; // 4 wide, 2 high: centre pixel (2, 1)
		p[1 * 4 + 2] = 3;
		p[0] = -1; // negative background is clipped
		KnownKernels k = KnownKernels.fromPsf(new Hyperstack(4, 2, 1, 1, 1, new float[][] { p }), 3);
		assertEquals(5, k.size());
		assertEquals(1, k.kernels().length);
		assertEquals(1f, k.kernels()[0][2 * 5 + 2], 0);
	}

	@Test
	void onePlanePerChannel() {
		float[][] planes = new float[3][9];
		for (int c = 0; c < 3; c++) {
			planes[c][4] = 1;
			planes[c][c] += 1;
		}
		KnownKernels k = KnownKernels.fromPsf(new Hyperstack(3, 3, 3, 1, 1, planes), 3);
		assertEquals(3, k.kernels().length);
		assertEquals(0.5f, k.kernels()[2][2], 1e-7);
	}

	@Test
	void refusesStacksMismatchedChannelsAndEmptyPsfs() {
		assertThrows(IllegalArgumentException.class, () -> KnownKernels.fromPsf(Hyperstack.zeros(3, 3, 1, 2, 1), 1));
		assertThrows(IllegalArgumentException.class, () -> KnownKernels.fromPsf(Hyperstack.zeros(3, 3, 2, 1, 1), 3));
		assertThrows(IllegalArgumentException.class, () -> KnownKernels.fromPsf(Hyperstack.zeros(3, 3, 1, 1, 1), 1));
	}
}
