package org.fde.em;

/** Receives one call per diffusion step. Implementations must be cheap; they run on the solver's thread. */
@FunctionalInterface
public interface ProgressListener {

	/**
	 * @param done  steps finished so far (1-based)
	 * @param total total steps of the run (including outer iterations)
	 * @param d     what the step did
	 */
	void onStep(int done, int total, StepDiagnostics d);

	ProgressListener NONE = (done, total, d) -> {
	};
}
