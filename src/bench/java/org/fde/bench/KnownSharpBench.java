package org.fde.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.fde.em.EmConfig;
import org.fde.fft.Fft2;
import org.fde.image.BatchShape;
import org.fde.kernel.HqsKernelEstimator;
import org.fde.kernel.Kernels;
import org.fde.kernel.MStepConfig;
import org.fde.metrics.ErrorRatio;
import org.fde.operator.CircularConvolution;
import org.fde.options.CommandLineOptions;

/**
 * {@code bench-known-kernel}: the ceiling of the M-step on Levin et al.'s real captures (protocol P3). The kernel is
 * estimated as Fast EM's M-step estimates it (paper eq. 24, {@link HqsKernelEstimator}, the same prior, &lambda;,
 * &beta;, kernel size and noise adaptation, from {@link EmConfig}), but from the KNOWN sharp image instead of the
 * diffusion's x&#770;0, and scored by the benchmark's error ratio (Levin's sparse deconvolution with the estimate over the same with the true kernel, up to
 * shift; {@link Evaluator}). Whatever fails here fails for the M-step and its prior, not for the image prior; what
 * passes here and fails in {@code bench --protocols P3} fails for x&#770;0.
 * <p>
 * The captures are not periodic, so the data step sees y only where k &#8859; x is determined by the known image
 * (the pixels at least half the kernel window from the border) and the rest of y is completed with the current
 * kernel's prediction k &#8859; x before every M-step of 10 HQS iterations (the missing-data completion of the padded
 * Fiji runs); {@value #OUTER_DEFAULT} completions, from a delta, by default.
 */
public final class KnownSharpBench {

	public static final String USAGE = String.join("\n", //
			"usage: bench-known-kernel [--data ../shared/data] [--limit 0 (all 32)] [--lambda 30] [--beta 10000]",
			"                          [--mstep-iterations 10] [--outer 10] [--kernelsize 33] [--kernel-threshold 0]",
			"                          [--prior-model pnp|l1|l2|projection] [--kernelmodel DIR] [--device auto|cpu|gpu]");

	/** M-steps, each on y completed with the previous kernel's prediction. */
	public static final int OUTER_DEFAULT = 10;

	private KnownSharpBench() {
	}

	/** Command-line entry point ({@code fast-diffusion-em bench-known-kernel ...}). */
	public static void main(String[] args) {
		CommandLineOptions opt = CommandLineOptions.parse(args, 0, USAGE);
		MStepConfig defaults = EmConfig.builder().build().mStep(); // Fast EM's
		Path data = Path.of(opt.string("data", "../shared/data"));
		int limit = opt.integer("limit", 0, 0, 100000);
		double lambda = opt.real("lambda", defaults.lambda(), 0, 1e6);
		double beta = opt.real("beta", defaults.beta(), 1e-3, 1e9);
		int iterations = opt.integer("mstep-iterations", defaults.iterations(), 1, 1000);
		int outer = opt.integer("outer", OUTER_DEFAULT, 1, 1000);
		int ks = opt.oddInteger("kernelsize", Manifest.KERNEL, 3, 127);
		double threshold = opt.real("kernel-threshold", 0, 0, 0.99);
		String priorName = opt.string("prior-model", "pnp");
		String kernelModel = opt.string("kernelmodel", null);
		String device = opt.string("device", "auto");
		opt.checkAllUsed();
		if (!data.resolve("test/blur_pairs/levin09_selfdeblur").toFile().isDirectory()) {
			throw new IllegalArgumentException("--data must hold test/blur_pairs/levin09_selfdeblur (Levin's pairs): "
					+ data);
		}
		List<BenchCase> cases = Manifest.build(Preset.FULL, data, EnumSet.of(Protocol.P3), limit, 1).cases();
		EmConfig config = EmConfig.builder().kernelSize(ks).lambda(lambda).tuning(t -> t.withBeta(beta)).tuning(t -> t.withMStepIterations(iterations))
				.build();
		List<Double> ratios = new ArrayList<>();
		long t0 = System.nanoTime();
		try (ShippedModels models = new ShippedModels(null, kernelModel == null ? null : Path.of(kernelModel),
				priorName, BenchCli.deviceChoice(device))) {
			System.out.printf(Locale.ROOT, "M-step from the known sharp image: prior %s, lambda %s, beta %s, %d x %d "
					+ "HQS iterations, kernel %dx%d, kernel threshold %s, %d pairs%n", priorName, lambda, beta, outer,
					iterations, ks, ks, threshold, cases.size());
			for (BenchCase c : cases) {
				CaseData d = CaseData.materialise(c);
				long c0 = System.nanoTime();
				// lambda with the noise-dependent gain at this capture's sigma, as DiffusionRun sets it
				HqsKernelEstimator estimator = new HqsKernelEstimator(config.mStep().withLambda(config.mStep().lambda()
						* config.tuning().noiseAdaptation().lambdaFactor(d.sigma())), models.kernelPrior());
				float[] k = Kernels.threshold(estimate(d.sharp().plane(0), d.observed().plane(0),
						d.observed().width(), d.observed().height(), d.sigma(), estimator, outer), ks,
						threshold); // cleaned at --kernel-threshold (0: projected once more, as a blind run returns it)
				double ratio = ErrorRatio.ratio(Evaluator.referenceSsd(d, k, ks, false),
						Evaluator.referenceSsd(d, d.kernel(), d.kernelSize(), false));
				ratios.add(ratio);
				System.out.printf(Locale.ROOT, "%-10s error ratio %6.2f  (%.1f s)%n", c.id(), ratio,
						(System.nanoTime() - c0) * 1e-9);
			}
		}
		double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
		StringBuilder s = new StringBuilder();
		for (double th : ErrorRatio.THRESHOLDS) {
			s.append(String.format(Locale.ROOT, "%s<= %s: %.0f %%", s.length() == 0 ? "" : ", ", th,
					100 * ErrorRatio.successRate(r, th)));
		}
		System.out.printf(Locale.ROOT, "success rate (%d pairs): %s; %.0f s%n", r.length, s,
				(System.nanoTime() - t0) * 1e-9);
	}

	/**
	 * The kernel from a known sharp image x and its non-periodic blurred capture y (both w&times;h, unit range):
	 * {@code outer} M-steps from a delta, each on y completed outside its determined interior by the previous
	 * kernel's prediction. Neither array is modified.
	 *
	 * @return the kernel, ks&times;ks (the estimator's size), non-negative, sum 1
	 */
	public static float[] estimate(float[] x, float[] y, int w, int h, double sigma, HqsKernelEstimator estimator,
			int outer) {
		int ks = estimator.config().kernelSize();
		int m = ks / 2;
		if (w <= 2 * m || h <= 2 * m) {
			throw new IllegalArgumentException("the image (" + w + "x" + h + ") must be larger than the kernel window "
					+ ks);
		}
		Fft2 fft = Fft2.of(h, w);
		float[][] xs = { fft.forward(x) };
		BatchShape shape = new BatchShape(1, 1, h, w);
		float[] k = Kernels.delta(ks);
		for (int o = 0; o < outer; o++) {
			float[] completed = new CircularConvolution(k, ks, ks, h, w).apply(x);
			for (int row = m; row < h - m; row++) {
				System.arraycopy(y, row * w + m, completed, row * w + m, w - 2 * m);
			}
			float[][] ys = { fft.forward(completed) };
			k = estimator.estimate(ys, xs, shape, sigma, k, null);
		}
		return k;
	}
}
