package org.fde.imagej;

import static org.fde.stack.ParameterRanges.*;

import org.fde.stack.StackRequest;
import org.fde.stack.StackRequestBuilder;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Process &rsaquo; Deblur &rsaquo; Fast Diffusion EM: blind deblurring (joint kernel and image estimation) with
 * Fast Diffusion EM (Laroche, Almansa, Coupete, WACV 2024). Macro:
 * {@code run("Fast Diffusion EM", "kernelsize=33 sigma=0 steps=50 ...")}; the keys are listed in
 * {@link BlindCommandBase}.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Process>Deblur>Fast Diffusion EM",
		label = "Fast Diffusion EM", description = "Blind deblurring with a diffusion prior (Fast Diffusion EM): "
				+ "estimates the blur kernel and the sharp image")
public final class FastDiffusionEmCommand extends BlindCommandBase {

	/** The macro command name (the menu leaf). */
	public static final String NAME = "Fast Diffusion EM";

	@Parameter(label = "Restarts after a failed run", description = HELP_RESTARTS, min = "" + RESTARTS_MIN,
			max = "" + RESTARTS_MAX, persist = false)
	private int restarts = RESTARTS_DEFAULT;

	@Parameter(label = "Seed with the classical kernel", description = HELP_CLASSICAL_SEED, persist = false)
	private boolean classicalSeed = CLASSICAL_SEED_DEFAULT;

	@Override
	String commandName() {
		return NAME;
	}

	@Override
	StackRequest.Method method() {
		return classicalSeed ? StackRequest.Method.HYBRID : StackRequest.Method.FAST_EM;
	}

	@Override
	StackRequestBuilder methodSettings(StackRequestBuilder b) {
		return b.restarts(restarts);
	}
}
