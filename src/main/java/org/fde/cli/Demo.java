package org.fde.cli;

import static org.fde.stack.ParameterRanges.KERNEL_SIZE_DEFAULT;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MIN;
import static org.fde.stack.ParameterRanges.PARTICLES_DEFAULT;
import static org.fde.stack.ParameterRanges.PARTICLES_MAX;
import static org.fde.stack.ParameterRanges.PARTICLES_MIN;
import static org.fde.stack.ParameterRanges.BLIND_STEPS_DEFAULT;
import static org.fde.stack.ParameterRanges.STEPS_MAX;
import static org.fde.stack.ParameterRanges.STEPS_MIN;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.fde.djl.DeviceChoice;
import org.fde.djl.DjlEnvironment;
import org.fde.em.DeblurResult;
import org.fde.em.EmConfig;
import org.fde.em.FastEm;
import org.fde.em.RunCheck;
import org.fde.guidance.GuidanceKind;
import org.fde.image.Image;
import org.fde.image.Synthetic;
import org.fde.kernel.BlurExtent;
import org.fde.kernel.Kernels;
import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.fde.metrics.Metrics;
import org.fde.noise.NoiseSigma;
import org.fde.operator.CircularConvolution;
import org.fde.options.CommandLineOptions;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;
import org.fde.stack.Hyperstack;

/**
 * {@code demo}: generates a test image, blurs it with a generated motion kernel plus noise, runs Fast EM with the
 * shipped networks, writes the images and kernels, and prints PSNR and kernel error.
 */
final class Demo {

	private Demo() {
	}

