package org.fde.em;

import java.util.function.BooleanSupplier;

import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.kernel.Kernels;
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
	 * A kernel size above {@link EmConfig#coarseAbove} starts coarse to fine ({@link CoarseToFine}).
	 */
	public DeblurResult run(Image y, PadFrame observed, ProgressListener listener, BooleanSupplier cancelled) {
		if (CoarseToFine.applies(config, y, observed)) { // issue 37: kernel sizes above EmConfig#coarseAbove
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

	/** One run of Algorithm 2. */
	private DeblurResult once(Image y, PadFrame observed, EmConfig cfg, ProgressListener listener,
			BooleanSupplier cancelled) {
		DiffusionRun run = new DiffusionRun(model, prior, cfg, y, observed, cfg.steps(), listener, cancelled);
		float[] x = run.initialNoise(); // x_T ~ N(0, I)
		float[][] k = initialKernels(run); // k = delta (the first prox centre)
		for (int step = cfg.steps() - 1; step >= 0; step--) {
			// x^0(x_t) -> M-step (eq. 24) -> centring -> DDPM step (eq. 14) + guidance with the new kernel (eq. 17)
			DiffusionRun.Outcome o = run.step(0, step, x, k, true);
			x = o.x();
			k = o.kernels();
		}
		k = cleanedKernels(k, cfg); // the returned kernel: small values removed (EmConfig#kernelThreshold)
		return run.result(x, k);
	}

	/** The kernels a blind run returns: each {@link Kernels#threshold cleaned} at {@code cfg.kernelThreshold()}. */
	static float[][] cleanedKernels(float[][] k, EmConfig cfg) {
		int size = cfg.mStep().kernelSize();
		float[][] out = new float[k.length][];
		for (int j = 0; j < k.length; j++) {
			out[j] = Kernels.threshold(k[j], size, cfg.kernelThreshold());
		}
		return out;
	}

	static float[][] initialKernels(DiffusionRun run) {
		float[][] k = new float[run.kernelCount()][];
		for (int j = 0; j < k.length; j++) {
			k[j] = Kernels.delta(run.config.mStep().kernelSize());
		}
		return k;
	}
}
