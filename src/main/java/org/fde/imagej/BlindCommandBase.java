package org.fde.imagej;

import static org.fde.stack.ParameterRanges.*;

import java.io.File;

import org.fde.guidance.GuidanceKind;
import org.fde.stack.Hyperstack;
import org.fde.stack.ParameterRanges;
import org.fde.stack.StackRequest;
import org.fde.stack.StackRequestBuilder;
import org.fde.stack.StackResult;
import org.fde.stack.UserParameter;
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
 * choices and help texts come from {@link org.fde.stack.ParameterRanges}, their validation from
 * {@link UserParameter} when the {@link StackRequest} is built.
 */
abstract class BlindCommandBase extends DeblurCommandBase {

	@Parameter(label = "Image", description = HELP_INPUT)
	private ImagePlus input;

	@Parameter(label = "Kernel size (px)", description = HELP_KERNEL_SIZE, min = "" + KERNEL_SIZE_MIN,
			max = "" + KERNEL_SIZE_MAX, stepSize = "2", persist = false)
	private int kernelSize = KERNEL_SIZE_DEFAULT;

	@Parameter(label = "Noise sigma (0 = estimate)", description = HELP_SIGMA, min = "0", persist = false)
	private double sigma = SIGMA_DEFAULT;

	@Parameter(label = "Steps", description = HELP_STEPS, min = "" + STEPS_MIN, max = "" + STEPS_MAX,
			persist = false)
	private int steps = BLIND_STEPS_DEFAULT;

	@Parameter(label = "Particles", description = HELP_PARTICLES, min = "" + PARTICLES_MIN,
			max = "" + PARTICLES_MAX, persist = false)
	private int particles = PARTICLES_DEFAULT;

	@Parameter(label = "Guidance", description = HELP_GUIDANCE, choices = { GUIDANCE_PIGDM, GUIDANCE_DPS },
			persist = false)
	private String guidance = GUIDANCE_DEFAULT;

	@Parameter(label = "Kernel prior weight (lambda)", description = HELP_LAMBDA, min = "0",
			persist = false)
	private double lambda = LAMBDA_DEFAULT;

	@Parameter(label = "Kernel across Z/T", description = HELP_SCOPE, choices = { SCOPE_PLANE, SCOPE_STACK },
			persist = false)
	private String kernelScope = SCOPE_DEFAULT;

	@Parameter(label = "Kernel across channels", description = HELP_CHANNELS, choices = { CHANNELS_SHARED,
			CHANNELS_SEPARATE }, persist = false)
	private String channelKernels = CHANNELS_DEFAULT;

	@Parameter(label = "Output", description = HELP_OUTPUT, choices = { ParameterRanges.OUTPUT_ESTIMATE,
			ParameterRanges.OUTPUT_SAMPLE }, persist = false)
	private String output = ParameterRanges.OUTPUT_DEFAULT;

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

	@Parameter(label = "Kernel model folder (empty = shipped)", description = HELP_KERNEL_MODEL,
			required = false, style = FileWidget.DIRECTORY_STYLE, persist = false)
	private File kernelModel;

	@Parameter(label = "Prior ensemble (1 = fast, 2 = rotation ensemble)", description = HELP_ENSEMBLE,
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

	/** The method's own settings (outer iterations, restarts) on top of the shared ones. */
	abstract StackRequestBuilder methodSettings(StackRequestBuilder b);

	@Override
	final void execute() {
		int[] ref = currentSliceAndFrame(input);
		StackRequest request = methodSettings(StackRequest.builder(method()).kernelSize(kernelSize).sigma(sigma)
				.steps(steps).particles(particles).guidance(UserParameter.GUIDANCE.check(guidance, GuidanceKind.class))
				.lambda(lambda).wholeStack(UserParameter.KERNEL_SCOPE.check(kernelScope).equals(SCOPE_STACK))
				.perChannel(UserParameter.CHANNEL_KERNELS.check(channelKernels).equals(CHANNELS_SEPARATE))
				.reference(ref[0], ref[1]).uncertainty(uncertainty).tileSize(tileSize)
				.output(UserParameter.OUTPUT.check(output, StackRequest.Output.class)).seed(seed))
				.build();
		Hyperstack y = ImagePlusBridge.read(input, "the image");
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
