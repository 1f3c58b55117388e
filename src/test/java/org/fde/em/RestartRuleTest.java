package org.fde.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.fde.image.Image;
import org.fde.kernel.ProjectionPrior;
import org.fde.noise.NoiseSigma;
import org.fde.score.GaussianScoreModel;
import org.fde.stack.Hyperstack;
import org.fde.stack.StackDeblur;
import org.fde.stack.StackRequest;
import org.fde.stack.StackResult;
import org.junit.jupiter.api.Test;

/** Fast EM's restarts after a failed run ({@link RestartRule}), with the analytic Gaussian prior. */
class RestartRuleTest {

	static final int N = GaussianPriorTest.N;

	private static DeblurResult withResidual(double residual, double sigma, int steps) {
		List<StepDiagnostics> d = new ArrayList<>();
		for (int i = steps - 1; i >= 0; i--) {
			d.add(new StepDiagnostics(0, i, i, i == 0 ? residual : 1.0, 0, 0, 0, 0));
		}
		return new DeblurResult(Image.gray(2, 2, new float[4]), null, null, new float[][] { { 1f } }, 1, sigma, d, 0);
	}

	private static DeblurResult withResidual(double residual, double sigma) {
		return withResidual(residual, sigma, RestartRule.MIN_STEPS);
	}

	private static GaussianScoreModel prior() {
		return GaussianScoreModel.powerLaw(N, N, 0, 0.05, 1.5);
	}

	/** A draw of the prior blurred by a 9x9 Gaussian kernel plus noise of this standard deviation. */
	private static Image measurement(GaussianScoreModel prior, double noise, long seed) {
		float[] k = GaussianPriorTest.gaussianKernel(9, 1.5, 1.0, 0.0);
		return Image.gray(N, N, GaussianPriorTest.observe(prior, k, 9, noise, seed)[1]);
	}

	@Test
	void thresholdIsTwiceSigmaWithAFloorOfFiveOver255() {
		assertEquals(5.0 / 255, RestartRule.threshold(0), 1e-12);
		assertEquals(5.0 / 255, RestartRule.threshold(2.0 / 255), 1e-12);
		assertEquals(0.2, RestartRule.threshold(0.1), 1e-12);
		// the measured cases (EmConfig.RESTARTS_DEFAULT): the failed P4 run, a good P1 run, Levin's low-noise pair
		assertTrue(RestartRule.failed(withResidual(0.052, 5.0 / 255)));
		assertFalse(RestartRule.failed(withResidual(0.0272, 5.0 / 255)));
		assertFalse(RestartRule.failed(withResidual(0.0137, 0.74 / 255)));
		assertFalse(RestartRule.failed(new DeblurResult(Image.gray(2, 2, new float[4]), null, null,
				new float[][] { { 1f } }, 1, 0.01, List.of(), 0)), "no diagnostics, no verdict");
		assertEquals("", RestartRule.describe(withResidual(0.052, 5.0 / 255)));
		assertFalse(RestartRule.failed(withResidual(0.052, 5.0 / 255, RestartRule.MIN_STEPS - 1)),
				"shorter runs are not judged");
	}

	@Test
	void restartSeedsDifferFromTheSeedsOfNeighbouringPlanes() {
		for (long seed : new long[] { 0, 1, -7, Long.MAX_VALUE }) {
			for (int a = 1; a <= EmConfig.RESTARTS_MAX; a++) {
				long s = RestartRule.seed(seed, a);
				assertTrue(Math.abs(s - seed) > 1_000_000 || Math.abs(seed - s) > 1_000_000,
						"restart " + a + " of seed " + seed + " gave " + s);
				assertNotEquals(RestartRule.seed(seed, a - 1), s);
			}
		}
		assertEquals(5, RestartRule.seed(5, 0));
	}

