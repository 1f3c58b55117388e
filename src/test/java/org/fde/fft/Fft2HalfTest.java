package org.fde.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.jtransforms.fft.FloatFFT_2D;
import org.junit.jupiter.api.Test;

/** The half-spectrum transforms against the full ones (JTransforms' 2-D transforms), on odd and even sizes. */
class Fft2HalfTest {

	private static final int[][] SIZES = { { 37, 31 }, { 31, 37 }, { 36, 30 }, { 72, 72 }, { 64, 64 }, { 2, 3 },
			{ 3, 2 }, { 2, 2 }, { 256, 256 },
			// at least Fft2.PARALLEL_MIN values: rows and columns split over threads
			{ 189, 175 }, { 175, 189 } }; // (prime lengths such as 181 use Bluestein: float rounding above the tolerance)

	static float[] random(int n, SplittableRandom r) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++) {
			a[i] = (float) r.nextGaussian();
		}
		return a;
	}

	static double maxAbs(float[] a) {
		double m = 0;
		for (float v : a) {
			m = Math.max(m, Math.abs(v));
		}
		return m;
	}

	/** The reference: JTransforms' full 2-D real-to-complex transform. */
	static float[] jtransformsFull(float[] x, int h, int w) {
		float[] a = new float[2 * h * w];
		System.arraycopy(x, 0, a, 0, h * w);
		new FloatFFT_2D(h, w).realForwardFull(a);
		return a;
	}

	@Test
	void forwardHalfIsTheLeftColumnsOfTheFullSpectrum() {
		SplittableRandom r = new SplittableRandom(11);
		for (int[] hw : SIZES) {
			int h = hw[0];
			int w = hw[1];
			Fft2 f = Fft2.of(h, w);
			float[] dense = random(h * w, r);
			float[] sparse = dense.clone(); // zero rows are skipped: make some
			for (int y = 0; y < h; y += 2) {
				java.util.Arrays.fill(sparse, y * w, (y + 1) * w, 0f);
			}
			for (float[] x : new float[][] { dense, sparse }) {
				float[] full = jtransformsFull(x, h, w);
				float[] half = f.forwardHalf(x);
				int hwid = f.halfWidth();
				assertEquals(2 * h * hwid, half.length);
				double tol = 1e-5 * (1 + maxAbs(full));
				for (int u = 0; u < h; u++) {
					for (int v = 0; v < hwid; v++) {
						assertEquals(full[2 * (u * w + v)], half[2 * (u * hwid + v)], tol, h + "x" + w + " re " + u
								+ "," + v);
						assertEquals(full[2 * (u * w + v) + 1], half[2 * (u * hwid + v) + 1], tol, h + "x" + w
								+ " im " + u + "," + v);
					}
				}
				float[] expanded = f.expandHalf(half);
				float[] forward = f.forward(x);
				for (int i = 0; i < full.length; i++) {
					assertEquals(full[i], expanded[i], tol, h + "x" + w + " expanded at " + i);
					assertEquals(full[i], forward[i], tol, h + "x" + w + " forward at " + i);
				}
			}
		}
	}

	@Test
	void inverseHalfHermitianAndRowsMatchTheFullInverse() {
		SplittableRandom r = new SplittableRandom(12);
		for (int[] hw : SIZES) {
			int h = hw[0];
			int w = hw[1];
			Fft2 f = Fft2.of(h, w);
			// a product of spectra of real planes: Hermitian up to rounding, as in the guidance
			float[] spec = Spectra.multiplyConj(f.forward(random(h * w, r)), f.forward(random(h * w, r)));
			float[] ref = f.inverseReal(spec);
			double tol = 1e-5 * (1 + maxAbs(ref));
			float[] herm = f.inverseHermitian(spec);
			for (int i = 0; i < ref.length; i++) {
				assertEquals(ref[i], herm[i], tol, h + "x" + w + " at " + i);
			}
			int from = h / 3;
			int to = Math.max(from, h - h / 4);
			float[] rows = f.inverseHalfInPlace(halfOf(f, spec), from, to);
			assertEquals((to - from) * w, rows.length);
			for (int i = 0; i < rows.length; i++) {
				assertEquals(ref[from * w + i], rows[i], tol, h + "x" + w + " rows at " + i);
			}
			// a window wrapping around the origin, in window order, with a repeat
			int[] list = { h - 1, 0, Math.min(1, h - 1), h / 2, h - 1 };
			float[] listed = f.inverseHalfRowsInPlace(halfOf(f, spec), list);
			assertEquals(list.length * w, listed.length);
			for (int i = 0; i < list.length; i++) {
				for (int x = 0; x < w; x++) {
					assertEquals(ref[list[i] * w + x], listed[i * w + x], tol, h + "x" + w + " row " + list[i]);
				}
			}
		}
	}

	/** The columns v &le; w/2 of a full spectrum. */
	static float[] halfOf(Fft2 f, float[] spec) {
		int h = f.height();
		int w = f.width();
		int hwid = f.halfWidth();
		float[] half = new float[2 * h * hwid];
		for (int u = 0; u < h; u++) {
			System.arraycopy(spec, 2 * u * w, half, 2 * u * hwid, 2 * hwid);
		}
		return half;
	}

	@Test
	void inverseHalfRowsRejectsBadArguments() {
		Fft2 f = Fft2.of(8, 6);
		float[] half = new float[2 * 8 * f.halfWidth()];
		assertThrows(IllegalArgumentException.class, () -> f.inverseHalfRowsInPlace(half, new int[] { 8 }));
		assertThrows(IllegalArgumentException.class, () -> f.inverseHalfRowsInPlace(half, new int[] { -1 }));
		assertThrows(IllegalArgumentException.class, () -> f.inverseHalfRowsInPlace(new float[10], new int[] { 0 }));
	}

	@Test
	void otfMatchesTheFullTransformOfThePaddedKernel() {
		SplittableRandom r = new SplittableRandom(14);
		for (int[] hw : new int[][] { { 37, 31 }, { 31, 37 }, { 36, 30 }, { 256, 256 }, { 5, 4 } }) {
			Fft2 f = Fft2.of(hw[0], hw[1]);
			for (int[] k : new int[][] { { 9, 9 }, { 4, 7 }, { 33, 33 }, { 1, 1 } }) {
				float[] kernel = random(k[0] * k[1], r);
				float[] ref = jtransformsFull(Fft2.psfToSpatial(kernel, k[0], k[1], hw[0], hw[1]), hw[0], hw[1]);
				float[] otf = f.otf(kernel, k[0], k[1]);
				double tol = 1e-5 * (1 + maxAbs(ref));
				for (int i = 0; i < ref.length; i++) {
					assertEquals(ref[i], otf[i], tol, hw[0] + "x" + hw[1] + " kernel " + k[0] + "x" + k[1] + " at " + i);
				}
			}
		}
	}

	@Test
	void roundTrip() {
		SplittableRandom r = new SplittableRandom(13);
		for (int[] hw : SIZES) {
			Fft2 f = Fft2.of(hw[0], hw[1]);
			float[] x = random(hw[0] * hw[1], r);
			float[] back = f.inverseHalfInPlace(f.forwardHalf(x), 0, hw[0]);
			double tol = 1e-5 * (1 + maxAbs(x));
			for (int i = 0; i < x.length; i++) {
				assertEquals(x[i], back[i], tol, hw[0] + "x" + hw[1] + " at " + i);
			}
		}
	}

	@Test
	void rejectsBadArguments() {
		Fft2 f = Fft2.of(8, 6);
		assertThrows(IllegalArgumentException.class, () -> f.inverseHalfInPlace(new float[10], 0, 8));
		assertThrows(IllegalArgumentException.class, () -> f.inverseHalfInPlace(new float[2 * 8 * 4], 3, 9));
		assertThrows(IllegalArgumentException.class, () -> f.inverseHermitian(new float[10]));
		assertThrows(IllegalArgumentException.class, () -> f.forward(new float[48], 1));
		assertThrows(IllegalArgumentException.class, () -> f.forward(new float[48], -1));
	}
}
