package org.fde.imagej;

import static org.fde.stack.ParameterRanges.*;

import java.io.File;

import org.fde.guidance.GuidanceKind;
import org.fde.stack.Hyperstack;
import org.fde.stack.KnownKernels;
import org.fde.stack.StackRequest;
import org.fde.stack.StackRequestBuilder;
import org.fde.stack.StackResult;
import org.fde.stack.UserParameter;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;

/**
 * Process &rsaquo; Deblur &rsaquo; Diffusion Deconvolution: non-blind deblurring with a known kernel given as an
 * image (a measured PSF, or the kernel output of the blind commands or of Simulate Blur). Every Z/T plane is solved
 * with that kernel. The PSF is one plane shared by all channels, or one plane per channel (a C-channel image; an RGB
 * PSF for an RGB image); its window becomes the kernel size (see {@link KnownKernels}). Macro keys: the lower-cased
 * field names, pinned by {@code MacroKeysTest}. The parameters shared with the blind commands are declared here and
 * in {@link BlindCommandBase}, which says why.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Process>Deblur>Diffusion Deconvolution",
		label = "Diffusion Deconvolution", description = "Non-blind deblurring with a diffusion prior and a known "
				+ "kernel (PSF) image")
public final class DiffusionDeconvolutionCommand extends DeblurCommandBase {

	/** The macro command name (the menu leaf). */
	public static final String NAME = "Diffusion Deconvolution";

	@Parameter(label = "Image", description = HELP_INPUT)
	private ImagePlus input;

	@Parameter(label = "Kernel (PSF) image", description = HELP_PSF, autoFill = false)
	private ImagePlus psf;

	@Parameter(label = "Noise sigma (0 = estimate)", description = HELP_SIGMA, min = "0", persist = false)
	private double sigma = SIGMA_DEFAULT;

	@Parameter(label = "Steps", description = HELP_STEPS, min = "" + STEPS_MIN, max = "" + STEPS_MAX,
			persist = false)
	private int steps = NON_BLIND_STEPS_DEFAULT;

	@Parameter(label = "Particles", description = HELP_PARTICLES, min = "" + PARTICLES_MIN,
			max = "" + PARTICLES_MAX, persist = false)
	private int particles = PARTICLES_DEFAULT;

	@Parameter(label = "Guidance", description = HELP_GUIDANCE, choices = { GUIDANCE_PIGDM, GUIDANCE_DPS },
			persist = false)
	private String guidance = GUIDANCE_DEFAULT;

	@Parameter(label = "Output", description = HELP_OUTPUT, choices = { OUTPUT_ESTIMATE,
			OUTPUT_SAMPLE }, persist = false)
	private String output = OUTPUT_DEFAULT;

	@Parameter(label = "Show uncertainty map", description = HELP_UNCERTAINTY, persist = false)
	private boolean uncertainty = false;

	@Parameter(label = "Tile size (px, 0 = automatic)", description = HELP_TILE_SIZE, min = "0",
			max = "" + TILE_SIZE_MAX, persist = false)
	private int tileSize = TILE_SIZE_DEFAULT;

	@Parameter(label = "Seed", description = HELP_SEED, persist = false)
	private long seed = SEED_DEFAULT;

	@Parameter(label = "Device", description = HELP_DEVICE, choices = { DEVICE_AUTO, DEVICE_CPU, DEVICE_GPU },
			persist = false)
	private String device = DEVICE_DEFAULT;

	@Parameter(label = "Threads (0 = default)", description = HELP_THREADS, min = "0",
			max = "" + THREADS_MAX, persist = false)
	private int threads = THREADS_DEFAULT;

	@Parameter(label = "Image model folder (empty = shipped)", description = HELP_MODEL, required = false,
			style = FileWidget.DIRECTORY_STYLE, persist = false)
	private File model;

	@Parameter(label = "Prior ensemble (1 = fast, 2 = rotation ensemble)", description = HELP_ENSEMBLE,
			min = "" + ENSEMBLE_MIN, max = "" + ENSEMBLE_MAX, persist = false)
	private int ensemble = ENSEMBLE_DEFAULT;

	@Parameter(type = ItemIO.OUTPUT, label = "Uncertainty")
	private ImagePlus uncertaintyMap;

	@Parameter(type = ItemIO.OUTPUT, label = "Deblurred")
	private ImagePlus deblurred;

	@Override
	String commandName() {
		return NAME;
	}

	@Override
	void execute() {
		StackRequestBuilder b = StackRequest.builder(StackRequest.Method.NON_BLIND).sigma(sigma).steps(steps)
				.particles(particles).guidance(UserParameter.GUIDANCE.check(guidance, GuidanceKind.class))
				.uncertainty(uncertainty).output(UserParameter.OUTPUT.check(output, StackRequest.Output.class))
				.seed(seed);
		Hyperstack y = ImagePlusBridge.read(input, "the image");
		KnownKernels known = KnownKernels.fromPsf(ImagePlusBridge.read(psf, "the PSF (psf)"), y.channels());
		StackRequest request = b.known(known).tileSize(tileSize).build();
		StackResult r = deblur(y, request, model, null, device, threads, ensemble);
		uncertaintyMap = output(r.uncertainty(), input, "-uncertainty");
		deblurred = output(r.deblurred(), input, "-deblurred");
		describe(deblurred, r);
	}
}