	static void run(CommandLineOptions a) throws IOException {
		Path out = Path.of(a.string("out", "demo-output"));
		int size = a.integer("size", 256, 64, 4096);
		long seed = a.integer("seed", 1, 0, Integer.MAX_VALUE);
		double sigma255 = a.real("sigma", 5, 0, 100);
		int steps = a.integer("steps", BLIND_STEPS_DEFAULT, STEPS_MIN, STEPS_MAX);
		int ks = a.oddInteger("kernelsize", KERNEL_SIZE_DEFAULT, KERNEL_SIZE_MIN, KERNEL_SIZE_MAX);
		int particles = a.integer("particles", PARTICLES_DEFAULT, PARTICLES_MIN, PARTICLES_MAX);
		String prior = a.string("prior", "pnp");
		GuidanceKind guidance = GuidanceKind.valueOf(a.string("guidance", "pigdm").toUpperCase(Locale.ROOT));
		DeviceChoice device = Models.device(a);
		String modelDir = a.string("model", null);
		String kernelModelDir = a.string("kernelmodel", null);
		a.checkAllUsed();

		if (size < 2 * ks) {
			throw new IllegalArgumentException("--size (" + size + ") must be at least twice --kernelsize (" + ks
					+ ")");
		}
		int multiple = 16; // the shipped image prior's size multiple (checked again when the model is loaded)
		if (size % multiple != 0) {
			int rounded = (size + multiple - 1) / multiple * multiple;
			System.out.printf(Locale.ROOT, "demo: --size %d rounded up to %d (the image prior takes multiples of %d)%n",
					size, rounded, multiple);
			size = rounded;
		}
		float[] sharp = Synthetic.shapes(size, size, seed);
		// the generator draws kernels up to its own largest odd size; a larger window holds one of that size
		int drawn = Math.min(ks, KernelGenerator.MAX_SIZE - 1);
		float[] kernel = Kernels.embed(KernelGenerator.random(KernelFamily.MOTION, drawn, seed), drawn, ks);
		float[] blurred = Synthetic.addNoise(new CircularConvolution(kernel, ks, ks, size, size).apply(sharp),
				sigma255 / 255.0, seed + 1);
		System.out.printf(Locale.ROOT, "demo: %dx%d synthetic image, %dx%d motion kernel (seed %d), noise %.1f/255%n",
				size, size, ks, ks, seed, sigma255);
		BlurExtent.Estimate extent = BlurExtent.estimate(blurred, size, size, sigma255 / 255.0);
		System.out.printf(Locale.ROOT, "demo: blur extent estimated from the image: about %d px (suggested kernel "
				+ "size %d)%n", extent.radius(), extent.kernelSize());

		EmConfig cfg = EmConfig.builder().steps(steps).kernelSize(ks).particles(particles).guidance(guidance)
				.sigma(NoiseSigma.ofField(sigma255 / 255.0)).seed(seed).build();
		DeblurResult r;
		try (ScoreModel model = Models.imagePrior(modelDir, device);
				KernelPrior kp = Models.kernelPrior(prior, kernelModelDir, device)) {
			System.out.println("image prior: " + model + "; kernel prior: " + kp.name());
			System.out.println(DjlEnvironment.deviceSummary(device));
			ProgressPrinter progress = ProgressPrinter.to(System.out);
			// a coarse-to-fine run (kernel sizes above 47) and a restart report their steps from 1 again
			int[] pass = { 0, 0 }; // passes after the first, last step reported
			r = new FastEm(model, kp, cfg).run(Image.gray(size, size, blurred), (done, total, d) -> {
				if (done <= pass[1]) {
					pass[0]++;
				}
				pass[1] = done;
				progress.update((long) pass[0] * total + done, (long) (pass[0] + 1) * total,
						pass[0] == 0 ? "" : "pass " + (pass[0] + 1) + ": a coarse-to-fine stage or a restart");
			}, null);
		}
		float[] est = r.image().plane(0);
		RunCheck.Verdict verdict = RunCheck.check(r, Image.gray(size, size, blurred));
		String info = verdict.failed() ? "Fast EM FAILED (not a valid estimate): " + verdict.describe() : null;
		if (verdict.failed()) {
			System.err.println("warning: " + info);
		}
		Files.createDirectories(out);
		write(Image.gray(size, size, sharp), out, "sharp", false, null);
		write(Image.gray(size, size, blurred), out, "blurred", false, null);
		write(r.image(), out, "deblurred", false, info);
		write(Image.gray(ks, ks, kernel), out, "kernel-true", true, null);
		write(Image.gray(ks, ks, r.kernel()), out, "kernel-estimated", true, info);

		String report = String.format(Locale.ROOT,
				"PSNR blurred   %.2f dB%nPSNR deblurred %.2f dB%nkernel MSE     %.3e (delta: %.3e)%n"
						+ "kernel corr.   %.3f%nnoise sigma    %.2f/255%ntime           %.1f s (%d steps)%n"
						+ "check          %s%n",
				Metrics.psnr(blurred, sharp), Metrics.psnr(est, sharp), Metrics.mse(r.kernel(), kernel),
				Metrics.mse(Kernels.delta(ks), kernel), Kernels.correlation(r.kernel(), kernel), r.sigma() * 255,
				r.elapsedSeconds(), steps, verdict.describe());
		System.out.print(report);
		Files.writeString(out.resolve("figures.txt"), report, StandardCharsets.UTF_8);
		System.out.println("wrote " + out.toAbsolutePath());
	}

	/**
	 * Writes {@code <name>.tif} (32-bit) and {@code <name>.png} (8-bit, RGB for three channels): [0, 1] mapped onto
	 * 0..255, or with {@code stretch} the smallest to the largest value.
	 */
	private static void write(Image img, Path folder, String name, boolean stretch, String info) {
		float[][] planes = new float[img.channels()][];
		for (int c = 0; c < planes.length; c++) {
			planes[c] = img.plane(c);
		}
		Hyperstack hs = new Hyperstack(img.width(), img.height(), img.channels(), 1, 1, planes);
		StackFiles.writeTiff(hs, null, folder.resolve(name + ".tif"), info);
		double[] range = stretch ? StackFiles.range(hs) : new double[] { 0, 1 };
		StackFiles.writePng(hs, img.channels() == 3, range[0], range[1], false, folder.resolve(name + ".png"), name);
	}
}
