package org.fde.em;

import java.util.function.BooleanSupplier;

import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;

/**
 * Diffusion EM, the slow variant (paper &sect;3.1, ALGORITHM.md &sect;7): L outer iterations, each a full non-blind
 * run (E-step: posterior samples with the current kernel) followed by the M-step on those samples, warm-started from
 * the previous kernel, without centring. The first E-step uses the delta kernel, i.e. pure denoising. The returned
 * image is the last E-step's sample; the returned kernel is the last M-step's output.
 */
public final class DiffusionEm {

	private final ScoreModel model;
	private final KernelPrior prior;
	private final EmConfig config;

	public DiffusionEm(ScoreModel model, KernelPrior prior, EmConfig config) {
		this.model = model;
		this.prior = prior;
		this.config = config;
	}

	public DeblurResult run(Image y, ProgressListener listener, BooleanSupplier cancelled) {
		return run(y, null, listener, cancelled);
	}

	/** As {@link FastEm#run(Image, PadFrame, ProgressListener, BooleanSupplier)}: the padding of y is missing data. */
	public DeblurResult run(Image y, PadFrame observed, ProgressListener listener, BooleanSupplier cancelled) {
		int total = config.diffusionEmSteps();
		DiffusionRun run = new DiffusionRun(model, prior, config, y, observed, total, listener, cancelled);
		float[][] k = run.deltaKernels(); // k_0 = delta
		float[] x = null;
		for (int l = 0; l < config.outerIterations(); l++) {
			x = run.initialNoise(); // fresh x_T for every E-step
			for (int t = run.steps() - 1; t >= 0; t--) {
				x = run.heldStep(l, t, x, k); // E-step: non-blind run with k_l (Algorithm 1)
			}
			k = run.mStepOnSamples(x, k); // M-step (eq. 24) on the E-step's samples (all tiles), warm start k_l
		}
		return run.blindResult(x, k);
	}
}
