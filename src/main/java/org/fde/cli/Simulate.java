package org.fde.cli;

import static org.fde.stack.ParameterRanges.FAMILY_AIRY;
import static org.fde.stack.ParameterRanges.FAMILY_DEFAULT;
import static org.fde.stack.ParameterRanges.FAMILY_DEFOCUS;
import static org.fde.stack.ParameterRanges.FAMILY_GAUSSIAN;
import static org.fde.stack.ParameterRanges.FAMILY_MOTION;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_DEFAULT;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MIN;
import static org.fde.stack.ParameterRanges.SEED_DEFAULT;
import static org.fde.stack.ParameterRanges.SIGMA_DEFAULT;
import static org.fde.stack.ParameterRanges.SIMULATE_KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.SIMULATE_SIGMA_MAX;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.fde.imagej.ImagePlusBridge;
import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.fde.kernel.gen.KernelSpec;
import org.fde.options.CommandLineOptions;
import org.fde.stack.Hyperstack;
import org.fde.stack.SimulatedBlur;
import org.fde.stack.StackDeblur;

import ij.ImagePlus;

/**
 * {@code simulate}: blurs an image with a generated kernel and adds Gaussian noise, as Process &rsaquo; Deblur
 * &rsaquo; Simulate Blur does (same kernel and noise for the same seed): the kernel is drawn from the seed, the noise
 * from seed + 1 ({@code --psf-sigma} gives an isotropic Gaussian of that width instead), and it is applied to every channel, slice and frame with mirror boundaries ({@link SimulatedBlur}).
 */
final class Simulate {

	/** The smallest {@code --psf-sigma} (pixels), as {@link KernelSpec.Gaussian} accepts. */
	static final double PSF_SIGMA_MIN = 0.25;

	private Simulate() {
	}

	static int run(CommandLineOptions a, PrintStream out) {
		Path input = a.requiredPath("input", "the sharp image file");
		Path output = a.requiredPath("output", "the blurred image file, .tif or .png");
		Path kernelOut = a.requiredPath("kernel-output", "the kernel image file, .tif or .png");
		KernelFamily family = KernelFamily.valueOf(a.choice("family", FAMILY_DEFAULT, FAMILY_MOTION, FAMILY_GAUSSIAN,
				FAMILY_DEFOCUS, FAMILY_AIRY).toUpperCase(Locale.ROOT));
		int size = a.oddInteger("kernelsize", KERNEL_SIZE_DEFAULT, KERNEL_SIZE_MIN, SIMULATE_KERNEL_SIZE_MAX);
		// --noise is the added noise; --sigma, its older name, is kept (it read like a PSF width: --psf-sigma is that)
		if (a.has("noise") && a.has("sigma")) {
			throw new IllegalArgumentException("--noise and --sigma are the same option (the added noise); give one");
		}
		double sigma = a.real(a.has("sigma") ? "sigma" : "noise", SIGMA_DEFAULT, 0, SIMULATE_SIGMA_MAX);
		double psfSigma = a.real("psf-sigma", 0, 0, Double.MAX_VALUE);
		if (a.has("psf-sigma") && family != KernelFamily.GAUSSIAN) {
			throw new IllegalArgumentException("--psf-sigma sets the width of a gaussian PSF: it needs --family "
					+ "gaussian, got " + family.name().toLowerCase(Locale.ROOT));
		}
		if (a.has("psf-sigma") && (psfSigma < PSF_SIGMA_MIN || psfSigma > size / 2.0)) {
			throw new IllegalArgumentException("--psf-sigma must be in [" + PSF_SIGMA_MIN + ", " + size / 2.0
					+ "] (at most half the kernel size " + size + "), got " + psfSigma);
		}
		long seed = a.longInteger("seed", SEED_DEFAULT, Long.MIN_VALUE, Long.MAX_VALUE);
		boolean overwrite = a.flag("overwrite");
		a.checkAllUsed();
		if (Files.isDirectory(input)) {
			throw new IllegalArgumentException("--input must be an image file for simulate, got the folder " + input);
		}
		Targets.Target t = Targets.plan(input, output, kernelOut, null).get(0);
		OutputPlan plan = OutputPlan.make("simulate", List.of(t), List.of(), overwrite);
		Path blurredPath = t.output();
		Path kernelPath = t.kernel();
		if (plan.todo().isEmpty()) {
			out.println("skip: " + blurredPath + " and " + kernelPath + " exist (--overwrite replaces them)");
			return 0;
		}
		OutputPlan.Item item = plan.todo().get(0);
		if (item.redone() != null) {
			out.println("redo: " + item.redone());
		}
		ImagePlus imp = StackFiles.open(input);
		Outputs.checkPng(imp, blurredPath, "--output");
		Hyperstack x = ImagePlusBridge.read(imp, "the image");
		String small = StackDeblur.sizeProblem(x.width(), x.height(), size);
		if (small != null) {
			throw new IllegalArgumentException(StackDeblur.maxKernelSize(x.width(), x.height()) < KERNEL_SIZE_MIN ? small
					: "--kernelsize " + size + " is too large: " + small);
		}
		String bad = x.firstNonFinite();
		if (bad != null) {
			throw new IllegalArgumentException("the image contains NaN or infinite values: " + bad);
		}
		float[] k = a.has("psf-sigma") ? KernelGenerator.generate(new KernelSpec.Gaussian(size, psfSigma, psfSigma, 0),
				seed) : KernelGenerator.random(family, size, seed);
		Hyperstack y = SimulatedBlur.apply(x, k, size, sigma, seed + 1);
		bad = y.firstNonFinite();
		if (bad != null) {
			throw new IllegalArgumentException("the blurred image would hold infinite values (" + bad + "): the "
					+ "image's values or --sigma are too large for 32-bit floats");
		}
		out.printf(Locale.ROOT, "%s kernel %dx%d (%s), added noise of standard deviation %s on %s%n",
				family.name().toLowerCase(Locale.ROOT), size, size, a.has("psf-sigma") ? "psf-sigma " + psfSigma
						+ " px" : "seed " + seed, sigma, x);
		OutputPlan.Output[] outs = item.outputs().toArray(OutputPlan.Output[]::new);
		Outputs.writeImage(y, imp, x, blurredPath, "--output", item.note(outs[0]));
		Outputs.writeMap(new Hyperstack(size, size, 1, 1, 1, new float[][] { k }), imp, kernelPath, "--kernel-output",
				item.note(outs[1]));
		out.println("wrote " + blurredPath + " and " + kernelPath);
		return 0;
	}
}
