package org.fde.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.fde.TestImages;
import org.fde.guidance.GuidanceKind;
import org.fde.image.Image;
import org.fde.kernel.Kernels;
import org.fde.kernel.ProjectionPrior;
import org.fde.noise.NoiseSigma;
import org.fde.score.GaussianScoreModel;
import org.junit.jupiter.api.Test;

/** Multi-channel runs, particles, kernel modes, and clear errors for bad input. */
class SolverInputsTest {

	static final int N = 32;
	final GaussianScoreModel prior = GaussianScoreModel.powerLaw(N, N, 0, 0.05, 1.0);

	Image rgb() {
		return new Image(N, N, new float[][] { TestImages.shapes(N, N, 1), TestImages.shapes(N, N, 2),
				TestImages.shapes(N, N, 3) });
	}

	@Test
	void colourImageWithSharedAndPerChannelKernels() {
		EmConfig shared = EmConfig.builder().kernelSize(5).steps(6).particles(3).sigma(NoiseSigma.given(0.02)).build();
		DeblurResult r = new FastEm(prior, new ProjectionPrior(), shared).run(rgb(), null, null);
		assertEquals(3, r.image().channels());
		assertEquals(1, r.kernels().length);
		assertNotNull(r.std(), "n > 1 gives a standard deviation map");
		assertEquals(3, r.std().channels());
		assertEquals(6, r.diagnostics().size());

		EmConfig perChannel = shared.toBuilder().kernelMode(KernelMode.PER_CHANNEL).particles(1)
				.guidance(GuidanceKind.DPS).build();
		DeblurResult p = new FastEm(prior, new ProjectionPrior(), perChannel).run(rgb(), null, null);
		assertEquals(3, p.kernels().length);
		assertNull(p.std());
		for (float[] k : p.kernels()) {
			assertEquals(1.0, Kernels.sum(k), 1e-5);
		}
	}

	/**
	 * The two &Pi;GDM factors: Fast EM's steps (which update the kernel) use blindPigdmScale only, non-blind steps
	 * pigdmScale only.
	 */
	@Test
	void eachStepKindUsesItsOwnPigdmFactor() {
		Image y = Image.gray(N, N, TestImages.shapes(N, N, 4));
		EmConfig base = EmConfig.builder().kernelSize(5).steps(6).sigma(NoiseSigma.given(0.02)).build();
		assertEquals(EmTuning.BLIND_PIGDM_SCALE_DEFAULT, base.tuning().blindPigdmScale());
		assertEquals(EmTuning.PIGDM_SCALE_DEFAULT, base.tuning().pigdmScale());
		float[] fem = fastEm(base, y);
		assertArrayEquals(fem, fastEm(base.toBuilder().tuning(t -> t.withPigdmScale(7)).build(), y), "Fast EM read pigdmScale");
		assertFalse(Arrays.equals(fem, fastEm(base.toBuilder().tuning(t -> t.withBlindPigdmScale(3)).build(), y)),
				"Fast EM ignored blindPigdmScale");
		float[][] k = { TestImages.curvedKernel(5, 2) };
		float[] nb = new NonBlind(prior, base).run(y, k, null, null).image().plane(0);
		assertArrayEquals(nb, new NonBlind(prior, base.toBuilder().tuning(t -> t.withBlindPigdmScale(3)).build()).run(y, k, null, null)
				.image().plane(0), "the non-blind run read blindPigdmScale");
		assertFalse(Arrays.equals(nb, new NonBlind(prior, base.toBuilder().tuning(t -> t.withPigdmScale(3)).build()).run(y, k, null, null)
				.image().plane(0)), "the non-blind run ignored pigdmScale");
		assertMessage(() -> EmConfig.builder().tuning(t -> t.withBlindPigdmScale(0)).build(), "blind PiGDM scale");
	}

	private float[] fastEm(EmConfig c, Image y) {
		return new FastEm(prior, new ProjectionPrior(), c).run(y, null, null).image().plane(0);
	}

	@Test
	void badInputsGiveClearErrors() {
		EmConfig cfg = EmConfig.builder().kernelSize(21).steps(4).sigma(NoiseSigma.given(0.02)).build();
		IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
				() -> new FastEm(prior, new ProjectionPrior(), cfg).run(rgb(), null, null));
		assertTrue(small.getMessage().contains("twice the kernel size"), small.getMessage());

		float[] nan = TestImages.shapes(N, N, 1);
		nan[5] = Float.NaN;
		EmConfig ok = EmConfig.builder().kernelSize(5).steps(4).sigma(NoiseSigma.given(0.02)).build();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new FastEm(prior, new ProjectionPrior(), ok).run(Image.gray(N, N, nan), null, null));
		assertTrue(e.getMessage().contains("NaN"), e.getMessage());

		assertMessage(() -> EmConfig.builder().steps(1).build(), "steps");
		assertMessage(() -> EmConfig.builder().particles(0).build(), "particles");
		assertMessage(() -> NoiseSigma.given(-0.1), "sigma");
		assertMessage(() -> EmConfig.builder().lambda(Double.NaN).build(), "lambda");
		assertMessage(() -> EmConfig.builder().kernelSize(1).build(), "kernel size");
		assertMessage(() -> new NonBlind(prior, ok).run(Image.gray(N, N, TestImages.shapes(N, N, 1)),
				new float[][] { new float[9] }, null, null), "kernel 0");
	}

	static void assertMessage(Runnable r, String word) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
		assertTrue(e.getMessage().contains(word), "'" + e.getMessage() + "' should name " + word);
	}

	@Test
	void constantImageIsHandled() {
		float[] c = new float[N * N];
		java.util.Arrays.fill(c, 0.4f);
		EmConfig cfg = EmConfig.builder().kernelSize(5).steps(5).build(); // sigma estimated: 0 on a constant image
		DeblurResult r = new FastEm(prior, new ProjectionPrior(), cfg).run(Image.gray(N, N, c), null, null);
		assertTrue(r.image().isFinite());
		assertEquals(1.0, Kernels.sum(r.kernel()), 1e-5);
	}
}