	@Test
	void restartsAreValidated() {
		assertThrows(IllegalArgumentException.class, () -> EmConfig.builder().restarts(-1).build());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> EmConfig.builder().restarts(EmConfig.RESTARTS_MAX + 1).build());
		assertTrue(e.getMessage().contains("restarts must be in [0, " + EmConfig.RESTARTS_MAX + "]"), e.getMessage());
		assertEquals(EmConfig.RESTARTS_DEFAULT, EmConfig.builder().build().restarts());
	}

	/**
	 * A measurement whose noise is far above the level the solver is told cannot be explained down to that level:
	 * every run fails, so Fast EM makes all its restarts and keeps the run with the lowest residual.
	 */
	@Test
	void aRunThatCannotExplainTheMeasurementIsRestartedUpToTheLimit() {
		GaussianScoreModel prior = prior();
		Image y = measurement(prior, 0.15, 3);
		EmConfig once = EmConfig.builder().kernelSize(9).steps(50).sigma(NoiseSigma.given(0.004)).seed(5).restarts(0).build();
		List<Integer> dones = new ArrayList<>();
		DeblurResult r0 = new FastEm(prior, new ProjectionPrior(), once).run(y, (d, t, s) -> dones.add(d), null);
		assertTrue(RestartRule.failed(r0), "residual " + r0.finalResidual());
		assertEquals(0, r0.restarts());
		assertEquals(50, dones.size());

		dones.clear();
		EmConfig twice = once.toBuilder().restarts(2).build();
		DeblurResult r2 = new FastEm(prior, new ProjectionPrior(), twice).run(y, (d, t, s) -> dones.add(d), null);
		assertEquals(2, r2.restarts());
		assertEquals(150, dones.size(), "three runs of 50 steps");
		assertEquals(1, (int) dones.get(50), "a restart reports its steps from 1 again");
		assertEquals(r0.finalResidual(), r2.firstResidual(), 0, "the first run is the run without restarts");
		double[] residuals = new double[3];
		residuals[0] = r0.finalResidual();
		for (int a = 1; a <= 2; a++) {
			EmConfig alone = once.toBuilder().seed(RestartRule.seed(5, a)).build();
			residuals[a] = new FastEm(prior, new ProjectionPrior(), alone).run(y, null, null).finalResidual();
		}
		double lowest = Math.min(residuals[0], Math.min(residuals[1], residuals[2]));
		assertEquals(lowest, r2.finalResidual(), 0, "the kept run is the one with the lowest residual");
		assertTrue(r2.elapsedSeconds() >= r0.elapsedSeconds() * 0.5, "the time counts all runs");
		String line = RestartRule.describe(r2);
		assertTrue(line.startsWith("Fast EM restarted 2 times"), line);
	}

	/** Through the stack API, a restarted plane is named in the notes that the commands write to the Log. */
	@Test
	void theStackNotesNameTheRestartedPlane() {
		float[] p = TilingTest.blurred(4).plane(0);
		SplittableRandom rng = new SplittableRandom(1);
		float[] noisy = new float[p.length];
		for (int i = 0; i < p.length; i++) {
			noisy[i] = 1000 * (p[i] + (float) (0.2 * rng.nextGaussian()));
		}
		Hyperstack hs = new Hyperstack(TilingTest.W, TilingTest.H, 1, 1, 1, new float[][] { noisy });
		EmConfig cfg = TilingTest.config().particles(1).steps(RestartRule.MIN_STEPS).restarts(1).build();
		// told a noise of 1 in image units, about 1/1000 of the range: no run can explain the measurement that well
		StackRequest req = StackRequest.blind(StackRequest.Method.FAST_EM, cfg, 1.0, false, false, 0, 0, false)
				.withTileSize(TilingTest.T);
		List<long[]> progress = new ArrayList<>();
		List<String> stages = new ArrayList<>();
		StackResult r = StackDeblur.run(hs, req, TilingTest.tilePrior(), new ProjectionPrior(), (done, total, stage) -> {
			progress.add(new long[] { done, total });
			stages.add(stage);
		}, null);
		assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("slice 1/1, frame 1/1") && n.contains(
				"Fast EM restarted 1 time: ")), r.notes().toString());
		// the progress goes on counting through the restart (no jump back) and says that it is one
		int n = RestartRule.MIN_STEPS;
		assertEquals(2 * n, progress.size());
		for (int i = 0; i < progress.size(); i++) {
			assertEquals(i + 1, progress.get(i)[0], "step " + i);
			assertEquals(i < n ? n : 2 * n, progress.get(i)[1], "the total grows by the restart's steps");
		}
		assertFalse(stages.get(n - 1).contains("restart"), stages.get(n - 1));
		assertTrue(stages.get(n).contains("restart 1 of at most 1"), stages.get(n));
	}

	/** A run that explains the measurement is returned as it is: the default costs nothing on it. */
	@Test
	void aSuccessfulRunIsNotRestarted() {
		GaussianScoreModel prior = prior();
		Image y = measurement(prior, 0.02, 8);
		EmConfig cfg = EmConfig.builder().kernelSize(9).steps(50).sigma(NoiseSigma.given(0.02)).seed(99).build();
		DeblurResult r = new FastEm(prior, new ProjectionPrior(), cfg).run(y, null, null);
		DeblurResult plain = new FastEm(prior, new ProjectionPrior(), cfg.toBuilder().restarts(0).build()).run(y, null,
				null);
		assertFalse(RestartRule.failed(r), "residual " + r.finalResidual());
		assertEquals(0, r.restarts());
		assertArrayEquals(plain.image().plane(0), r.image().plane(0));
		assertTrue(Double.isNaN(r.firstResidual()));
	}
}
