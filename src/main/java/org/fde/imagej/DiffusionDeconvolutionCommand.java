package org.fde.imagej;

import static org.fde.stack.ParameterRanges.DEVICE_AUTO;
import static org.fde.stack.ParameterRanges.DEVICE_CPU;
import static org.fde.stack.ParameterRanges.DEVICE_DEFAULT;
import static org.fde.stack.ParameterRanges.DEVICE_GPU;
import static org.fde.stack.ParameterRanges.ENSEMBLE_DEFAULT;
import static org.fde.stack.ParameterRanges.ENSEMBLE_MAX;
import static org.fde.stack.ParameterRanges.ENSEMBLE_MIN;
import static org.fde.stack.ParameterRanges.GUIDANCE_DEFAULT;
import static org.fde.stack.ParameterRanges.GUIDANCE_DPS;
import static org.fde.stack.ParameterRanges.GUIDANCE_PIGDM;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.PARTICLES_DEFAULT;
import static org.fde.stack.ParameterRanges.PARTICLES_MAX;
import static org.fde.stack.ParameterRanges.PARTICLES_MIN;
import static org.fde.stack.ParameterRanges.SEED_DEFAULT;
import static org.fde.stack.ParameterRanges.SIGMA_DEFAULT;
import static org.fde.stack.ParameterRanges.NON_BLIND_STEPS_DEFAULT;
import static org.fde.stack.ParameterRanges.STEPS_MAX;
import static org.fde.stack.ParameterRanges.STEPS_MIN;
import static org.fde.stack.ParameterRanges.THREADS_DEFAULT;
import static org.fde.stack.ParameterRanges.THREADS_MAX;
import static org.fde.stack.ParameterRanges.TILE_SIZE_DEFAULT;
import static org.fde.stack.ParameterRanges.TILE_SIZE_MAX;

import java.io.File;

import org.fde.em.EmConfig;
import org.fde.stack.Hyperstack;
import org.fde.stack.KnownKernels;
import org.fde.stack.ParameterRanges;
import org.fde.stack.StackRequest;
import org.fde.stack.StackResult;
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

	@Parameter(label = "Image", description = Params.HELP_INPUT)
	private ImagePlus input;

	@Parameter(label = "Kernel (PSF) image", description = "The known blur kernel (one plane, or one per channel, at "
			+ "most " + KERNEL_SIZE_MAX + " pixels wide and high, centred), clipped at 0 and normalised to sum 1.",
			autoFill = false)
	private ImagePlus psf;

	@Parameter(label = "Noise sigma (0 = estimate)", description = Params.HELP_SIGMA, min = "0", persist = false)
	private double sigma = SIGMA_DEFAULT;

	@Parameter(label = "Steps", description = Params.HELP_STEPS, min = "" + STEPS_MIN, max = "" + STEPS_MAX,
			persist = false)
	private int steps = NON_BLIND_STEPS_DEFAULT;

	@Parameter(label = "Particles", description = Params.HELP_PARTICLES, min = "" + PARTICLES_MIN,
			max = "" + PARTICLES_MAX, persist = false)
	private int particles = PARTICLES_DEFAULT;

	@Parameter(label = "Guidance", description = Params.HELP_GUIDANCE, choices = { GUIDANCE_PIGDM, GUIDANCE_DPS },
			persist = false)
	private String guidance = GUIDANCE_DEFAULT;

	@Parameter(label = "Output", description = Params.HELP_OUTPUT, choices = { ParameterRanges.OUTPUT_ESTIMATE,
			ParameterRanges.OUTPUT_SAMPLE }, persist = false)
	private String output = ParameterRanges.OUTPUT_DEFAULT;

	@Parameter(label = "Show uncertainty map", description = Params.HELP_UNCERTAINTY, persist = false)
	private boolean uncertainty = false;

	@Parameter(label = "Tile size (px, 0 = automatic)", description = Params.HELP_TILE_SIZE, min = "0",
			max = "" + TILE_SIZE_MAX, persist = false)
	private int tileSize = TILE_SIZE_DEFAULT;

	@Parameter(label = "Seed", description = Params.HELP_SEED, persist = false)
	private long seed = SEED_DEFAULT;

	@Parameter(label = "Device", description = Params.HELP_DEVICE, choices = { DEVICE_AUTO, DEVICE_CPU, DEVICE_GPU },
			persist = false)
	private String device = DEVICE_DEFAULT;

	@Parameter(label = "Threads (0 = default)", description = Params.HELP_THREADS, min = "0",
			max = "" + THREADS_MAX, persist = false)
	private int threads = THREADS_DEFAULT;

	@Parameter(label = "Image model folder (empty = shipped)", description = Params.HELP_MODEL, required = false,
			style = FileWidget.DIRECTORY_STYLE, persist = false)
	private File model;

	@Parameter(label = "Prior ensemble (1 = fast, 2 = rotation ensemble)", description = Params.HELP_ENSEMBLE,
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
		Params.sigma(sigma);
		Params.steps(steps);
		Params.particles(particles);
		Params.uncertainty(uncertainty, particles);
		StackRequest.Output kind = Params.output(output);
		Params.device(device);
		Params.guidance(guidance);
		Hyperstack y = ImagePlusBridge.read(input, "the image");
		KnownKernels known = KnownKernels.fromPsf(ImagePlusBridge.read(psf, "the PSF (psf)"), y.channels());
		EmConfig config = EmConfig.builder().kernelSize(known.size()).steps(steps).particles(particles)
				.guidance(Params.guidance(guidance)).seed(seed).build();
		Params.tileSize(tileSize, known.size());
		StackRequest request = StackRequest.nonBlind(config, sigma, known.kernels(), uncertainty).withTileSize(
				tileSize).withOutput(kind);
		StackResult r = deblur(y, request, model, null, device, threads, ensemble);
		uncertaintyMap = output(r.uncertainty(), input, "-uncertainty");
		deblurred = output(r.deblurred(), input, "-deblurred");
		describe(deblurred, r);
	}
}
