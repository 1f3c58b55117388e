package org.fde.em;

import java.util.function.BooleanSupplier;

import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;

/**
 * Fast Diffusion EM (Laroche, Almansa, Coupete, WACV 2024, Algorithm 2): ONE guided diffusion run in which, at every
 * step, the network's x&#770;0 serves as the E-step sample, the M-step updates the kernel from it, and the guidance
 * uses the new kernel. Symbols: see the package documentation.
 */
public final class FastEm {

	private final ScoreModel model;
	private final KernelPrior prior;
	private final EmConfig config;

	public FastEm(ScoreModel model, KernelPrior prior, EmConfig config) {
		this.model = model;
		this.prior = prior;
		this.config = config;
	}

	/**
	 * Deblurs y (unit range, any number of channels) and estimates the kernel.
	 *
	 * @param cancelled polled once per step; when it turns true the run throws
	 *                  {@link java.util.concurrent.CancellationException}
	 */
	public DeblurResult run(Image y, ProgressListener listener, BooleanSupplier cancelled) {
		return run(y, null, listener, cancelled);
	}

	/**
	 * Deblurs a padded measurement: only the window of y inside {@code observed} was measured, the padding is
	 * treated as missing data (see {@link #run(Image, ProgressListener, BooleanSupplier)}); null = all measured.
	 * <p>
	 * When the run's final residual says that it failed ({@link RestartRule}), it runs again with another seed, up to
	 * {@link EmConfig#restarts} times, and keeps the run with the lowest residual. Each run reports its steps to the
	 * listener from 1 again.
	 * <p>
	 * A kernel size above {@link EmTuning#coarseAbove} starts coarse to fine ({@link CoarseToFine}).
	 */
	public DeblurResult run(Image y, PadFrame observed, ProgressListener listener, BooleanSupplier cancelled) {
		if (CoarseToFine.applies(config, y, observed)) { // kernel sizes above EmTuning#coarseAbove
			return CoarseToFine.run(model, prior, config, y, observed, listener, cancelled);
		}
		DeblurResult best = once(y, observed, config, listener, cancelled);
		double firstResidual = best.finalResidual();
		double seconds = best.elapsedSeconds();
		int restarts = 0;
		while (restarts < config.restarts() && RestartRule.failed(best)) {
			restarts++;
			EmConfig again = config.toBuilder().seed(RestartRule.seed(config.seed(), restarts)).build();
			DeblurResult r = once(y, observed, again, listener, cancelled);
			seconds += r.elapsedSeconds();
			if (r.finalResidual() < best.finalResidual()) {
				best = r;
			}
		}
		return restarts == 0 ? best
				: new DeblurResult(best.image(), best.mean(), best.std(), best.kernels(), best.kernelSize(),
						best.sigma(), best.diagnostics(), seconds, restarts, firstResidual);
	}

	/** One run of Algorithm 2, from x_T ~ N(0, I) and the delta kernel. */
	private DeblurResult once(Image y, PadFrame observed, EmConfig cfg, ProgressListener listener,
			BooleanSupplier cancelled) {
		DiffusionRun run = new DiffusionRun(model, prior, cfg, y, observed, cfg.steps(), listener, cancelled);
		State s = new State(run.initialNoise(), run.deltaKernels()); // x_T ~ N(0, I), k = delta (the first prox centre)
		for (int t = run.steps() - 1; t >= 0; t--) {
			s = step(run, t, s);
		}
		return run.blindResult(s.x(), s.kernels());
	}

	/** The state between two steps: x_t and the kernels. */
	record State(float[] x, float[][] kernels) {
	}

	/** One step of Algorithm 2: the network's x&#770;0 is the E-step's sample, the guidance uses the new kernel. */
	static State step(DiffusionRun run, int t, State s) {
		try (Step step = run.step(0, t, s.x())) {
			Step.Denoised x0 = step.denoise(); // x^0(x_t) = (x_t - sqrt(1 - a_t) eps(x_t, t)) / sqrt(a_t), clipped
			float[][] k = step.mStep(x0, s.kernels()); // M-step: eq. 24 on x^0, warm-started from k
			k = step.centre(k); // centring: centre of mass to the kernel's origin (ALGORITHM.md 5.3)
			Step.Gradient g = step.guidance(x0, k); // guidance with the new kernel: Pi-GDM eq. 17 (DPS eq. 16)
			return new State(step.samplerStep(x0, g), k); // sampler step: x_{t-1} = DDPM step (eq. 14) + w_t g
		}
	}
}
