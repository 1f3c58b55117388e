package org.fde.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fde.image.Image;
import org.fde.kernel.Kernels;
import org.fde.kernel.ProjectionPrior;
import org.fde.noise.NoiseSigma;
import org.fde.score.GaussianScoreModel;
import org.junit.jupiter.api.Test;

/** The hybrid pipeline's rule on a Gaussian image prior (no networks). */
class HybridEmTest {

	static final int N = 64;

	private static GaussianScoreModel prior() {
		return GaussianScoreModel.powerLaw(N, N, 0, 0.05, 1.5);
	}

	private static Image measurement(GaussianScoreModel prior, double noise, long seed) {
		float[] k = GaussianPriorTest.gaussianKernel(9, 1.5, 1.0, 0.0);
		return Image.gray(N, N, GaussianPriorTest.observe(prior, k, 9, noise, seed)[1]);
	}

	@Test
	void plainFastEmAloneFromTheFallbackNoiseLevel() {
		GaussianScoreModel prior = prior();
		Image y = measurement(prior, 0.02, 3);
		EmConfig cfg = EmConfig.builder().kernelSize(9).steps(12).sigma(NoiseSigma.given(0.02)).seed(1).restarts(0).build();
		HybridEm.Outcome o = new HybridEm(prior, new ProjectionPrior(), cfg, 500, 0.02).runDetailed(y, null, null, null);
		assertTrue(o.plainRan());
		assertFalse(o.seededKept());
		DeblurResult plain = new FastEm(prior, new ProjectionPrior(), cfg).run(y, null, null);
		float[] k = o.result().kernel();
		for (int i = 0; i < k.length; i++) {
			assertEquals(plain.kernel()[i], k[i], 0f, "the same run as plain Fast EM");
		}
		assertEquals(1.0, Kernels.sum(k), 1e-5);
	}

	@Test
	void aFailedSeededRunYieldsToTheLowerResidual() {
		assertTrue(HybridEm.keepsSeeded(withResidual(0.03), false, withResidual(0.04), false));
		assertFalse(HybridEm.keepsSeeded(withResidual(0.05), false, withResidual(0.04), false));
		assertTrue(HybridEm.keepsSeeded(withResidual(0.04), false, withResidual(0.04), false), "the seeded run on a tie");
		assertFalse(HybridEm.keepsSeeded(withResidual(0.05), true, withResidual(0.04), true), "both diverged");
	}

	@Test
	void aDivergedRunLosesWhateverItsResidual() {
		// a wrong classical kernel that the image absorbed: it explains y better, but its output is past the clip
		assertFalse(HybridEm.keepsSeeded(withResidual(0.01), true, withResidual(0.04), false));
		assertTrue(HybridEm.keepsSeeded(withResidual(0.04), false, withResidual(0.01), true));
	}

	private static DeblurResult withResidual(double residual) {
		java.util.List<StepDiagnostics> d = java.util.List.of(new StepDiagnostics(0, 0, 0, residual, 0, 0, 0, 0));
		return new DeblurResult(Image.gray(2, 2, new float[4]), null, null, new float[][] { { 1f } }, 1, 0.01, d, 0);
	}

	@Test
	void seededAloneBelowTheFallbackNoiseAndKernelHeldToTheEnd() {
		GaussianScoreModel prior = prior();
		Image y = measurement(prior, 0.002, 4);
		EmConfig cfg = EmConfig.builder().kernelSize(9).steps(10).sigma(NoiseSigma.given(0.002)).seed(1).restarts(0).build();
		// hold 0: the classical kernel is held at every step, so it is the result's kernel
		HybridEm.Outcome o = new HybridEm(prior, new ProjectionPrior(), cfg, 0, 1.0).runDetailed(y, null, null,
				null);
		assertFalse(o.plainRan());
		assertTrue(o.seededKept());
		float[] k = o.result().kernel();
		for (int i = 0; i < k.length; i++) {
			assertEquals(o.classicalKernel()[i], k[i], 1e-6);
		}
	}

	@Test
	void rejectsBadSettings() {
		EmConfig cfg = EmConfig.builder().kernelSize(9).build();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HybridEm(prior(),
				new ProjectionPrior(), cfg, 2000, 0));
		assertTrue(e.getMessage().contains("holdTimestep"));
		e = assertThrows(IllegalArgumentException.class, () -> new HybridEm(prior(), new ProjectionPrior(), cfg, 500,
				-1));
		assertTrue(e.getMessage().contains("fallbackSigma"));
	}
}
