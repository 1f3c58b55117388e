package org.fde.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelCentringTest {

	@Test
	void integerShiftIsExact() {
		int s = 15;
		float[] k = new float[s * s];
		k[3 * s + 4] = 1;
		float[] c = KernelCentring.centre(k, s);
		assertEquals(1.0, c[7 * s + 7], 1e-5);
	}

	@Test
	void subPixelShiftMovesCentreOfMassToOrigin() {
		for (int s : new int[] { 33, 64 }) {
			float[] k = new float[s * s];
			k[10 * s + 12] = 0.3f;
			k[10 * s + 13] = 0.5f;
			k[11 * s + 13] = 0.2f;
			float[] c = KernelCentring.centre(k, s);
			double[] com = Kernels.centreOfMass(c, s);
			assertEquals(s / 2, com[0], 0.1, "row, size " + s);
			assertEquals(s / 2, com[1], 0.1, "column, size " + s);
			assertEquals(1.0, Kernels.sum(c), 1e-5);
			for (float v : c) {
				assertTrue(v >= 0);
			}
		}
	}

	@Test
	void bsplineInterpolationReproducesSmoothSignals() {
		double[] line = new double[40];
		for (int i = 0; i < line.length; i++) {
			line[i] = Math.exp(-0.5 * Math.pow((i - 20) / 3.0, 2));
		}
		double[] s = KernelCentring.shift1d(line, 0.5);
		for (int i = 5; i < 35; i++) {
			double expect = Math.exp(-0.5 * Math.pow((i - 0.5 - 20) / 3.0, 2));
			assertEquals(expect, s[i], 5e-3, "at " + i);
		}
	}
}
