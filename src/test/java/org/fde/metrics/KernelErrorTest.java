package org.fde.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.junit.jupiter.api.Test;

class KernelErrorTest {

	@Test
	void shiftedKernelIsAlignedBack() {
		int s = 33;
		float[] k = KernelGenerator.random(KernelFamily.GAUSSIAN, s, 7); // compact, so a small shift loses no mass
		float[] moved = KernelError.shift(k, s, 3, -2);
		assertTrue(KernelError.mse(moved, s, k, s) > 1e-7);
		KernelError.Alignment a = KernelError.aligned(moved, s, k, s);
		assertEquals(-3, a.dy());
		assertEquals(2, a.dx());
		assertEquals(0, a.mse(), 1e-12);
	}

	@Test
	void identicalAndScaledKernelsHaveZeroError() {
		int s = 15;
		float[] k = KernelGenerator.random(KernelFamily.MOTION, s, 3);
		float[] twice = k.clone();
		for (int i = 0; i < twice.length; i++) {
			twice[i] *= 2;
		}
		assertEquals(0, KernelError.mse(twice, s, k, s), 1e-14); // both are normalised to sum 1
	}

	@Test
	void smallerKernelIsEmbeddedAtTheCentre() {
		float[] small = new float[9];
		small[4] = 1;
		float[] big = new float[25];
		big[12] = 1;
		assertEquals(0, KernelError.mse(small, 3, big, 5), 0);
		float[] delta = new float[25];
		delta[0] = 1;
		assertEquals(2.0 / 25, KernelError.mse(delta, 5, big, 5), 1e-12);
	}

	@Test
	void rejectsEmptyKernel() {
		assertThrows(IllegalArgumentException.class, () -> KernelError.mse(new float[9], 3, new float[] { 0, 0, 0, 0,
				1, 0, 0, 0, 0 }, 3));
	}
}
