package org.fde.em;

import java.util.function.BooleanSupplier;

import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.kernel.Kernels;
import org.fde.kernel.ProjectionPrior;
import org.fde.score.ScoreModel;

/**
 * Non-blind diffusion deconvolution with a known kernel (the paper's Algorithm 1: &Pi;GDM or DPS guidance, no M-step).
 */
public final class NonBlind {

	private final ScoreModel model;
	private final EmConfig config;

	public NonBlind(ScoreModel model, EmConfig config) {
		this.model = model;
		this.config = config;
	}

	/**
	 * @param kernels one kernel (shared) or one per channel, each config.kernelSize()&sup2;, non-negative; they are
	 *                normalised to sum 1
	 */
	public DeblurResult run(Image y, float[][] kernels, ProgressListener listener, BooleanSupplier cancelled) {
		return run(y, null, kernels, listener, cancelled);
	}

	/** As {@link FastEm#run(Image, PadFrame, ProgressListener, BooleanSupplier)}: the padding of y is missing data. */
	public DeblurResult run(Image y, PadFrame observed, float[][] kernels, ProgressListener listener,
			BooleanSupplier cancelled) {
		DiffusionRun run = new DiffusionRun(model, new ProjectionPrior(), config, y, observed, config.steps(), listener,
				cancelled);
		int s = config.kernelSize();
		if (kernels.length != run.kernelCount()) {
			throw new IllegalArgumentException("expected " + run.kernelCount() + " kernel(s) for kernel mode "
					+ config.kernelMode() + ", got " + kernels.length);
		}
		float[][] k = new float[kernels.length][];
		for (int j = 0; j < k.length; j++) {
			if (kernels[j].length != s * s) {
				throw new IllegalArgumentException("kernel " + j + " has " + kernels[j].length + " values, expected "
						+ s + "x" + s);
			}
			k[j] = Kernels.project(kernels[j], s);
		}
		float[] x = run.initialNoise(); // x_T ~ N(0, I)
		for (int t = run.steps() - 1; t >= 0; t--) {
			x = run.heldStep(0, t, x, k); // x^0, guidance with the known kernel (eq. 17 / 16), DDPM step (eq. 14)
		}
		return run.result(x, k);
	}
}
