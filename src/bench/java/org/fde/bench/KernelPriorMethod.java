package org.fde.bench;

import java.util.List;
import java.util.Locale;

import org.fde.fft.Fft2;
import org.fde.image.BatchShape;
import org.fde.image.Image;
import org.fde.kernel.HqsKernelEstimator;
import org.fde.kernel.Kernels;
import org.fde.kernel.MStepConfig;
import org.fde.kernel.PriorLevel;
import org.fde.score.KernelPrior;

/**
 * The kernel-prior ablation (Figure 4): the M-step alone (eq. 24, {@link HqsKernelEstimator}) run from a delta for
 * {@value #ITERATIONS} HQS iterations with the KNOWN sharp image in place of x&#770;0, under one kernel prior, weight
 * &lambda;, HQS penalty &beta; and prior-level mode. Its image output is the known image (it is not a deblurring
 * method).
 */
public final class KernelPriorMethod implements Method {

	/** HQS iterations (the paper's 10 per M-step, times 10 warm-started M-steps). */
	public static final int ITERATIONS = 100;
	/** The paper's HQS penalty &beta;. */
	public static final double BETA = MStepConfig.BETA_OFFICIAL;

	private final String label;
	private final KernelPrior prior;
	private final MStepConfig config;

	/**
	 * @param label     the prior's label in tables (pnp, pnp-data, l1, l2): lower-case letters, digits and '-'
	 * @param prior     the prior
	 * @param lambda    its weight &lambda; &ge; 0
	 * @param beta      the HQS penalty &beta; &gt; 0
	 * @param levelMode the level told to the prior
	 */
	public KernelPriorMethod(String label, KernelPrior prior, double lambda, double beta, PriorLevel levelMode) {
		if (!label.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
			throw new IllegalArgumentException("invalid prior label '" + label + "'");
		}
		this.label = label;
		this.prior = prior;
		this.config = new MStepConfig(33, lambda, beta, ITERATIONS, levelMode);
	}

	/** The prior label, without the weights. */
	public String prior() {
		return label;
	}

	/** &lambda;. */
	public double lambda() {
		return config.lambda();
	}

	/** &beta;. */
	public double beta() {
		return config.beta();
	}

	/**
	 * {@code kp-<label>-b<beta>-l<lambda>}, the numbers with one significant digit (the grids use 1-2-5 values, which
	 * this writes exactly); {@link AblationResults} parses it back.
	 */
	@Override
	public String name() {
		return "kp-" + label + "-b" + AblationResults.number(config.beta()) + "-l" + AblationResults.number(config.lambda());
	}

	@Override
	public String cacheKey() {
		String mode = config.levelMode() == PriorLevel.LAMBDA_OVER_BETA ? "" : "-" + config.levelMode().name();
		return name() + "-" + prior.name().replaceAll("[^A-Za-z0-9_.-]", "_") + mode;
	}

	@Override
	public boolean blind() {
		return true;
	}

	@Override
	public MethodResult run(Problem p) throws Exception {
		Image x = p.knownSharp();
		if (x == null) {
			throw new IllegalArgumentException("the kernel-prior ablation needs the known sharp image (protocol F4 only)");
		}
		Image y = p.observed();
		int s = p.estimateSize();
		MStepConfig c = new MStepConfig(s, config.lambda(), config.beta(), config.iterations(), config.levelMode());
		Resources.Measured<float[]> m = Resources.measure(() -> {
			Fft2 fft = Fft2.of(y.height(), y.width());
			float[][] ys = { fft.forward(y.plane(0)) };
			float[][] xs = { fft.forward(x.plane(0)) };
			return new HqsKernelEstimator(c, prior).estimate(ys, xs, new BatchShape(1, 1, y.height(), y.width()),
					p.sigma(), Kernels.delta(s), null);
		});
		return new MethodResult(x, m.value(), s, m.seconds(), m.peakBytes(), null, List.of());
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s (%s)", name(), config.levelMode());
	}
}
