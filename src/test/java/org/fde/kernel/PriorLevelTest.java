package org.fde.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.fde.TestImages;
import org.fde.fft.Fft2;
import org.fde.image.BatchShape;
import org.fde.operator.CircularConvolution;
import org.fde.score.KernelPrior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The level the M-step tells its prior ({@link PriorLevel}): the paper's sqrt(&lambda;/&beta;) by default, and the
 * data step's noise level ({@link HqsKernelEstimator#dataNoiseStd}), checked against a Monte-Carlo estimate.
 */
class PriorLevelTest {

	static final int N = 48;
	static final int S = 9;

	/** Records the levels it is called with; the identity otherwise. */
	static final class Recording implements KernelPrior {
		final List<Double> levels = new ArrayList<>();

		@Override
		public String name() {
			return "recording";
		}

		@Override
		public float[] denoise(float[] kernel, int size, double level, double lambda, double beta) {
			levels.add(level);
			return kernel.clone();
		}
	}

	static float[] gaussian(int n, double sigma, Random r) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++) {
			a[i] = (float) (sigma * r.nextGaussian());
		}
		return a;
	}

	/**
	 * The data step's response to pure noise (y = w, prox centre 0) has the predicted variance per value, for
	 * several channels (averaged) and several identical particles.
	 */
	@ParameterizedTest
	@CsvSource({ "1,1", "2,1", "1,3" })
	void dataNoiseStdMatchesMonteCarlo(int channels, int particles) {
		double sigma = 10 / 255.0;
		MStepConfig cfg = new MStepConfig(S, 1.0, 1e5, 10, PriorLevel.DATA_NOISE);
		HqsKernelEstimator est = new HqsKernelEstimator(cfg, new Recording());
		Fft2 f = Fft2.of(N, N);
		float[][] xs = new float[channels][];
		for (int c = 0; c < channels; c++) {
			xs[c] = f.forward(TestImages.shapes(N, N, 7 + c));
		}
		double alpha = sigma * sigma * cfg.beta() * particles;
		Random r = new Random(11);
		int trials = 300;
		double sumSq = 0;
		double predicted = Double.NaN;
		for (int t = 0; t < trials; t++) {
			HqsKernelEstimator.DataTerm data = new HqsKernelEstimator.DataTerm(channels, N, N);
			for (int c = 0; c < channels; c++) {
				float[] y = f.forward(gaussian(N * N, sigma, r));
				for (int i = 0; i < particles; i++) {
					data.add(c, y, xs[c]);
				}
			}
			float[] k = HqsKernelEstimator.referenceDataStep(data, alpha, channels, null, S,
					new float[S * S]);
			for (float v : k) {
				sumSq += (double) v * v;
			}
			predicted = est.dataNoiseStd(data, sigma, particles, null);
		}
		double empirical = Math.sqrt(sumSq / (trials * S * S));
		assertEquals(1.0, empirical / predicted, 0.05, "empirical " + empirical + ", predicted " + predicted);
	}

	/** s &le; 1/(2 sqrt(&beta;C)) whatever &sigma;, and it vanishes with &sigma; (where the paper's level does not). */
	@Test
	void dataNoiseStdIsBoundedAndVanishesWithoutNoise() {
		Fft2 f = Fft2.of(N, N);
		for (int channels : new int[] { 1, 3 }) {
			HqsKernelEstimator.DataTerm data = new HqsKernelEstimator.DataTerm(channels, N, N);
			for (int c = 0; c < channels; c++) {
				float[] x = f.forward(TestImages.shapes(N, N, c + 1));
				data.add(c, x, x);
			}
			for (double beta : new double[] { 1e3, 1e5 }) {
				HqsKernelEstimator est = new HqsKernelEstimator(
						new MStepConfig(S, 1.0, beta, 10, PriorLevel.DATA_NOISE), new Recording());
				double bound = 0.5 / Math.sqrt(beta * channels);
				for (double s255 : new double[] { 0.5, 5, 20, 80 }) {
					double s = est.dataNoiseStd(data, s255 / 255, 1, null);
					assertTrue(s > 0 && s <= bound * (1 + 1e-9), "C " + channels + " beta " + beta + " sigma " + s255
							+ ": " + s + " > " + bound);
				}
				double s0 = est.dataNoiseStd(data, 0, 1, null);
				double s5 = est.dataNoiseStd(data, 5 / 255.0, 1, null);
				double tiny = est.dataNoiseStd(data, 1e-7, 1, null);
				assertTrue(s0 < 0.5 * s5 && tiny < 0.01 * bound, "C " + channels + " beta " + beta + ": sigma 0 -> " + s0
						+ ", 1e-7 -> " + tiny + ", 5/255 -> " + s5);
			}
		}
	}

	/** The estimator tells the prior sqrt(&lambda;/&beta;) by default and sqrt(&lambda;)&middot;s in DATA_NOISE mode. */
	@Test
	void theEstimatorPassesTheConfiguredLevel() {
		float[] x = TestImages.shapes(N, N, 3);
		float[] k = TestImages.curvedKernel(S, 2);
		double sigma = 5 / 255.0;
		float[] y = TestImages.addNoise(new CircularConvolution(k, S, S, N, N).apply(x), sigma, 4);
		Fft2 f = Fft2.of(N, N);
		float[][] ys = { f.forward(y) };
		float[][] xs = { f.forward(x) };
		double lambda = 4;
		double beta = 1e4;
		Recording paper = new Recording();
		MStepConfig six = new MStepConfig(S, lambda, beta, 7);
		assertEquals(PriorLevel.LAMBDA_OVER_BETA, six.levelMode());
		new HqsKernelEstimator(six, paper).estimate(ys, xs, new BatchShape(1, 1, N, N), sigma, Kernels.delta(S),
				null);
		assertEquals(7, paper.levels.size());
		for (double l : paper.levels) {
			assertEquals(Math.sqrt(lambda / beta), l, 1e-15);
		}

		Recording data = new Recording();
		HqsKernelEstimator est = new HqsKernelEstimator(
				new MStepConfig(S, lambda, beta, 7, PriorLevel.DATA_NOISE), data);
		est.estimate(ys, xs, new BatchShape(1, 1, N, N), sigma, Kernels.delta(S), null);
		HqsKernelEstimator.DataTerm term = new HqsKernelEstimator.DataTerm(1, N, N);
		term.add(0, ys[0], xs[0]);
		double s = est.dataNoiseStd(term, sigma, 1, null);
		assertEquals(7, data.levels.size());
		for (double l : data.levels) {
			assertEquals(Math.sqrt(lambda) * s, l, 1e-12 * s);
		}
		assertFalse(Math.abs(data.levels.get(0) - paper.levels.get(0)) < 0.01 * paper.levels.get(0),
				"the two modes should tell different levels here");
	}

	@Test
	void theModeIsRequired() {
		assertThrows(IllegalArgumentException.class, () -> new MStepConfig(S, 1, 1e5, 10, null));
		assertEquals(MStepConfig.defaults(33).priorLevel(), MStepConfig.defaults(33).priorLevel(1e-3));
		MStepConfig d = new MStepConfig(33, 4, 1e5, 10, PriorLevel.DATA_NOISE);
		assertEquals(2e-3, d.priorLevel(1e-3), 1e-15);
	}
}
