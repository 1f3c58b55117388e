package org.fde.imagej;

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

import java.util.Locale;

import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.fde.stack.Hyperstack;
import org.fde.stack.ParameterRanges;
import org.fde.stack.SimulatedBlur;
import org.fde.stack.StackDeblur;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Process &rsaquo; Deblur &rsaquo; Simulate Blur: blurs the image with a generated kernel (camera-shake motion, or an
 * optical PSF: Gaussian, defocus disk or Airy pattern, with random parameters drawn from the seed) and adds white
 * Gaussian noise. The same kernel is applied to every channel, slice and frame (mirror boundaries); the noise is
 * independent per pixel. Outputs the 32-bit blurred image ({@code <title>-blurred}, same dimensions and calibration)
 * and the kernel ({@code <title>-blur-kernel}). No network is used. Macro keys: the lower-cased field names, pinned by
 * {@code MacroKeysTest}.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Process>Deblur>Simulate Blur", label = "Simulate Blur",
		description = "Blurs the image with a generated motion or optical kernel and adds noise")
public final class SimulateBlurCommand extends DeblurCommandBase {

	/** The macro command name (the menu leaf). */
	public static final String NAME = "Simulate Blur";

	@Parameter(label = "Image", description = "The sharp image (8-, 16- or 32-bit or RGB, any channels, "
			+ "slices and frames), which is not modified.")
	private ImagePlus input;

	@Parameter(label = "Kernel family", description = "motion (camera shake), gaussian, defocus (uniform disk) or "
			+ "airy (diffraction-limited PSF), with parameters drawn at random from the seed.", choices = {
					FAMILY_MOTION, FAMILY_GAUSSIAN, FAMILY_DEFOCUS, FAMILY_AIRY }, persist = false)
	private String family = FAMILY_DEFAULT;

	@Parameter(label = "Kernel size (px)", description = "Side of the square kernel: odd, " + KERNEL_SIZE_MIN
			+ " to " + SIMULATE_KERNEL_SIZE_MAX + ", and at most half the image's width and height.",
			min = "" + KERNEL_SIZE_MIN, max = "" + SIMULATE_KERNEL_SIZE_MAX, stepSize = "2", persist = false)
	private int kernelSize = KERNEL_SIZE_DEFAULT;

	@Parameter(label = "Noise sigma", description = "Standard deviation of the added Gaussian noise in the image's "
			+ "intensity units (0 = no noise).", min = "0", persist = false)
	private double sigma = SIGMA_DEFAULT;

	@Parameter(label = "Seed", description = "Seed of the kernel's random parameters and of the noise.",
			persist = false)
	private long seed = SEED_DEFAULT;

	@Parameter(type = ItemIO.OUTPUT, label = "Kernel")
	private ImagePlus kernel;

	@Parameter(type = ItemIO.OUTPUT, label = "Blurred")
	private ImagePlus blurred;

	@Override
	String commandName() {
		return NAME;
	}

	@Override
	void execute() {
		KernelFamily f = KernelFamily.valueOf(choice(family).toUpperCase(Locale.ROOT));
		if (!ParameterRanges.isValidKernelSize(kernelSize, SIMULATE_KERNEL_SIZE_MAX)) {
			throw new IllegalArgumentException("kernelsize must be odd and in [" + KERNEL_SIZE_MIN + ", "
					+ SIMULATE_KERNEL_SIZE_MAX + "], got " + kernelSize);
		}
		if (!(sigma >= 0) || !Double.isFinite(sigma)) {
			throw new IllegalArgumentException("sigma must be >= 0 and finite (0 = no noise), got " + sigma);
		}
		if (sigma > SIMULATE_SIGMA_MAX) {
			throw new IllegalArgumentException("sigma must be in [0, " + SIMULATE_SIGMA_MAX + "] (noisy pixels must "
					+ "stay finite in 32-bit floats), got " + sigma);
		}
		Hyperstack x = ImagePlusBridge.read(input, "the image");
		String small = StackDeblur.sizeProblem(x.width(), x.height(), kernelSize);
		if (small != null) {
			throw new IllegalArgumentException(small);
		}
		String nonFinite = x.firstNonFinite();
		if (nonFinite != null) {
			throw new IllegalArgumentException("the image contains NaN or infinite values: " + nonFinite);
		}
		float[] k = KernelGenerator.random(f, kernelSize, seed);
		Hyperstack y = SimulatedBlur.apply(x, k, kernelSize, sigma, seed + 1);
		String bad = y.firstNonFinite();
		if (bad != null) {
			throw new IllegalArgumentException("the blurred image would hold infinite values (" + bad + "): the image's "
					+ "values or sigma are too large for 32-bit floats");
		}
		log().info(String.format(Locale.ROOT, "%s: %s kernel %dx%d (seed %d), noise sigma %s", NAME,
				f.name().toLowerCase(Locale.ROOT), kernelSize, kernelSize, seed, sigma));
		kernel = ImagePlusBridge.write(new Hyperstack(kernelSize, kernelSize, 1, 1, 1, new float[][] { k }),
				ImagePlusBridge.baseTitle(input) + "-blur-kernel", input);
		blurred = output(y, input, "-blurred");
	}

	/** family: one of the kernel families, matched ignoring case. */
	private static String choice(String v) {
		for (String a : new String[] { FAMILY_MOTION, FAMILY_GAUSSIAN, FAMILY_DEFOCUS, FAMILY_AIRY }) {
			if (v != null && a.equalsIgnoreCase(v.trim())) {
				return a;
			}
		}
		throw new IllegalArgumentException("family must be one of [" + FAMILY_MOTION + ", " + FAMILY_GAUSSIAN + ", "
				+ FAMILY_DEFOCUS + ", " + FAMILY_AIRY + "], got " + (v == null ? "nothing" : "'" + v + "'"));
	}
}
