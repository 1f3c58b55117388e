package org.fde.kernel;

import java.util.Arrays;

import org.fde.fft.Fft2;

/**
 * The M-step's data from salient edges, as classical blind deblurring estimates its kernel: instead of the pair
 * (y, x&#770;0) the data term gets the two derivative pairs (&part;<sub>d</sub>y, m&middot;&part;<sub>d</sub>x&#770;0),
 * d = along a row and down a column, with circular forward differences and m the mask of x&#770;0's strongest
 * gradient magnitudes: the pixels at or above the &lfloor;(1 &minus; fraction)&middot;N&rfloor;-th smallest of
 * the N magnitudes &radic;(&part;<sub>1</sub>x&sup2; + &part;<sub>2</sub>x&sup2;). Both spectra of both pairs are
 * multiplied by one factor g that gives the masked derivatives of x&#770;0 the energy of x&#770;0's own spectrum
 * without its DC term, so that the data term keeps its weight against the M-step's &alpha; and prior. With the
 * weak gradients of a smooth x&#770;0 left out, they cannot explain the blur in y, which then has to go into the
 * kernel. {@code EmConfig.edgeFraction} turns it on for Fast EM's late steps.
 */
public final class EdgeSelection {

	private EdgeSelection() {
	}

	/**
	 * Adds the derivative pairs of (y, x) to {@code data}, channel c (two planes).
	 *
	 * @param ySpectrum the measurement's DFT (interleaved complex, fft's size)
	 * @param xSpectrum the sharp estimate's DFT
	 * @param fraction  the share of pixels whose derivatives of x are kept, in (0, 1]
	 */
	public static void addPairs(HqsKernelEstimator.DataTerm data, int c, Fft2 fft, float[] ySpectrum,
			float[] xSpectrum, double fraction) {
		float[][] p = derivativePairs(fft, ySpectrum, xSpectrum, fraction);
		data.add(c, p[0], p[1]);
		data.add(c, p[2], p[3]);
	}

	/**
	 * The derivative pairs' spectra {g F(&part;<sub>1</sub>y), g F(m&part;<sub>1</sub>x), g F(&part;<sub>2</sub>y),
	 * g F(m&part;<sub>2</sub>x)} (see the class comment; g = 1 when x has no kept gradient). Neither argument is
	 * modified.
	 */
	public static float[][] derivativePairs(Fft2 fft, float[] ySpectrum, float[] xSpectrum, double fraction) {
		if (!(fraction > 0 && fraction <= 1)) {
			throw new IllegalArgumentException("edge fraction must be in (0, 1], got " + fraction);
		}
		int h = fft.height();
		int w = fft.width();
		int n = h * w;
		if (ySpectrum.length != 2 * n || xSpectrum.length != 2 * n) {
			throw new IllegalArgumentException("spectra must have " + 2 * n + " values");
		}
		float[] x = fft.inverseReal(xSpectrum);
		float[] y = fft.inverseReal(ySpectrum);
		float[] x1 = new float[n];
		float[] x2 = new float[n];
		float[] y1 = new float[n];
		float[] y2 = new float[n];
		float[] magnitude2 = new float[n];
		for (int i = 0; i < h; i++) {
			for (int j = 0; j < w; j++) {
				int o = i * w + j;
				int right = i * w + (j + 1) % w;
				int down = ((i + 1) % h) * w + j;
				x1[o] = x[right] - x[o];
				x2[o] = x[down] - x[o];
				y1[o] = y[right] - y[o];
				y2[o] = y[down] - y[o];
				magnitude2[o] = x1[o] * x1[o] + x2[o] * x2[o];
			}
		}
		float[] sorted = magnitude2.clone();
		Arrays.sort(sorted);
		float floor = sorted[Math.min(n - 1, (int) Math.floor((1 - fraction) * n))];
		for (int o = 0; o < n; o++) {
			if (magnitude2[o] < floor) {
				x1[o] = 0;
				x2[o] = 0;
			}
		}
		float[][] out = { fft.forward(y1), fft.forward(x1), fft.forward(y2), fft.forward(x2) };
		double xEnergy = 0; // x's spectrum without DC
		for (int f = 2; f < 2 * n; f++) {
			xEnergy += xSpectrum[f] * (double) xSpectrum[f];
		}
		double kept = energy(out[1]) + energy(out[3]);
		float g = kept > 0 ? (float) Math.sqrt(xEnergy / kept) : 1f;
		for (float[] s : out) {
			for (int i = 0; i < s.length; i++) {
				s[i] *= g;
			}
		}
		return out;
	}

	private static double energy(float[] spectrum) {
		double e = 0;
		for (float v : spectrum) {
			e += v * (double) v;
		}
		return e;
	}
}
