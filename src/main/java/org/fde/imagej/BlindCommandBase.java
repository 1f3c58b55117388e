package org.fde.imagej;

import java.io.File;

import org.fde.em.EmConfig;
import org.fde.stack.Hyperstack;
import org.fde.stack.StackRequest;
import org.fde.stack.StackResult;
import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;

/**
 * The inputs and outputs of the two blind commands ({@link FastDiffusionEmCommand}, {@link DiffusionEmCommand}).
 * The macro keys are the lower-cased field names and must never change (pinned by {@code MacroKeysTest}).
 * <p>
 * Outputs: {@code kernel} (32-bit, kernelSize&sup2;; channels = 1 or C as {@code channelkernels} says; slices and
 * frames = the input's with {@code kernelscope=plane}, 1 with {@code kernelscope=stack}), {@code uncertaintyMap}
 * (optional) and {@code deblurred} (declared last so that it is shown last and is the active image afterwards).
 */
abstract class BlindCommandBase extends DeblurCommandBase {

	@Parameter(label = "Image", description = Params.HELP_INPUT)
	private ImagePlus input;

	@Parameter(label = "Kernel size (px)", description = Params.HELP_KERNEL_SIZE, min = "3", max = "129",
			stepSize = "2", persist = false)
	private int kernelSize = 33;

	@Parameter(label = "Noise sigma (0 = estimate)", description = Params.HELP_SIGMA, min = "0", persist = false)
	private double sigma = 0;

	@Parameter(label = "Steps", description = Params.HELP_STEPS, min = "2", max = "1000", persist = false)
	private int steps = 100;

	@Parameter(label = "Particles", description = Params.HELP_PARTICLES, min = "1", max = "64", persist = false)
	private int particles = 1;

	@Parameter(label = "Guidance", description = Params.HELP_GUIDANCE, choices = { Params.GUIDANCE_PIGDM,
			Params.GUIDANCE_DPS }, persist = false)
	private String guidance = Params.GUIDANCE_PIGDM;

	@Parameter(label = "Kernel prior weight (lambda)", description = Params.HELP_LAMBDA, min = "0",
			persist = false)
	private double lambda = 1.0;

	@Parameter(label = "Kernel across Z/T", description = Params.HELP_SCOPE, choices = { Params.SCOPE_PLANE,
			Params.SCOPE_STACK }, persist = false)
	private String kernelScope = Params.SCOPE_PLANE;

	@Parameter(label = "Kernel across channels", description = Params.HELP_CHANNELS, choices = {
			Params.CHANNELS_SHARED, Params.CHANNELS_SEPARATE }, persist = false)
	private String channelKernels = Params.CHANNELS_SHARED;

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

	@Parameter(label = "Kernel model folder (empty = shipped)", description = Params.HELP_KERNEL_MODEL,
			required = false, style = FileWidget.DIRECTORY_STYLE, persist = false)
	private File kernelModel;

	@Parameter(type = ItemIO.OUTPUT, label = "Kernel")
	private ImagePlus kernel;

	@Parameter(type = ItemIO.OUTPUT, label = "Uncertainty")
	private ImagePlus uncertaintyMap;

	@Parameter(type = ItemIO.OUTPUT, label = "Deblurred")
	private ImagePlus deblurred;

	/** FAST_EM or DIFFUSION_EM. */
	abstract StackRequest.Method method();

	/** The outer iterations of Diffusion EM (ignored by Fast EM). */
	abstract int outerIterations();

	@Override
	final void execute() {
		Params.kernelSize(kernelSize);
		Params.sigma(sigma);
		Params.range("steps", steps, 2, 1000);
		Params.range("particles", particles, 1, 64);
		Params.lambda(lambda);
		Params.tileSize(tileSize, kernelSize);
		boolean wholeStack = Params.choice("kernelscope", kernelScope, Params.SCOPE_PLANE, Params.SCOPE_STACK)
				.equals(Params.SCOPE_STACK);
		boolean perChannel = Params.choice("channelkernels", channelKernels, Params.CHANNELS_SHARED,
				Params.CHANNELS_SEPARATE).equals(Params.CHANNELS_SEPARATE);
		if (uncertainty && particles < 2) {
			throw new IllegalArgumentException("uncertainty needs particles >= 2 (it is the spread across "
					+ "particles), got particles=" + particles);
		}
		EmConfig config = EmConfig.builder().kernelSize(kernelSize).steps(steps).particles(particles)
				.guidance(Params.guidance(guidance)).lambda(lambda).outerIterations(outerIterations()).seed(seed)
				.build();
		Params.device(device);
		Hyperstack y = ImagePlusBridge.read(input, "the image");
		int[] ref = currentSliceAndFrame(input);
		StackRequest request = StackRequest.blind(method(), config, sigma, perChannel, wholeStack, ref[0], ref[1],
				uncertainty).withTileSize(tileSize);
		StackResult r = deblur(y, request, model, kernelModel, device, threads);
		kernel = output(r.kernels(), input, "-kernel");
		uncertaintyMap = output(r.uncertainty(), input, "-uncertainty");
		deblurred = output(r.deblurred(), input, "-deblurred");
	}
}
