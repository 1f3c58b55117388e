package org.fde.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.fde.djl.DeviceChoice;
import org.fde.em.DeblurResult;
import org.fde.em.EmConfig;
import org.fde.em.FastEm;
import org.fde.guidance.GuidanceKind;
import org.fde.image.Image;
import org.fde.image.Synthetic;
import org.fde.kernel.Kernels;
import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.fde.metrics.Metrics;
import org.fde.operator.CircularConvolution;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;

/**
 * {@code demo}: generates a test image, blurs it with a generated motion kernel plus noise, runs Fast EM with the
 * shipped networks, writes the images and kernels, and prints PSNR and kernel error.
 */
final class Demo {

	private Demo() {
	}

	static void run(Args a) throws IOException {
		Path out = Path.of(a.string("out", "demo-output"));
		int size = a.integer("size", 256, 64, 4096);
		long seed = a.integer("seed", 1, 0, Integer.MAX_VALUE);
		double sigma255 = a.real("sigma", 5, 0, 100);
		int steps = a.integer("steps", 100, 2, 1000);
		int ks = a.integer("kernel-size", 33, 3, 129);
		int particles = a.integer("particles", 1, 1, 64);
		String prior = a.string("prior", "pnp");
		GuidanceKind guidance = GuidanceKind.valueOf(a.string("guidance", "pigdm").toUpperCase(Locale.ROOT));
		DeviceChoice device = Models.device(a.string("device", "auto"));
		String modelDir = a.string("model", null);
		String kernelModelDir = a.string("kernel-model", null);
		a.checkAllUsed();

		float[] sharp = Synthetic.shapes(size, size, seed);
		float[] kernel = KernelGenerator.random(KernelFamily.MOTION, ks, seed);
		float[] blurred = Synthetic.addNoise(new CircularConvolution(kernel, ks, ks, size, size).apply(sharp),
				sigma255 / 255.0, seed + 1);
		System.out.printf(Locale.ROOT, "demo: %dx%d synthetic image, %dx%d motion kernel (seed %d), noise %.1f/255%n",
				size, size, ks, ks, seed, sigma255);

		EmConfig cfg = EmConfig.builder().steps(steps).kernelSize(ks).particles(particles).guidance(guidance)
				.sigma(sigma255 / 255.0).seed(seed).build();
		DeblurResult r;
		try (ScoreModel model = Models.imagePrior(modelDir, device);
				KernelPrior kp = Models.kernelPrior(prior, kernelModelDir, device)) {
			System.out.println("image prior: " + model + "; kernel prior: " + kp.name());
			r = new FastEm(model, kp, cfg).run(Image.gray(size, size, blurred), (done, total, d) -> {
				if (done % 10 == 0 || done == total) {
					System.out.printf(Locale.ROOT, "  step %3d/%d  t=%3d  residual %.4f  kernel change %.2e  (%.2f s)%n",
							done, total, d.timestep(), d.residual(), d.kernelChange(), d.totalSeconds());
				}
			}, null);
		}
		float[] est = r.image().plane(0);
		Files.createDirectories(out);
		ImageIo.writeTiff(Image.gray(size, size, sharp), out.resolve("sharp.tif"));
		ImageIo.writeTiff(Image.gray(size, size, blurred), out.resolve("blurred.tif"));
		ImageIo.writeTiff(r.image(), out.resolve("deblurred.tif"));
		ImageIo.writeTiff(Image.gray(ks, ks, kernel), out.resolve("kernel-true.tif"));
		ImageIo.writeTiff(Image.gray(ks, ks, r.kernel()), out.resolve("kernel-estimated.tif"));
		ImageIo.writePng(Image.gray(size, size, sharp), out.resolve("sharp.png"), false);
		ImageIo.writePng(Image.gray(size, size, blurred), out.resolve("blurred.png"), false);
		ImageIo.writePng(r.image(), out.resolve("deblurred.png"), false);
		ImageIo.writePng(Image.gray(ks, ks, kernel), out.resolve("kernel-true.png"), true);
		ImageIo.writePng(Image.gray(ks, ks, r.kernel()), out.resolve("kernel-estimated.png"), true);

		String report = String.format(Locale.ROOT,
				"PSNR blurred   %.2f dB%nPSNR deblurred %.2f dB%nkernel MSE     %.3e (delta: %.3e)%n"
						+ "kernel corr.   %.3f%nnoise sigma    %.2f/255%ntime           %.1f s (%d steps)%n",
				Metrics.psnr(blurred, sharp), Metrics.psnr(est, sharp), Kernels.mse(r.kernel(), kernel),
				Kernels.mse(Kernels.delta(ks), kernel), Kernels.correlation(r.kernel(), kernel), r.sigma() * 255,
				r.elapsedSeconds(), steps);
		System.out.print(report);
		Files.writeString(out.resolve("figures.txt"), report, StandardCharsets.UTF_8);
		System.out.println("wrote " + out.toAbsolutePath());
	}
}
