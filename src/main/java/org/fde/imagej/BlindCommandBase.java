package org.fde.imagej;

import static org.fde.stack.ParameterRanges.CHANNELS_DEFAULT;
import static org.fde.stack.ParameterRanges.CHANNELS_SEPARATE;
import static org.fde.stack.ParameterRanges.CHANNELS_SHARED;
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
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_DEFAULT;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MIN;
import static org.fde.stack.ParameterRanges.LAMBDA_DEFAULT;
import static org.fde.stack.ParameterRanges.PARTICLES_DEFAULT;
import static org.fde.stack.ParameterRanges.PARTICLES_MAX;
import static org.fde.stack.ParameterRanges.PARTICLES_MIN;
import static org.fde.stack.ParameterRanges.SCOPE_DEFAULT;
import static org.fde.stack.ParameterRanges.SCOPE_PLANE;
import static org.fde.stack.ParameterRanges.SCOPE_STACK;
import static org.fde.stack.ParameterRanges.SEED_DEFAULT;
import static org.fde.stack.ParameterRanges.SIGMA_DEFAULT;
import static org.fde.stack.ParameterRanges.BLIND_STEPS_DEFAULT;
import static org.fde.stack.ParameterRanges.STEPS_MAX;
import static org.fde.stack.ParameterRanges.STEPS_MIN;
import static org.fde.stack.ParameterRanges.THREADS_DEFAULT;
import static org.fde.stack.ParameterRanges.THREADS_MAX;
import static org.fde.stack.ParameterRanges.TILE_SIZE_DEFAULT;
import static org.fde.stack.ParameterRanges.TILE_SIZE_MAX;

import java.io.File;

import org.fde.em.EmConfig;
import org.fde.stack.Hyperstack;
import org.fde.stack.ParameterRanges;
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
 * <p>
 * The parameters this class shares with {@link DiffusionDeconvolutionCommand} are declared in both, not once in
 * {@link DeblurCommandBase}: SciJava lists a superclass's parameters before the subclass's, so moving them up would
 * reorder the dialog and the recorded macro line (both pinned by {@code MacroKeysTest}). Their defaults, ranges and
 * choices come from {@link org.fde.stack.ParameterRanges}, their help texts and validation from {@link Params}.
 */
abstract class BlindCommandBase extends DeblurCommandBase {

	@Parameter(label = "Image", description = Params.HELP_INPUT)
	private ImagePlus input;

	@Parameter(label = "Kernel size (px)", description = Params.HELP_KERNEL_SIZE, min = "" + KERNEL_SIZE_MIN,
			max = "" + KERNEL_SIZE_MAX, stepSize = "2", persist = false)
	private int kernelSize = KERNEL_SIZE_DEFAULT;

	@Parameter(label = "Noise sigma (0 = estimate)", description = Params.HELP_SIGMA, min = "0", persist = false)
	private double sigma = SIGMA_DEFAULT;

	@Parameter(label = "Steps", description = Params.HELP_STEPS, min = "" + STEPS_MIN, max = "" + STEPS_MAX,
			persist = false)
	private int steps = BLIND_STEPS_DEFAULT;

	@Parameter(label = "Particles", description = Params.HELP_PARTICLES, min = "" + PARTICLES_MIN,
			max = "" + PARTICLES_MAX, persist = false)
	private int particles = PARTICLES_DEFAULT;

	@Parameter(label = "Guidance", description = Params.HELP_GUIDANCE, choices = { GUIDANCE_PIGDM, GUIDANCE_DPS },
			persist = false)
	private String guidance = GUIDANCE_DEFAULT;

	@Parameter(label = "Kernel prior weight (lambda)", description = Params.HELP_LAMBDA, min = "0",
			persist = false)
	private double lambda = LAMBDA_DEFAULT;

	@Parameter(label = "Kernel across Z/T", description = Params.HELP_SCOPE, choices = { SCOPE_PLANE, SCOPE_STACK },
			persist = false)
	private String kernelScope = SCOPE_DEFAULT;

	@Parameter(label = "Kernel across channels", description = Params.HELP_CHANNELS, choices = { CHANNELS_SHARED,
			CHANNELS_SEPARATE }, persist = false)
	private String channelKernels = CHANNELS_DEFAULT;

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

	@Parameter(label = "Kernel model folder (empty = shipped)", description = Params.HELP_KERNEL_MODEL,
			required = false, style = FileWidget.DIRECTORY_STYLE, persist = false)
	private File kernelModel;

	@Parameter(label = "Prior ensemble (1 = fast, 2 = rotation ensemble)", description = Params.HELP_ENSEMBLE,
			min = "" + ENSEMBLE_MIN, max = "" + ENSEMBLE_MAX, persist = false)
	private int ensemble = ENSEMBLE_DEFAULT;

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

	/** Fast EM's restarts after a failed run (0 for Diffusion EM, which has none). */
	abstract int restarts();

	@Override
	final void execute() {
		Params.kernelSize(kernelSize);
		Params.sigma(sigma);
		Params.steps(steps);
		Params.particles(particles);
		Params.lambda(lambda);
		Params.tileSize(tileSize, kernelSize);
		boolean wholeStack = Params.wholeStack(kernelScope);
		boolean perChannel = Params.perChannel(channelKernels);
		Params.uncertainty(uncertainty, particles);
		StackRequest.Output kind = Params.output(output);
		EmConfig config = EmConfig.builder().kernelSize(kernelSize).steps(steps).particles(particles)
				.guidance(Params.guidance(guidance)).lambda(lambda).outerIterations(outerIterations()).seed(seed)
				.restarts(restarts()).build();
		Params.device(device);
		Hyperstack y = ImagePlusBridge.read(input, "the image");
		int[] ref = currentSliceAndFrame(input);
		StackRequest request = StackRequest.blind(method(), config, sigma, perChannel, wholeStack, ref[0], ref[1],
				uncertainty).withTileSize(tileSize).withOutput(kind);
		StackResult r = deblur(y, request, model, kernelModel, device, threads, ensemble);
		kernel = output(r.kernels(), input, "-kernel");
		uncertaintyMap = output(r.uncertainty(), input, "-uncertainty");
		deblurred = output(r.deblurred(), input, "-deblurred");
		for (String failure : r.failures()) {
			log().warn(commandName() + ": FAILED estimate, " + failure);
		}
		if (!r.failures().isEmpty()) { // kept with the images (saved in a TIFF's info)
			deblurred.setProperty("Info", r.failureInfo());
			kernel.setProperty("Info", r.failureInfo());
		}
		describe(deblurred, r);
	}
}
