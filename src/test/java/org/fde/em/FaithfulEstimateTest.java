package org.fde.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.fde.fft.Fft2;
import org.fde.image.BatchShape;
import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.schedule.NoiseSchedule;
import org.fde.score.EpsilonParameterisation;
import org.fde.score.GaussianScoreModel;
import org.fde.score.ModelSpec;
import org.fde.score.ScoreModel;
import org.junit.jupiter.api.Test;

/**
 * The faithful estimate (PnP-HQS) on the analytic Gaussian prior, whose one-step x&#770;0 is the exact MMSE denoiser:
 * then the splitting with &lambda; = 1 and a noise schedule that ends far below &sigma; converges to the MAP image,
 * which for a Gaussian prior is the Wiener filter (periodic) or the solution of a linear system (missing borders).
 */
class FaithfulEstimateTest {

	private static final double SIGMA = 0.05;
	/**
	 * The MAP limit: &lambda; = 1, a schedule ending 8&times; below &sigma; (not lower: the prior step cannot denoise
	 * below the schedule's first timestep, about 1.3/255), exact data steps.
	 */
	private static final FaithfulEstimate.Settings MAP_LIMIT = new FaithfulEstimate.Settings(200, 0.3, SIGMA / 8,
			1.0, 500, 1e-9);

	@Test
	void periodicEstimateBeatsTheBlurredInputAndReachesTheWienerSolution() {
		int h = 48;
		int w = 40;
		GaussianScoreModel prior = GaussianScoreModel.powerLaw(h, w, 0, 0.04, 2.5);
		float[] truth = toUnit(prior.sample(new SplittableRandom(1)));
		float[] k = gaussian(7, 1.5);
		float[] y = noisy(Fft2.of(h, w), truth, k, 7, SIGMA, 2);
		Image yi = Image.gray(w, h, y);
		FaithfulEstimate.Result r = new FaithfulEstimate(prior).run(yi, null, new float[][] { k }, 7, SIGMA, null);
		assertTrue(rmse(r.image().plane(0), truth) < 0.9 * rmse(y, truth), "estimate " + rmse(r.image().plane(0), truth) + " vs blurred " + rmse(y, truth)
				+ " wiener " + rmse(wiener(Fft2.of(h, w), prior.spectrum().values(), y, k, 7, SIGMA), truth));
		float[] map = new FaithfulEstimate(prior, MAP_LIMIT, 0, 0, 1).run(yi, null, new float[][] { k }, 7, SIGMA, null)
				.image().plane(0);
		float[] wiener = wiener(Fft2.of(h, w), prior.spectrum().values(), y, k, 7, SIGMA);
		assertTrue(rmse(map, wiener) < 0.05 * rmse(wiener, truth), "HQS's MAP limit " + rmse(map, wiener)
				+ " from Wiener, whose error is " + rmse(wiener, truth));
		// the reblur residual of the MAP image is of the order of sigma
		assertTrue(r.residualRatio() > 0.3 && r.residualRatio() < 2, "residual ratio " + r.residualRatio());
	}

	@Test
	void missingBordersGiveTheMaskedMapSolution() {
		int n = 24;
		int ks = 5;
		GaussianScoreModel prior = GaussianScoreModel.powerLaw(n, n, 0, 0.04, 2.5);
		float[] truth = toUnit(prior.sample(new SplittableRandom(3)));
		float[] k = asymmetric(ks);
		Fft2 fft = Fft2.of(n, n);
		float[] y = noisy(fft, truth, k, ks, SIGMA, 4);
		PadFrame frame = new PadFrame(n - 6, n - 6, 3, 3, n, n);
		float[] mask = DataStep.maskOf(frame, n, n);
		for (int i = 0; i < y.length; i++) {
			if (mask[i] == 0) {
				y[i] = 0.9f; // the padding is not data: anything may be there
			}
		}
		Image yi = Image.gray(n, n, y);
		float[] est = new FaithfulEstimate(prior, MAP_LIMIT, 0, 0, 1).run(yi, frame, new float[][] { k }, ks, SIGMA,
				null).image().plane(0);
		double[] map = maskedMap(fft, prior.spectrum().values(), y, mask, k, ks, SIGMA);
		double d = 0;
		double e = 0;
		for (int i = 0; i < est.length; i++) {
			d += Math.pow(est[i] - map[i], 2);
			e += Math.pow(truth[i] - map[i], 2);
		}
		assertTrue(Math.sqrt(d) < 0.05 * Math.sqrt(e), "masked HQS " + Math.sqrt(d / est.length) + " from the MAP, whose error is " + Math.sqrt(e / est.length) + " vs y " + rmseIn(y, truth, mask));
		// treating the padding as data is worse in the measured window
		float[] naive = new FaithfulEstimate(prior).run(yi, null, new float[][] { k }, ks, SIGMA, null).image()
				.plane(0);
		float[] masked = new FaithfulEstimate(prior).run(yi, frame, new float[][] { k }, ks, SIGMA, null).image()
				.plane(0);
		assertTrue(rmseIn(masked, truth, mask) < rmseIn(naive, truth, mask));
		assertTrue(rmseIn(masked, truth, mask) < rmseIn(y, truth, mask));
	}

