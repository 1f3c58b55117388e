package org.fde.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fde.kernel.Kernels;
import org.junit.jupiter.api.Test;

/** Fast EM's growing kernel support: the schedule and the restriction of a kernel to it. */
class KernelSupportTest {

	@Test
	void theSupportGrowsFromItsStartToTheWindow() {
		EmConfig c = EmConfig.builder().kernelSize(65).build();
		assertEquals(33, c.kernelSupport(1000));
		assertEquals(49, c.kernelSupport(750));
		assertEquals(65, c.kernelSupport(EmTuning.SUPPORT_FULL_TIMESTEP));
		assertEquals(65, c.kernelSupport(0));
		int previous = 0;
		for (int t = 1000; t >= 0; t -= 10) {
			int s = c.kernelSupport(t);
			assertTrue(s >= previous && s <= 65);
			previous = s;
		}
	}

	@Test
	void smallKernelsAndTheSwitchKeepTheWholeWindow() {
		for (int ks : new int[] { 3, 9, 33 }) {
			EmConfig c = EmConfig.builder().kernelSize(ks).build();
			assertEquals(ks, c.kernelSupport(1000), "kernel size " + ks);
		}
		EmConfig off = EmConfig.builder().kernelSize(129).tuning(t -> t.withSupportStart(0)).build();
		assertEquals(129, off.kernelSupport(1000));
		assertThrows(IllegalArgumentException.class, () -> EmConfig.builder().tuning(t -> t.withSupportStart(2)).build());
		assertThrows(IllegalArgumentException.class, () -> EmConfig.builder().tuning(t -> t.withSupportStart(131)).build());
	}

	@Test
	void restrictKeepsTheCentredWindowAndProjects() {
		int s = 9;
		float[] k = new float[s * s];
		java.util.Arrays.fill(k, 1f);
		float[] r = Kernels.restrict(k, s, 5);
		double sum = 0;
		for (int y = 0; y < s; y++) {
			for (int x = 0; x < s; x++) {
				boolean inside = y >= 2 && y < 7 && x >= 2 && x < 7;
				assertEquals(inside ? 1f / 25 : 0f, r[y * s + x], 1e-7, "(" + y + ", " + x + ")");
				sum += r[y * s + x];
			}
		}
		assertEquals(1, sum, 1e-6);
		// an even support in an odd window is widened to stay centred on the p2o origin
		float[] e = Kernels.restrict(k, s, 4);
		assertEquals(1f / 25, e[2 * s + 2], 1e-7);
		assertEquals(1f / 25, e[6 * s + 6], 1e-7);
		assertEquals(0f, e[1 * s + 4], 0f);
		// the whole window only projects
		assertEquals(1f / 81, Kernels.restrict(k, s, 9)[0], 1e-7);
		// no mass inside the window: the delta, as the projection gives
		float[] corner = new float[s * s];
		corner[0] = 1f;
		assertEquals(1f, Kernels.restrict(corner, s, 3)[(s / 2) * s + s / 2]);
	}
}
