package org.fde.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fde.TestImages;
import org.fde.operator.CircularConvolution;
import org.fde.stack.Hyperstack;
import org.fde.stack.StackDeblur;
import org.fde.stack.InvalidParameterException;
import org.fde.stack.StackRequest;
import org.fde.stack.UserParameter;
import org.fde.stack.StackResult;
import org.junit.jupiter.api.Test;

/**
 * The output choice through the stack API ({@link StackDeblur}): the faithful estimate in the padded, tiled frame,
 * its reblur note, the uncertainty map beside it, and the sample as before. Gaussian image prior on 48&times;48 tiles.
 */
class FaithfulOutputTest {

	private static final int W = TilingTest.W;
	private static final int H = TilingTest.H;
	private static final int KS = TilingTest.KS;

	@Test
	void estimateExplainsTheDataAndKeepsTheUncertaintyMap() {
		float[] k = GaussianPriorTest.gaussianKernel(KS, 1.2, 0.7, 0.4);
		float[] truth = TestImages.shapes(W, H, 3);
		float[] y = TestImages.addNoise(new CircularConvolution(k, KS, KS, H, W).apply(truth), 0.01, 4);
		float[] scaled = new float[y.length];
		for (int i = 0; i < y.length; i++) {
			scaled[i] = 100 + 1000 * y[i]; // its own intensity scale
		}
		Hyperstack hs = new Hyperstack(W, H, 1, 1, 1, new float[][] { scaled });
		EmConfig cfg = TilingTest.config().particles(2).build();
		StackRequest sample = StackRequest.nonBlind(cfg, 0, new float[][] { k }, true).withTileSize(TilingTest.T);
		assertEquals(StackRequest.Output.SAMPLE, sample.output(), "the record's own default keeps the old behaviour");
		StackRequest estimate = sample.withOutput(StackRequest.Output.ESTIMATE);
		StackResult s = StackDeblur.run(hs, sample, TilingTest.tilePrior(), null, null, null);
		StackResult e = StackDeblur.run(hs, estimate, TilingTest.tilePrior(), null, null, null);
		assertTrue(e.notes().stream().anyMatch(n -> n.contains("reblur residual")), e.notes().toString());
		assertFalse(s.notes().stream().anyMatch(n -> n.contains("reblur residual")), s.notes().toString());
		assertNotNull(e.uncertainty(), "the uncertainty map stays available with particles >= 2");
		assertEquals(rms(s.uncertainty().plane(0, 0, 0)), rms(e.uncertainty().plane(0, 0, 0)), 1e-9,
				"the same runs' spread");
		// the analytic prior pins every tile's mean at mid-grey, so the estimate's quality is tested on images drawn
		// from it (FaithfulEstimateTest); here: it explains the data down to about the noise, and is not the sample
		String note = e.notes().stream().filter(n -> n.contains("reblur residual")).findFirst().orElseThrow();
		double ratio = Double.parseDouble(note.replaceAll(".*reblur residual ([0-9.]+) x sigma.*", "$1"));
		assertTrue(ratio > 0.5 && ratio < 3, note);
		assertTrue(error(e.deblurred().plane(0, 0, 0), s.deblurred().plane(0, 0, 0)) > 0,
				"the estimate is not the sample");
	}

	/** Non-blind, no uncertainty map: the estimate needs no diffusion run (no tracked network call at all). */
	@Test
	void knownKernelEstimateSkipsTheDiffusionRun() {
		float[] k = GaussianPriorTest.gaussianKernel(KS, 1.2, 0.7, 0.4);
		float[] y = TestImages.addNoise(new CircularConvolution(k, KS, KS, H, W).apply(TestImages.shapes(W, H, 5)),
				0.01, 6);
		Hyperstack hs = new Hyperstack(W, H, 1, 1, 1, new float[][] { y });
		org.fde.score.GaussianScoreModel prior = TilingTest.tilePrior();
		org.fde.score.ScoreModel untracked = new org.fde.score.ScoreModel() {
			@Override
			public org.fde.score.ModelSpec spec() {
				return prior.spec();
			}

			@Override
			public float[] epsilon(float[] x, org.fde.image.BatchShape shape, double t) {
				return prior.epsilon(x, shape, t);
			}

			@Override
			public TrackedEpsilon epsilonTracked(float[] x, org.fde.image.BatchShape shape, double t) {
				throw new AssertionError("no diffusion run expected");
			}
		};
		StackRequest r = StackRequest.nonBlind(TilingTest.config().particles(1).build(), 0, new float[][] { k },
				false).withTileSize(TilingTest.T).withOutput(StackRequest.Output.ESTIMATE);
		long[] last = { 0 };
		StackResult e = StackDeblur.run(hs, r, untracked, null, (done, total, stage) -> last[0] = done, null);
		assertEquals(StackDeblur.totalSteps(hs, r), last[0], "the steps are counted as done");
		assertTrue(e.notes().stream().anyMatch(n -> n.contains("reblur residual")), e.notes().toString());
		StackResult viaRun = StackDeblur.run(hs, r.withOutput(StackRequest.Output.SAMPLE), prior, null, null, null);
		assertTrue(error(e.deblurred().plane(0, 0, 0), viaRun.deblurred().plane(0, 0, 0)) > 0);
	}

	@Test
	void outputSpellings() {
		assertEquals(StackRequest.Output.ESTIMATE, UserParameter.OUTPUT.check("Estimate", StackRequest.Output.class));
		assertEquals(StackRequest.Output.SAMPLE, UserParameter.OUTPUT.check(" sample ", StackRequest.Output.class));
		InvalidParameterException x = assertThrows(InvalidParameterException.class,
				() -> UserParameter.OUTPUT.check("mean", StackRequest.Output.class));
		assertTrue(x.getMessage().startsWith("output ") && x.getMessage().contains("estimate"), x.getMessage());
		assertTrue(x.named("--output-kind").startsWith("--output-kind must be one of"), x.named("--output-kind"));
	}

	private static double error(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += Math.pow(a[i] - b[i], 2);
		}
		return Math.sqrt(s / a.length);
	}

	private static double rms(float[] a) {
		double s = 0;
		for (float v : a) {
			s += v * v;
		}
		return Math.sqrt(s / a.length);
	}
}
