package org.fde.bench;

import java.util.List;
import java.util.Locale;

import org.fde.fft.Fft2;
import org.fde.image.BatchShape;
import org.fde.image.Image;
import org.fde.kernel.HqsKernelEstimator;
import org.fde.kernel.Kernels;
import org.fde.kernel.MStepConfig;
import org.fde.score.KernelPrior;

/**
 * The kernel-prior ablation (Figure 4): the M-step alone (eq. 24, {@link HqsKernelEstimator}) run from a delta for
 * {@value #ITERATIONS} HQS iterations with the KNOWN sharp image in place of x&#770;0, under one kernel prior and
 * weight &lambda; (&beta; = 1e5 as in the paper). Its image output is the known image (it is not a deblurring method).
 */
public final class KernelPriorMethod implements Method {

	/** HQS iterations (the paper's 10 per M-step, times 10 warm-started M-steps). */
	public static final int ITERATIONS = 100;
	/** The HQS penalty &beta;. */
	public static final double BETA = 1e5;

	private final String label;
	private final KernelPrior prior;
	private final double lambda;

	/**
	 * @param label  the prior's label in tables (pnp, l1, l2)
	 * @param prior  the prior
	 * @param lambda its weight &lambda; &ge; 0
	 */
	public KernelPriorMethod(String label, KernelPrior prior, double lambda) {
		this.label = label;
		this.prior = prior;
		this.lambda = lambda;
		new MStepConfig(33, lambda, BETA, ITERATIONS, true, false);
	}

	/** The prior label, without the weight. */
	public String prior() {
		return label;
	}

	@Override
	public String name() {
		return "kp-" + label + "-" + String.format(Locale.ROOT, "%.0e", lambda).replace("+", "");
	}

	@Override
	public String cacheKey() {
		return name() + "-" + prior.name().replaceAll("[^A-Za-z0-9_.-]", "_");
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
		Resources.Measured<float[]> m = Resources.measure(() -> {
			Fft2 fft = Fft2.of(y.height(), y.width());
			float[][] ys = { fft.forward(y.plane(0)) };
			float[][] xs = { fft.forward(x.plane(0)) };
			HqsKernelEstimator est = new HqsKernelEstimator(new MStepConfig(s, lambda, BETA, ITERATIONS, true, false),
					prior);
			return est.estimate(ys, xs, new BatchShape(1, 1, y.height(), y.width()), p.sigma(), Kernels.delta(s), 0,
					null);
		});
		return new MethodResult(x, m.value(), s, m.seconds(), m.peakBytes(), null, List.of());
	}
}
