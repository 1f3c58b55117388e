package org.fde.imagej;

import static org.fde.stack.ParameterRanges.*;

import java.util.Locale;

import org.fde.stack.Hyperstack;
import org.fde.stack.StackDeblur;
import org.fde.stack.StackRequest;
import org.fde.stack.StackResult;
import org.fde.stack.UserParameter;
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

	@Parameter(label = "Image", description = HELP_INPUT)
	private ImagePlus input;

	@Parameter(label = "Kernel size (px)", description = HELP_KERNEL_SIZE, min = "" + KERNEL_SIZE_MIN,
			max = "" + KERNEL_SIZE_MAX, stepSize = "2", persist = false)
	private int kernelSize = KERNEL_SIZE_DEFAULT;

	@Parameter(label = "Kernel across Z/T", description = HELP_SCOPE, choices = { SCOPE_PLANE, SCOPE_STACK },
			persist = false)
	private String kernelScope = SCOPE_DEFAULT;

	@Parameter(label = "Kernel across channels", description = HELP_CHANNELS, choices = { CHANNELS_SHARED,
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
		int[] ref = currentSliceAndFrame(input);
		StackRequest request = StackRequest.builder(StackRequest.Method.CLASSICAL).kernelSize(kernelSize)
				.wholeStack(UserParameter.KERNEL_SCOPE.check(kernelScope).equals(SCOPE_STACK))
				.perChannel(UserParameter.CHANNEL_KERNELS.check(channelKernels).equals(CHANNELS_SEPARATE))
				.reference(ref[0], ref[1]).output(StackRequest.Output.SAMPLE).build();
		Hyperstack y = ImagePlusBridge.read(input, "the image");
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
