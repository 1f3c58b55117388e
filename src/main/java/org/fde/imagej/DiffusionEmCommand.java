package org.fde.imagej;

import static org.fde.stack.ParameterRanges.*;

import org.fde.stack.StackRequest;
import org.fde.stack.StackRequestBuilder;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Process &rsaquo; Deblur &rsaquo; Diffusion EM: the slow blind variant (outer iterations of a full non-blind
 * diffusion run followed by a kernel update). Same keys as {@link FastDiffusionEmCommand} plus
 * {@code outeriterations}.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Process>Deblur>Diffusion EM", label = "Diffusion EM",
		description = "Blind deblurring with a diffusion prior (Diffusion EM, the slow alternating variant)")
public final class DiffusionEmCommand extends BlindCommandBase {

	/** The macro command name (the menu leaf). */
	public static final String NAME = "Diffusion EM";

	@Parameter(label = "Outer iterations", description = HELP_OUTER_ITERATIONS, min = "" + OUTER_ITERATIONS_MIN, max = "" + OUTER_ITERATIONS_MAX,
			persist = false)
	private int outerIterations = OUTER_ITERATIONS_DEFAULT;

	@Override
	String commandName() {
		return NAME;
	}

	@Override
	StackRequest.Method method() {
		return StackRequest.Method.DIFFUSION_EM;
	}

	@Override
	StackRequestBuilder methodSettings(StackRequestBuilder b) {
		return b.outerIterations(outerIterations);
	}
}