	@Test
	void tilesBlendToTheWholeImageForAPointwiseDenoiserOnOddSizes() {
		int w = 53;
		int h = 37;
		ScoreModel shrink = new Shrink();
		SplittableRandom rng = new SplittableRandom(5);
		float[] truth = new float[w * h];
		for (int i = 0; i < truth.length; i++) {
			truth[i] = (float) rng.nextDouble();
		}
		float[] k = gaussian(5, 1.0);
		float[] y = noisy(Fft2.of(h, w), truth, k, 5, SIGMA, 6);
		PadFrame frame = new PadFrame(w - 4, h - 4, 2, 2, w, h);
		Image yi = Image.gray(w, h, y);
		FaithfulEstimate.Settings s = FaithfulEstimate.Settings.DEFAULT;
		float[] whole = new FaithfulEstimate(shrink, s, 0, 0, 1).run(yi, frame, new float[][] { k }, 5, SIGMA, null)
				.image().plane(0);
		float[] tiled = new FaithfulEstimate(shrink, s, 24, 8, 2).run(yi, frame, new float[][] { k }, 5, SIGMA, null)
				.image().plane(0);
		assertEquals(w * h, tiled.length);
		assertTrue(rmse(whole, tiled) < 1e-5, "tiled vs whole " + rmse(whole, tiled));
	}

	@Test
	void scheduleAndSettingsAreChecked() {
		FaithfulEstimate.Settings s = FaithfulEstimate.Settings.DEFAULT;
		assertEquals(49.0 / 255, s.noise(0, 0.01), 1e-12);
		assertEquals(0.01, s.noise(7, 0.01), 1e-12);
		assertEquals(Math.sqrt(49.0 / 255 * 0.01), Math.sqrt(s.noise(3, 0.01) * s.noise(4, 0.01)), 1e-9);
		assertEquals(FaithfulEstimate.MIN_NOISE, s.noise(7, 0), 1e-12);
		assertEquals(0.3, s.noise(0, 0.3), 1e-12); // noisier than the start: constant
		assertThrows(IllegalArgumentException.class, () -> new FaithfulEstimate.Settings(0, 0.1, Double.NaN, 1, 1, 0));
		assertThrows(IllegalArgumentException.class, () -> new FaithfulEstimate.Settings(8, 0.1, Double.NaN, 0, 1, 0));
		GaussianScoreModel prior = GaussianScoreModel.powerLaw(16, 16, 0, 0.04, 1.5);
		Image y = Image.zeros(16, 16, 1);
		assertThrows(IllegalArgumentException.class,
				() -> new FaithfulEstimate(prior).run(y, null, new float[][] { gaussian(3, 1) }, 3, -1, null));
	}

	/** A pointwise denoiser (x&#770;0 = x/(1 + s&sup2;) on the signed range): invariant to tiling. */
	private static final class Shrink implements ScoreModel {
		private final ModelSpec spec = ModelSpec.linear1000("shrink", 1, 1);
		private final NoiseSchedule schedule = NoiseSchedule.linear(1000, spec.betaStart(), spec.betaEnd());

		@Override
		public ModelSpec spec() {
			return spec;
		}

