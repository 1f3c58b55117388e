package org.fde.imagej;

import static org.fde.stack.ParameterRanges.CHANNELS_DEFAULT;
import static org.fde.stack.ParameterRanges.CHANNELS_SEPARATE;
import static org.fde.stack.ParameterRanges.CHANNELS_SHARED;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_DEFAULT;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MIN;
import static org.fde.stack.ParameterRanges.SCOPE_DEFAULT;
import static org.fde.stack.ParameterRanges.SCOPE_PLANE;
import static org.fde.stack.ParameterRanges.SCOPE_STACK;

import java.util.Locale;

import org.fde.em.EmConfig;
import org.fde.stack.Hyperstack;
import org.fde.stack.StackDeblur;
import org.fde.stack.StackRequest;
import org.fde.stack.StackResult;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Process &rsaquo; Deblur &rsaquo; Classical Blind Deblur: the fast preview without the networks
 * ({@link StackRequest.Method#CLASSICAL}: the multiscale &ell;0 kernel estimate, then a sparse non-blind
 * deconvolution). Macro: {@code run("Classical Blind Deblur", "kernelsize=33 kernelscope=plane
 * channelkernels=shared")}. Keys: {@code input}, {@code kernelsize}, {@code kernelscope}, {@code channelkernels}; the
 * outputs are those of the diffusion blind commands without the uncertainty map.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Process>Deblur>Classical Blind Deblur",
		label = "Classical Blind Deblur", description = "Fast blind deblurring preview without the networks: a "
				+ "classical multiscale l0 kernel estimate and a sparse deconvolution")
public final class ClassicalBlindDeblurCommand extends DeblurCommandBase {

	/** The macro command name (the menu leaf). */
	public static final String NAME = "Classical Blind Deblur";

	@Parameter(label = "Image", description = Params.HELP_INPUT)
	private ImagePlus input;

	@Parameter(label = "Kernel size (px)", description = Params.HELP_KERNEL_SIZE, min = "" + KERNEL_SIZE_MIN,
			max = "" + KERNEL_SIZE_MAX, stepSize = "2", persist = false)
	private int kernelSize = KERNEL_SIZE_DEFAULT;

	@Parameter(label = "Kernel across Z/T", description = Params.HELP_SCOPE, choices = { SCOPE_PLANE, SCOPE_STACK },
			persist = false)
	private String kernelScope = SCOPE_DEFAULT;

	@Parameter(label = "Kernel across channels", description = Params.HELP_CHANNELS, choices = { CHANNELS_SHARED,
			CHANNELS_SEPARATE }, persist = false)
	private String channelKernels = CHANNELS_DEFAULT;

	@Parameter(type = ItemIO.OUTPUT, label = "Kernel")
	private ImagePlus kernel;

	@Parameter(type = ItemIO.OUTPUT, label = "Deblurred")
	private ImagePlus deblurred;

	@Override
	String commandName() {
		return NAME;
	}

	@Override
	void execute() {
		Params.kernelSize(kernelSize);
		boolean wholeStack = Params.wholeStack(kernelScope);
		boolean perChannel = Params.perChannel(channelKernels);
		Hyperstack y = ImagePlusBridge.read(input, "the image");
		int[] ref = currentSliceAndFrame(input);
		StackRequest request = StackRequest.blind(StackRequest.Method.CLASSICAL, EmConfig.builder().kernelSize(
				kernelSize).build(), 0, perChannel, wholeStack, ref[0], ref[1], false);
		long start = System.nanoTime();
		StackResult r = StackDeblur.run(y, request, null, null, null, this::isCanceled);
		for (String note : r.notes()) {
			log().info(NAME + ": " + note);
		}
		log().info(String.format(Locale.ROOT, "%s: done in %.1f s", NAME, (System.nanoTime() - start) * 1e-9));
		kernel = output(r.kernels(), input, "-kernel");
		deblurred = output(r.deblurred(), input, "-deblurred");
	}
}
