package org.fde.cli;

import static org.fde.stack.ParameterRanges.KERNEL_SIZE_DEFAULT;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MIN;
import static org.fde.stack.ParameterRanges.PARTICLES_DEFAULT;
import static org.fde.stack.ParameterRanges.PARTICLES_MAX;
import static org.fde.stack.ParameterRanges.PARTICLES_MIN;

import java.util.Locale;

import org.fde.djl.DeviceChoice;
import org.fde.em.DeblurResult;
import org.fde.em.EmConfig;
import org.fde.em.FastEm;
import org.fde.em.ProgressListener;
import org.fde.em.StepDiagnostics;
import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.image.Synthetic;
import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.fde.noise.NoiseSigma;
import org.fde.operator.CircularConvolution;
import org.fde.options.CommandLineOptions;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;

/**
 * {@code bench-cost}: the cost split of one Fast EM step at a given size: network (forward, VJP, freeing its graph)
 * against the M-step (HQS with the kernel prior, centring) and guidance (FFTs, sampler arithmetic). Prints a table;
 * the first {@code --warmup} steps are excluded. With {@code --padded} the image is padded as the Fiji commands do
 * ({@link PadFrame#around}: half the kernel window, up to the network's size multiple) and the padding is missing
 * data, so the guidance runs the masked &Pi;GDM's conjugate-gradient iterations.
 */
final class CostBench {

	private CostBench() {
	}

	static void run(CommandLineOptions a) {
		int size = a.integer("size", 256, 32, 4096);
		int steps = a.integer("steps", 30, 3, 1000);
		int warmup = a.integer("warmup", 10, 0, 100); // PyTorch's graph executor needs ~10 steps to settle
		int particles = a.integer("particles", PARTICLES_DEFAULT, PARTICLES_MIN, PARTICLES_MAX);
		int ks = a.oddInteger("kernelsize", KERNEL_SIZE_DEFAULT, KERNEL_SIZE_MIN, KERNEL_SIZE_MAX);
		String prior = a.string("prior", "pnp");
		DeviceChoice device = Models.device(a);
		String modelDir = a.string("model", null);
		int ensemble = Models.ensemble(a);
		boolean padded = a.flag("padded");
		a.checkAllUsed();
		if (warmup >= steps) {
			throw new IllegalArgumentException("--warmup must be smaller than --steps");
		}
		float[] x = Synthetic.shapes(size, size, 3);
		float[] k = KernelGenerator.random(KernelFamily.MOTION, ks, 3);
		float[] y = Synthetic.addNoise(new CircularConvolution(k, ks, ks, size, size).apply(x), 0.02, 4);
		EmConfig cfg = EmConfig.builder().steps(steps).kernelSize(ks).particles(particles).sigma(NoiseSigma.given(0.02))
				.restarts(0).build(); // the cost of one run's steps
		DeblurResult r;
		PadFrame frame = null;
		String modelName;
		long[] priorNanos = new long[1];
		java.util.List<Double> perStepPrior = new java.util.ArrayList<>();
		try (ScoreModel model = Models.imagePrior(modelDir, device, ensemble);
				KernelPrior kp = Models.kernelPrior(prior, null, device)) {
			modelName = model + ", kernel prior " + kp.name();
			System.out.println(org.fde.djl.DjlEnvironment.deviceSummary(device));
			KernelPrior timed = new KernelPrior() {
				@Override
				public String name() {
					return kp.name();
				}

				@Override
				public float[] denoise(float[] kernel, int s, double level, double lambda, double beta) {
					long t0 = System.nanoTime();
					float[] out = kp.denoise(kernel, s, level, lambda, beta);
					priorNanos[0] += System.nanoTime() - t0;
					return out;
				}
			};
			ProgressListener listener = (done, total, d) -> {
				perStepPrior.add(priorNanos[0] * 1e-9);
				priorNanos[0] = 0;
			};
			Image image = Image.gray(size, size, y);
			FastEm em = new FastEm(model, timed, cfg);
			if (padded) {
				frame = PadFrame.around(size, size, ks / 2, model.spec().sizeMultiple());
				r = em.run(frame.pad(image), frame, listener, null);
			} else {
				r = em.run(image, listener, null);
			}
		}
		double net = 0;
		double m = 0;
		double g = 0;
		double kp = 0;
		int n = 0;
		for (StepDiagnostics d : r.diagnostics()) {
			// skip the warm-up steps and the last step (no VJP there)
			if (n++ < warmup || d.step() == 0) {
				continue;
			}
			net += d.networkSeconds();
			m += d.mStepSeconds();
			g += d.guidanceSeconds();
			kp += perStepPrior.get(n - 1);
		}
		int counted = r.diagnostics().size() - warmup - 1;
		double total = net + m + g;
		String where = frame == null ? "unpadded"
				: String.format(Locale.ROOT, "padded to %dx%d, masked guidance", frame.paddedWidth(),
						frame.paddedHeight());
		System.out.printf(Locale.ROOT, "Fast EM step cost at %dx%d (%s), n=%d, kernel %d, %s (%d steps timed)%n", size,
				size, where, particles, ks, modelName, counted);
		System.out.printf(Locale.ROOT, "  network (fwd, VJP, free)  %8.1f ms  %5.1f %%%n", 1e3 * net / counted,
				100 * net / total);
		System.out.printf(Locale.ROOT, "  M-step (10 HQS + prior)   %8.1f ms  %5.1f %%%n", 1e3 * m / counted,
				100 * m / total);
		double priorMs = 1e3 * kp / counted;
		System.out.printf(Locale.ROOT, "    of which kernel prior   %8.1f ms  %5.1f %%%n", priorMs,
				100 * kp / total);
		System.out.printf(Locale.ROOT, "  guidance, FFTs, sampler   %8.1f ms  %5.1f %%%n", 1e3 * g / counted,
				100 * g / total);
		System.out.printf(Locale.ROOT, "  total per step            %8.1f ms; not the image network: %.1f %%; "
				+ "neither network: %.1f %%%n", 1e3 * total / counted, 100 * (m + g) / total,
				100 * ((m + g) / counted - priorMs / 1e3) / (total / counted));
		// the hybrid's classical stage (org.fde.kernel.blind) on the same y: the second of two runs (warm)
		org.fde.kernel.blind.L0KernelEstimator classical = new org.fde.kernel.blind.L0KernelEstimator(
				org.fde.kernel.blind.BlindConfig.defaults(ks));
		classical.estimate(y, size, size);
		long c0 = System.nanoTime();
		classical.estimate(y, size, size);
		double cs = (System.nanoTime() - c0) * 1e-9;
		int runSteps = org.fde.stack.ParameterRanges.BLIND_STEPS_DEFAULT;
		System.out.printf(Locale.ROOT, "  classical l0 kernel stage %8.1f ms  = %.1f %% of a %d-step Fast EM run at "
				+ "this step cost (%.1f s)%n", 1e3 * cs, 100 * cs / (runSteps * total / counted), runSteps,
				runSteps * total / counted);
	}
}