		@Override
		public float[] epsilon(float[] x, BatchShape shape, double t) {
			double ab = schedule.alphaBarAt(t);
			float[] x0 = new float[x.length];
			double s2 = (1 - ab) / ab;
			for (int i = 0; i < x.length; i++) {
				x0[i] = (float) (x[i] / Math.sqrt(ab) / (1 + s2));
			}
			return EpsilonParameterisation.epsFromX0(x, x0, ab);
		}

		@Override
		public TrackedEpsilon epsilonTracked(float[] x, BatchShape shape, double t) {
			throw new UnsupportedOperationException();
		}
	}

	// -- helpers --

	static float[] toUnit(float[] signed) {
		float[] out = new float[signed.length];
		for (int i = 0; i < out.length; i++) {
			out[i] = (signed[i] + 1f) / 2f;
		}
		return out;
	}

	static float[] gaussian(int size, double s) {
		float[] k = new float[size * size];
		double sum = 0;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double d2 = Math.pow(x - size / 2, 2) + Math.pow(y - size / 2, 2);
				k[y * size + x] = (float) Math.exp(-d2 / (2 * s * s));
				sum += k[y * size + x];
			}
		}
		for (int i = 0; i < k.length; i++) {
			k[i] /= (float) sum;
		}
		return k;
	}

	/** A kernel without symmetry (an L-shaped smear), sum 1. */
	static float[] asymmetric(int size) {
		float[] k = new float[size * size];
		for (int x = 0; x < size; x++) {
			k[(size / 2) * size + x] = 1f / (2 * size - 1);
		}
		for (int y = 0; y < size / 2; y++) {
			k[y * size] = 1f / (2 * size - 1);
		}
		for (int y = size / 2 + 1; y < size; y++) {
			k[y * size] = 1f / (2 * size - 1);
		}
		return k;
	}

	/** k &#8859; x (periodic) + N(0, &sigma;&sup2;). */
	static float[] noisy(Fft2 fft, float[] x, float[] k, int ks, double sigma, long seed) {
		float[] s = fft.forward(x);
		float[] o = fft.otf(k, ks, ks);
		for (int i = 0; i < s.length / 2; i++) {
			float re = s[2 * i] * o[2 * i] - s[2 * i + 1] * o[2 * i + 1];
			float im = s[2 * i] * o[2 * i + 1] + s[2 * i + 1] * o[2 * i];
			s[2 * i] = re;
			s[2 * i + 1] = im;
		}
		float[] y = fft.inverseRealInPlace(s);
		SplittableRandom rng = new SplittableRandom(seed);
		for (int i = 0; i < y.length; i++) {
			y[i] += (float) (sigma * rng.nextGaussian());
		}
		return y;
	}

	/**
	 * The MAP (= posterior mean) for the prior x ~ N(1/2, C/4) (C: the signed range's covariance) and periodic blur:
	 * X = m + conj(K)(Y &minus; m&middot;K(0)...) / (|K|&sup2; + 4&sigma;&sup2;/&lambda;), in Fourier.
	 */
	static float[] wiener(Fft2 fft, double[] lambda, float[] y, float[] k, int ks, double sigma) {
		float[] centred = new float[y.length];
		for (int i = 0; i < y.length; i++) {
			centred[i] = y[i] - 0.5f; // K sums to 1: K m = m
		}
		float[] s = fft.forward(centred);
		float[] o = fft.otf(k, ks, ks);
		for (int i = 0; i < s.length / 2; i++) {
			double kr = o[2 * i];
			double ki = o[2 * i + 1];
			double d = kr * kr + ki * ki + 4 * sigma * sigma / lambda[i];
			double re = (kr * s[2 * i] + ki * s[2 * i + 1]) / d;
			double im = (kr * s[2 * i + 1] - ki * s[2 * i]) / d;
			s[2 * i] = (float) re;
			s[2 * i + 1] = (float) im;
		}
		float[] x = fft.inverseRealInPlace(s);
		for (int i = 0; i < x.length; i++) {
			x[i] += 0.5f;
		}
		return x;
	}

	/**
	 * The masked MAP: (K<sup>T</sup>MK/&sigma;&sup2; + 4 C&#8315;&sup1;) (x &minus; m) = K<sup>T</sup>M(y &minus; m)/&sigma;&sup2;,
	 * by conjugate gradients in double precision to a relative residual of 1e-12 (with the DC mode, whose prior
	 * variance is 0, fixed at m).
	 */
	static double[] maskedMap(Fft2 fft, double[] lambda, float[] y, float[] mask, float[] k, int ks, double sigma) {
		int n = y.length;
		float[] o = fft.otf(k, ks, ks);
		double[] b = new double[n];
		double[] my = new double[n];
		for (int i = 0; i < n; i++) {
			my[i] = mask[i] * (y[i] - 0.5);
		}
		double[] kt = conv(fft, o, my, true);
		for (int i = 0; i < n; i++) {
			b[i] = kt[i] / (sigma * sigma);
		}
		b = project(fft, b);
		double[] x = new double[n];
		double[] r = b.clone();
		double[] p = r.clone();
		double rr = dot(r, r);
		double b2 = rr;
		for (int it = 0; it < 5000 && rr > 1e-24 * b2; it++) {
			double[] ap = applyMap(fft, o, lambda, mask, p, sigma);
			double alpha = rr / dot(p, ap);
			for (int i = 0; i < n; i++) {
				x[i] += alpha * p[i];
				r[i] -= alpha * ap[i];
			}
			double rrNew = dot(r, r);
			for (int i = 0; i < n; i++) {
				p[i] = r[i] + rrNew / rr * p[i];
			}
			rr = rrNew;
		}
		for (int i = 0; i < n; i++) {
			x[i] += 0.5;
		}
		return x;
	}

	private static double[] applyMap(Fft2 fft, float[] o, double[] lambda, float[] mask, double[] v, double sigma) {
		double[] kv = conv(fft, o, v, false);
		for (int i = 0; i < kv.length; i++) {
			kv[i] *= mask[i] / (sigma * sigma);
		}
		double[] out = conv(fft, o, kv, true);
		double[] pv = filter(fft, v, lambda);
		for (int i = 0; i < out.length; i++) {
			out[i] += pv[i];
		}
		return project(fft, out);
	}

	/** 4 C&#8315;&sup1; v, skipping the DC mode. */
	private static double[] filter(Fft2 fft, double[] v, double[] lambda) {
		float[] s = fft.forward(toFloat(v));
		for (int i = 1; i < lambda.length; i++) {
			s[2 * i] *= (float) (4 / lambda[i]);
			s[2 * i + 1] *= (float) (4 / lambda[i]);
		}
		s[0] = 0;
		s[1] = 0;
		return toDouble(fft.inverseRealInPlace(s));
	}

	/** Removes the mean (the DC mode is fixed). */
	private static double[] project(Fft2 fft, double[] v) {
		double m = 0;
		for (double a : v) {
			m += a;
		}
		m /= v.length;
		double[] out = new double[v.length];
		for (int i = 0; i < v.length; i++) {
			out[i] = v[i] - m;
		}
		return out;
	}

	private static double[] conv(Fft2 fft, float[] o, double[] v, boolean adjoint) {
		float[] s = fft.forward(toFloat(v));
		for (int i = 0; i < s.length / 2; i++) {
			double kr = o[2 * i];
			double ki = adjoint ? -o[2 * i + 1] : o[2 * i + 1];
			double re = kr * s[2 * i] - ki * s[2 * i + 1];
			double im = kr * s[2 * i + 1] + ki * s[2 * i];
			s[2 * i] = (float) re;
			s[2 * i + 1] = (float) im;
		}
		return toDouble(fft.inverseRealInPlace(s));
	}

	private static float[] toFloat(double[] a) {
		float[] out = new float[a.length];
		for (int i = 0; i < a.length; i++) {
			out[i] = (float) a[i];
		}
		return out;
	}

	private static double[] toDouble(float[] a) {
		double[] out = new double[a.length];
		for (int i = 0; i < a.length; i++) {
			out[i] = a[i];
		}
		return out;
	}

	private static double dot(double[] a, double[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += a[i] * b[i];
		}
		return s;
	}

	static double rmse(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += Math.pow(a[i] - b[i], 2);
		}
		return Math.sqrt(s / a.length);
	}

	static double rmseIn(float[] a, float[] b, float[] mask) {
		double s = 0;
		int n = 0;
		for (int i = 0; i < a.length; i++) {
			if (mask[i] != 0) {
				s += Math.pow(a[i] - b[i], 2);
				n++;
			}
		}
		return Math.sqrt(s / n);
	}
}
