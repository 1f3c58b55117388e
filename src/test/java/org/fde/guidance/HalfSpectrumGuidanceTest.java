package org.fde.guidance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.fde.fft.Fft2;
import org.junit.jupiter.api.Test;

/** The guidance vectors, formed on half spectra, against the naive full-spectrum computation, on odd sizes. */
class HalfSpectrumGuidanceTest {

	private static final int[][] SIZES = { { 37, 31 }, { 31, 37 }, { 36, 30 }, { 256, 256 } };

	static float[] random(int n, SplittableRandom r) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++) {
			a[i] = (float) r.nextDouble();
		}
		return a;
	}

	static float[] kernel(int s, SplittableRandom r) {
		float[] k = random(s * s, r);
		double sum = 0;
		for (float v : k) {
			sum += v;
		}
		for (int i = 0; i < k.length; i++) {
			k[i] /= (float) sum;
		}
		return k;
	}

	static void assertClose(float[] ref, float[] got, String what) {
		double max = 0;
		for (float v : ref) {
			max = Math.max(max, Math.abs(v));
		}
		for (int i = 0; i < ref.length; i++) {
			assertEquals(ref[i], got[i], 1e-5 * max, what + " at " + i);
		}
	}

	/** The former implementation: the full spectrum, then the real part of the full complex inverse. */
	static float[] naivePigdm(Fft2 fft, float[] otf, float[] residual, double r2, double sigma) {
		double s2 = sigma > 0 ? sigma * sigma : 1e-16;
		float[] out = new float[otf.length];
		for (int i = 0; i < otf.length; i += 2) {
			double kr = otf[i];
			double ki = otf[i + 1];
			double rr = residual[i];
			double ri = residual[i + 1];
			double q = 1.0 / (r2 * (kr * kr + ki * ki) + s2);
			out[i] = (float) ((kr * rr + ki * ri) * q);
			out[i + 1] = (float) ((kr * ri - ki * rr) * q);
		}
		return fft.inverseRealInPlace(out);
	}

	static float[][] naiveDps(Fft2 fft, float[][] otfs, float[][] residuals) {
		double norm2 = 0;
		for (float[] r : residuals) {
			for (int i = 0; i < r.length; i += 2) {
				norm2 += (double) r[i] * r[i] + (double) r[i + 1] * r[i + 1];
			}
		}
		double norm = Math.sqrt(norm2 / (fft.height() * fft.width()));
		double scale = norm > 0 ? 2.0 / norm : 0.0;
		float[][] out = new float[residuals.length][];
		for (int c = 0; c < residuals.length; c++) {
			float[] k = otfs[c];
			float[] r = residuals[c];
			float[] g = new float[r.length];
			for (int i = 0; i < r.length; i += 2) {
				g[i] = (float) (scale * (k[i] * r[i] + k[i + 1] * r[i + 1]));
				g[i + 1] = (float) (scale * (k[i] * r[i + 1] - k[i + 1] * r[i]));
			}
			out[c] = fft.inverseRealInPlace(g);
		}
		return out;
	}

	@Test
	void pigdmMatchesTheNaiveComputation() {
		SplittableRandom r = new SplittableRandom(21);
		for (int[] hw : SIZES) {
			Fft2 fft = Fft2.of(hw[0], hw[1]);
			int n = hw[0] * hw[1];
			float[] otf = fft.otf(kernel(9, r), 9, 9);
			float[] res = DpsGuidance.residualSpectrum(otf, fft.forward(random(n, r)), fft.forward(random(n, r)));
			for (double[] rs : new double[][] { { 0.3, 0.02 }, { 1e-3, 0 }, { 5, 0.1 } }) {
				assertClose(naivePigdm(fft, otf, res, rs[0], rs[1]), PigdmGuidance.vector(fft, otf, res, rs[0], rs[1]),
						hw[0] + "x" + hw[1] + " r2=" + rs[0]);
			}
		}
	}

	@Test
	void dpsMatchesTheNaiveComputation() {
		SplittableRandom r = new SplittableRandom(22);
		for (int[] hw : SIZES) {
			Fft2 fft = Fft2.of(hw[0], hw[1]);
			int n = hw[0] * hw[1];
			float[][] otfs = { fft.otf(kernel(7, r), 7, 7), fft.otf(kernel(7, r), 7, 7) };
			float[][] res = new float[2][];
			for (int c = 0; c < 2; c++) {
				res[c] = DpsGuidance.residualSpectrum(otfs[c], fft.forward(random(n, r)), fft.forward(random(n, r)));
			}
			float[][] ref = naiveDps(fft, otfs, res);
			float[][] got = DpsGuidance.direction(fft, otfs, res);
			for (int c = 0; c < 2; c++) {
				assertClose(ref[c], got[c], hw[0] + "x" + hw[1] + " plane " + c);
			}
		}
	}
}
