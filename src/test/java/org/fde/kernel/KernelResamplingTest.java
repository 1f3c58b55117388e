package org.fde.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.fde.operator.CircularConvolution;
import org.junit.jupiter.api.Test;

/** {@link KernelResampling}: the coarse image, the enlarged kernel and its support. */
class KernelResamplingTest {

	/** An anisotropic Gaussian (standard deviations sx, sy, rotated) in a size&times;size window, sum 1. */
	static float[] gaussian(int size, double sx, double sy, double angle, double offsetY, double offsetX) {
		float[] k = new float[size * size];
		double c = Math.cos(angle);
		double s = Math.sin(angle);
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double dx = x - size / 2 - offsetX;
				double dy = y - size / 2 - offsetY;
				double u = c * dx + s * dy;
				double v = -s * dx + c * dy;
				k[y * size + x] = (float) Math.exp(-0.5 * (u * u / (sx * sx) + v * v / (sy * sy)));
			}
		}
		return Kernels.project(k, size);
	}

	@Test
	void theBlockMeanAveragesEachBlockAndDropsTheRemainder() {
		float[] p = new float[7 * 5];
		for (int i = 0; i < p.length; i++) {
			p[i] = i;
		}
		float[] m = KernelResampling.blockMean(p, 7, 5, 2); // 3x2 blocks; column 6 and row 4 dropped
		assertArrayEquals(new float[] { (0 + 1 + 7 + 8) / 4f, (2 + 3 + 9 + 10) / 4f, (4 + 5 + 11 + 12) / 4f,
				(14 + 15 + 21 + 22) / 4f, (16 + 17 + 23 + 24) / 4f, (18 + 19 + 25 + 26) / 4f }, m, 1e-6f);
		assertArrayEquals(p, KernelResampling.blockMean(p, 7, 5, 1));
		assertThrows(IllegalArgumentException.class, () -> KernelResampling.blockMean(p, 7, 5, 0));
		assertThrows(IllegalArgumentException.class, () -> KernelResampling.blockMean(p, 6, 5, 2));
	}

	@Test
	void theBlockMeanShrinksWhiteNoiseByTheFactor() {
		SplittableRandom r = new SplittableRandom(5);
		int n = 240;
		float[] p = new float[n * n];
		for (int i = 0; i < p.length; i++) {
			p[i] = (float) r.nextGaussian();
		}
		for (int s : new int[] { 2, 3 }) {
			float[] m = KernelResampling.blockMean(p, n, n, s);
			double v = 0;
			for (float x : m) {
				v += x * x;
			}
			assertEquals(1.0 / s, Math.sqrt(v / m.length), 0.03 / s, "factor " + s);
		}
	}

	@Test
	void anEnlargedKernelIsAValidCentredKernel() {
		for (int[] sizes : new int[][] { { 33, 65 }, { 41, 79 }, { 65, 129 } }) {
			float[] coarse = gaussian(sizes[0], sizes[0] / 8.0, sizes[0] / 20.0, 0.7, 1.5, -2.0); // off-centre
			float[] k = KernelResampling.enlarge(coarse, sizes[0], 2, sizes[1]);
			assertEquals(sizes[1] * sizes[1], k.length);
			assertEquals(1.0, Kernels.sum(k), 1e-5);
			for (float v : k) {
				assertTrue(v >= 0);
			}
			double[] com = Kernels.centreOfMass(k, sizes[1]);
			assertEquals(sizes[1] / 2, com[0], 0.05, "row centre at size " + sizes[1]);
			assertEquals(sizes[1] / 2, com[1], 0.05, "column centre at size " + sizes[1]);
		}
	}

	@Test
	void enlargingUndoesTheShrinkingOfABlur() {
		// a blur of the fine image seen on the block-mean image: the coarse kernel is the fine one at half the offsets
		int fine = 65;
		int coarseSize = 33;
		float[] truth = gaussian(fine, 9, 3, 0.6, 0, 0);
		float[] coarse = gaussian(coarseSize, 4.5, 1.5, 0.6, 0, 0);
		float[] k = KernelResampling.enlarge(coarse, coarseSize, 2, fine);
		assertTrue(Kernels.correlation(k, truth) > 0.99, "correlation " + Kernels.correlation(k, truth));
		// and the block mean of a blurred image is the block mean of the image blurred by the coarse kernel
		int n = 128;
		SplittableRandom r = new SplittableRandom(2);
		float[] x = new float[n * n];
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) r.nextDouble();
		}
		float[] lhs = KernelResampling.blockMean(new CircularConvolution(truth, fine, fine, n, n).apply(x), n, n, 2);
		float[] xs = KernelResampling.blockMean(x, n, n, 2);
		float[] rhs = new CircularConvolution(coarse, coarseSize, coarseSize, n / 2, n / 2).apply(xs);
		double num = 0;
		double den = 0;
		for (int i = 0; i < lhs.length; i++) {
			num += (lhs[i] - rhs[i]) * (lhs[i] - rhs[i]);
			den += lhs[i] * lhs[i];
		}
		assertTrue(Math.sqrt(num / den) < 0.02, "relative difference " + Math.sqrt(num / den));
	}

	@Test
	void theSupportHoldsTheKernelAndItsMarginOnly() {
		int size = 9;
		float[] k = new float[size * size];
		k[4 * size + 4] = 0.6f;
		k[4 * size + 5] = 0.38f;
		k[0] = 0.02f; // below 5 % of the maximum: not support
		boolean[] m = KernelResampling.support(k, size, 0.05, 1);
		assertEquals(3 * 4, KernelResampling.count(m)); // rows 3..5, columns 3..6
		assertTrue(m[3 * size + 3] && m[5 * size + 6]);
		assertFalse(m[0] || m[3 * size + 7] || m[6 * size + 4]);
		assertEquals(2, KernelResampling.count(KernelResampling.support(k, size, 0.05, 0)));
		assertEquals(size * size, KernelResampling.count(KernelResampling.support(new float[size * size], size, 0.05,
				0)), "no mass: the whole window");
		float[] restricted = Kernels.restrict(k, size, m);
		assertEquals(0f, restricted[0]);
		assertEquals(1.0, Kernels.sum(restricted), 1e-6);
		assertArrayEquals(Kernels.project(k, size), Kernels.restrict(k, size, (boolean[]) null));
	}

	@Test
	void shrinkingSplatsWithTheWeightsThatEnlargingReadsWith() {
		// <interpolate(c), f> = <c, splat(f)> on odd sizes and both factors (the adjoint pair)
		SplittableRandom r = new SplittableRandom(5);
		for (int[] sizes : new int[][] { { 21, 41, 2 }, { 11, 33, 3 }, { 33, 65, 2 } }) {
			int kc = sizes[0];
			int ks = sizes[1];
			int f = sizes[2];
			float[] c = new float[kc * kc];
			float[] fine = new float[ks * ks];
			for (int i = 0; i < c.length; i++) {
				c[i] = (float) r.nextGaussian();
			}
			for (int i = 0; i < fine.length; i++) {
				fine[i] = (float) r.nextGaussian();
			}
			float[] up = KernelResampling.interpolate(c, kc, f, ks);
			float[] down = KernelResampling.splat(fine, ks, f, kc);
			double a = 0;
			double b = 0;
			for (int i = 0; i < up.length; i++) {
				a += (double) up[i] * fine[i];
			}
			for (int i = 0; i < down.length; i++) {
				b += (double) c[i] * down[i];
			}
			assertEquals(a, b, 1e-4 * (Math.abs(a) + 1), kc + " -> " + ks + " by " + f);
		}
		float[] k = KernelResampling.shrink(gaussian(41, 4, 1.5, 0.5, 0, 0), 41, 2, 21);
		double sum = 0;
		for (float v : k) {
			assertTrue(v >= 0);
			sum += v;
		}
		assertEquals(1, sum, 1e-5);
	}

	@Test
	void aFineKernelThatLostPartOfTheCoarseExtentAgreesLess() {
		// a thin stroke, its coarse estimate (shrunk, enlarged: the widened stroke a coarse stage gives)
		int ks = 65;
		int kc = 33;
		float[] stroke = gaussian(ks, 12, 0.7, 0.4, 0, 0);
		float[] coarse = KernelResampling.enlarge(KernelResampling.shrink(stroke, ks, 2, kc), kc, 2, ks);
		// the same stroke at a third of its length: thinner than the coarse kernel, and shorter
		float[] shortStroke = gaussian(ks, 4, 0.7, 0.4, 0, 0);
		double sharpened = KernelResampling.coarseAgreement(stroke, coarse, ks, 2, kc);
		double shortened = KernelResampling.coarseAgreement(shortStroke, coarse, ks, 2, kc);
		double direct = Kernels.correlation(stroke, coarse);
		assertTrue(sharpened > 0.99, "the thin stroke against its own coarse version: " + sharpened);
		assertTrue(direct < sharpened - 0.05, "compared directly, the widening alone costs: " + direct);
		assertTrue(shortened < sharpened - 0.15, "the shortened stroke: " + shortened + " (the whole: " + sharpened + ")");
	}

	@Test
	void sharpeningTakesOutTheEnlargementsWideningOnly() {
		// generated camera-shake strokes on odd sizes: shrunk and enlarged (the best a coarse stage can give), then
		// sharpened: closer to the stroke, thinner, and the same kernel at the coarse scale
		for (int ks : new int[] { 65, 79 }) {
			int kc = (ks + 1) / 2 % 2 == 0 ? (ks + 1) / 2 + 1 : (ks + 1) / 2;
			for (long seed = 1; seed <= 3; seed++) {
				float[] truth = KernelGenerator.random(KernelFamily.MOTION, ks, seed);
				float[] enlarged = KernelResampling.enlarge(KernelResampling.shrink(truth, ks, 2, kc), kc, 2, ks);
				float[] sharp = KernelResampling.sharpen(enlarged, ks, 2, kc);
				String c = ks + " px, seed " + seed;
				assertEquals(1.0, Kernels.sum(sharp), 1e-5, c);
				for (float v : sharp) {
					assertTrue(v >= 0, c);
				}
				double before = Kernels.correlation(enlarged, truth);
				double after = Kernels.correlation(sharp, truth);
				assertTrue(after > before + 0.03, c + ": correlation with the stroke " + before + " -> " + after);
				assertTrue(participation(sharp) < 0.8 * participation(enlarged), c + ": participation "
						+ participation(enlarged) + " -> " + participation(sharp));
				double agreement = KernelResampling.coarseAgreement(sharp, enlarged, ks, 2, kc);
				assertTrue(agreement > 0.99, c + ": the sharpened kernel at the coarse scale: " + agreement);
			}
		}
		float[] point = new float[33 * 33];
		point[16 * 33 + 16] = 1;
		assertThrows(IllegalArgumentException.class, () -> KernelResampling.sharpen(point, 31, 2, 17));
		assertThrows(IllegalArgumentException.class, () -> KernelResampling.sharpen(point, 33, 0, 17));
	}

	private static double participation(float[] k) {
		double s = 0;
		for (float v : k) {
			s += (double) v * v;
		}
		return 1 / s;
	}
}
