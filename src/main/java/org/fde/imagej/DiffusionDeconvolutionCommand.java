package org.fde.imagej;

import java.io.File;

import org.fde.em.EmConfig;
import org.fde.stack.Hyperstack;
import org.fde.stack.KnownKernels;
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
 * field names, pinned by {@code MacroKeysTest}.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Process>Deblur>Diffusion Deconvolution",
		label = "Diffusion Deconvolution", description = "Non-blind deblurring with a diffusion prior and a known "
				+ "kernel (PSF) image")
public final class DiffusionDeconvolutionCommand extends DeblurCommandBase {

	/** The macro command name (the menu leaf). */
	public static final String NAME = "Diffusion Deconvolution";

	@Parameter(label = "Image", description = Params.HELP_INPUT)
	private ImagePlus input;

	@Parameter(label = "Kernel (PSF) image", description = "The known blur kernel: one plane (all channels) or one "
			+ "plane per channel, at most 129 pixels wide and high, centred on its middle pixel. It is clipped at 0 "
			+ "and normalised to sum 1.", autoFill = false)
	private ImagePlus psf;

	@Parameter(label = "Noise sigma (0 = estimate)", description = Params.HELP_SIGMA, min = "0", persist = false)
	private double sigma = 0;

	@Parameter(label = "Steps", description = Params.HELP_STEPS, min = "2", max = "1000", persist = false)
	private int steps = 100;

	@Parameter(label = "Particles", description = Params.HELP_PARTICLES, min = "1", max = "64", persist = false)
	private int particles = 1;

	@Parameter(label = "Guidance", description = Params.HELP_GUIDANCE, choices = { Params.GUIDANCE_PIGDM,
			Params.GUIDANCE_DPS }, persist = false)
	private String guidance = Params.GUIDANCE_PIGDM;

	@Parameter(label = "Show uncertainty map", description = Params.HELP_UNCERTAINTY, persist = false)
	private boolean uncertainty = false;

	@Parameter(label = "Tile size (px, 0 = automatic)", description = Params.HELP_TILE_SIZE, min = "0",
			max = "65536", persist = false)
	private int tileSize = 0;

	@Parameter(label = "Seed", description = Params.HELP_SEED, persist = false)
	private long seed = 0;

	@Parameter(label = "Device", description = Params.HELP_DEVICE, choices = { Params.DEVICE_AUTO,
			Params.DEVICE_CPU, Params.DEVICE_GPU }, persist = false)
	private String device = Params.DEVICE_AUTO;

	@Parameter(label = "Threads (0 = default)", description = Params.HELP_THREADS, min = "0", max = "256",
			persist = false)
	private int threads = 0;

	@Parameter(label = "Image model folder (empty = shipped)", description = Params.HELP_MODEL, required = false,
			style = FileWidget.DIRECTORY_STYLE, persist = false)
	private File model;

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
		Params.range("steps", steps, 2, 1000);
		Params.range("particles", particles, 1, 64);
		if (uncertainty && particles < 2) {
			throw new IllegalArgumentException("uncertainty needs particles >= 2 (it is the spread across "
					+ "particles), got particles=" + particles);
		}
		Params.device(device);
		Params.guidance(guidance);
		Hyperstack y = ImagePlusBridge.read(input, "the image");
		KnownKernels known = KnownKernels.fromPsf(ImagePlusBridge.read(psf, "the PSF (psf)"), y.channels());
		EmConfig config = EmConfig.builder().kernelSize(known.size()).steps(steps).particles(particles)
				.guidance(Params.guidance(guidance)).seed(seed).build();
		Params.tileSize(tileSize, known.size());
		StackRequest request = StackRequest.nonBlind(config, sigma, known.kernels(), uncertainty).withTileSize(
				tileSize);
		StackResult r = deblur(y, request, model, null, device, threads);
		uncertaintyMap = output(r.uncertainty(), input, "-uncertainty");
		deblurred = output(r.deblurred(), input, "-deblurred");
	}
}
