package org.fde.kernel.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.fde.kernel.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelGeneratorTest {

	@ParameterizedTest
	@ValueSource(ints = { 15, 16, 33, 64 })
	void everyFamilyIsNonNegativeSumOneAndCentred(int size) {
		for (KernelFamily family : KernelFamily.values()) {
			for (long seed = 0; seed < 6; seed++) {
				float[] k = KernelGenerator.random(family, size, seed);
				String what = family + " size " + size + " seed " + seed;
				assertEquals(size * size, k.length, what);
				for (float v : k) {
					assertTrue(v >= 0 && Float.isFinite(v), what + ": value " + v);
				}
				assertEquals(1.0, Kernels.sum(k), 1e-5, what);
				double[] com = Kernels.centreOfMass(k, size);
				assertEquals(size / 2, com[0], 0.5, what + " row centre");
				assertEquals(size / 2, com[1], 0.5, what + " column centre");
			}
		}
	}

	@Test
	void sameSeedSameKernelDifferentSeedDifferentKernel() {
		for (KernelFamily family : KernelFamily.values()) {
			float[] a = KernelGenerator.random(family, 33, 42);
			assertArrayEquals(a, KernelGenerator.random(family, 33, 42), family.toString());
			assertFalse(Arrays.equals(a, KernelGenerator.random(family, 33, 43)), family.toString());
		}
		KernelSpec spec = new KernelSpec.Motion(33, 0.5);
		assertArrayEquals(KernelGenerator.generate(spec, 7), KernelGenerator.generate(spec, 7));
		assertFalse(Arrays.equals(KernelGenerator.generate(spec, 7), KernelGenerator.generate(spec, 8)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 15, 33, 64 })
	void motionKernelsAreThinTrajectoriesInsideTheWindow(int size) {
		for (long seed = 0; seed < 40; seed++) {
			float[] k = KernelGenerator.generate(new KernelSpec.Motion(size, 0.5), seed);
			String what = "size " + size + " seed " + seed;
			float max = 0;
			for (float v : k) {
				max = Math.max(max, v);
			}
			int support = 0;
			int minY = size;
			int maxY = -1;
			int minX = size;
			int maxX = -1;
			for (int y = 0; y < size; y++) {
				for (int x = 0; x < size; x++) {
					float v = k[y * size + x];
					if (v > 1e-3 * max) {
						support++;
					}
					if (v >= 0.05 * max) {
						minY = Math.min(minY, y);
						maxY = Math.max(maxY, y);
						minX = Math.min(minX, x);
						maxX = Math.max(maxX, x);
					}
					if (y == 0 || x == 0 || y == size - 1 || x == size - 1) {
						assertEquals(0f, v, what + ": mass on the window border at " + y + "," + x);
					}
				}
			}
			assertTrue(support >= 12, what + ": only " + support + " non-zeros (a delta?)");
			assertTrue(support <= size * size / 3, what + ": " + support + " non-zeros (a blob?)");
			assertTrue(Math.max(maxY - minY, maxX - minX) >= 3, what + ": spans less than 3 px");
			assertTrue(max < 0.25, what + ": peak " + max + " (too concentrated)");
		}
	}

	@Test
	void motionSpanAtMediumIntensityLooksLikeThePaper() {
		int size = 33;
		int[] spans = new int[60];
		for (int seed = 0; seed < spans.length; seed++) {
			float[] k = KernelGenerator.generate(new KernelSpec.Motion(size, 0.5), seed);
			float max = 0;
			for (float v : k) {
				max = Math.max(max, v);
			}
			int lo = size;
			int hi = -1;
			int loX = size;
			int hiX = -1;
			for (int i = 0; i < k.length; i++) {
				if (k[i] >= 0.05 * max) {
					lo = Math.min(lo, i / size);
					hi = Math.max(hi, i / size);
					loX = Math.min(loX, i % size);
					hiX = Math.max(hiX, i % size);
				}
			}
			spans[seed] = Math.max(hi - lo, hiX - loX);
		}
		Arrays.sort(spans);
		int median = spans[spans.length / 2];
		assertTrue(median >= 8 && median <= 25, "median span " + median + " px, expected 8..25");
	}

	@Test
	void gaussianHasTheRequestedSecondMoments() {
		int size = 33;
		double sx = 2.5;
		double sy = 4.0;
		// pixel integration adds the variance of a unit box, 1/12, to each axis
		double[] m = moments(KernelGenerator.generate(new KernelSpec.Gaussian(size, sx, sy, 0.0), 0), size);
		assertEquals(sx * sx + 1 / 12.0, m[1], 0.05 * sx * sx, "column variance");
		assertEquals(sy * sy + 1 / 12.0, m[0], 0.05 * sy * sy, "row variance");
		assertEquals(0, m[2], 0.05, "covariance");

		double angle = 0.6;
		double[] r = moments(KernelGenerator.generate(new KernelSpec.Gaussian(size, 3.0, 1.5, angle), 0), size);
		double c = Math.cos(angle);
		double s = Math.sin(angle);
		double vx = 9 + 1 / 12.0;
		double vy = 2.25 + 1 / 12.0;
		assertEquals(c * c * vx + s * s * vy, r[1], 0.05 * 9, "rotated column variance");
		assertEquals(s * s * vx + c * c * vy, r[0], 0.05 * 9, "rotated row variance");
		assertEquals(c * s * (vx - vy), r[2], 0.05 * 9, "rotated covariance (x towards +y)");
	}

	@Test
	void defocusDiskHasTheRightAreaAndMoment() {
		int size = 33;
		double radius = 6;
		float[] k = KernelGenerator.generate(new KernelSpec.Defocus(size, radius), 0);
		float max = 0;
		for (float v : k) {
			max = Math.max(max, v);
		}
		double area = Kernels.sum(k) / max;
		assertEquals(Math.PI * radius * radius, area, 0.03 * Math.PI * radius * radius, "disk area");
		double[] m = moments(k, size);
		assertEquals(radius * radius / 4 + 1 / 12.0, m[0], 0.05 * radius * radius / 4, "disk variance");
	}

	@Test
	void airyHasADarkRingAtTheFirstZero() {
		int size = 33;
		int c = size / 2;
		int r0 = 6;
		float[] k = KernelGenerator.generate(new KernelSpec.Airy(size, r0), 0);
		float centre = k[c * size + c];
		float zero = k[c * size + c + r0];
		float ring = k[c * size + c + 8];
		assertTrue(zero < 0.01 * centre, "value at the first zero " + zero + " vs centre " + centre);
		assertTrue(ring > 2 * zero, "no bright ring after the first zero: " + ring + " vs " + zero);
		assertTrue(ring < 0.05 * centre, "first ring too bright: " + ring);
		assertEquals(k[c * size + c + r0], k[(c + r0) * size + c], 1e-6 * centre, "not radially symmetric");
	}

	@Test
	void besselJ1MatchesReferenceValues() {
		double[][] ref = { { 1, 0.44005058574493355 }, { 2.5, 0.497094102464274 }, { 5, -0.3275791375914653 },
				{ 10, 0.04347274616886141 }, { 11.9, -0.22898324966192404 }, { 12, -0.2234471044906276 },
				{ 12.1, -0.21574897337692486 }, { 20, 0.0668331241758502 }, { 50, -0.09751182812517509 },
				{ 115, 0.06698830614494278 }, { -1, -0.44005058574493355 }, { 0, 0 } };
		for (double[] p : ref) {
			assertEquals(p[1], Bessel.j1(p[0]), 1e-11, "J1(" + p[0] + ")");
		}
		assertEquals(0, Bessel.j1(Bessel.J1_FIRST_ZERO), 1e-14);
	}

	@Test
	void badParametersAreRejectedWithTheirName() {
		expect("size", () -> new KernelSpec.Motion(2, 0.5));
		expect("size", () -> new KernelSpec.Airy(129, 2));
		expect("size", () -> KernelGenerator.random(KernelFamily.MOTION, 200, 1));
		expect("intensity", () -> new KernelSpec.Motion(33, Double.NaN));
		expect("intensity", () -> new KernelSpec.Motion(33, 1.5));
		expect("sigmaX", () -> new KernelSpec.Gaussian(33, Double.NaN, 1, 0));
		expect("sigmaY", () -> new KernelSpec.Gaussian(33, 1, 0.1, 0));
		expect("angle", () -> new KernelSpec.Gaussian(33, 1, 1, Double.NaN));
		expect("radius", () -> new KernelSpec.Defocus(33, 0));
		expect("radius", () -> new KernelSpec.Defocus(33, 17));
		expect("firstZero", () -> new KernelSpec.Airy(33, Double.POSITIVE_INFINITY));
		expect("family", () -> KernelGenerator.random(null, 33, 1));
		expect("spec", () -> KernelGenerator.generate(null, 1));
	}

	@Test
	void tinyAndLargestSizesWork() {
		for (int size : new int[] { 3, 4, 128 }) {
			for (KernelFamily family : KernelFamily.values()) {
				float[] k = KernelGenerator.random(family, size, 3);
				assertEquals(1.0, Kernels.sum(k), 1e-5, family + " " + size);
			}
		}
	}

	private static void expect(String name, Executable call) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
		assertTrue(e.getMessage().contains(name), "message '" + e.getMessage() + "' should name " + name);
	}

	/** Row variance, column variance and row-column covariance of a kernel. */
	private static double[] moments(float[] k, int size) {
		double[] com = Kernels.centreOfMass(k, size);
		double vy = 0;
		double vx = 0;
		double cxy = 0;
		double m = 0;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double v = k[y * size + x];
				double dy = y - com[0];
				double dx = x - com[1];
				vy += v * dy * dy;
				vx += v * dx * dx;
				cxy += v * dx * dy;
				m += v;
			}
		}
		return new double[] { vy / m, vx / m, cxy / m };
	}
}
