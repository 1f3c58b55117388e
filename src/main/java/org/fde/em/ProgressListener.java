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

	/**
	 * Whether {@link #onSnapshot} should receive the state after step {@code done} (called after {@link #onStep}).
	 * Default: never, so that runs copy nothing for listeners that do not ask.
	 */
	default boolean wantsSnapshot(int done, int total) {
		return false;
	}

	/** The state after a step for which {@link #wantsSnapshot} said yes. */
	default void onSnapshot(Snapshot s) {
	}

	ProgressListener NONE = (done, total, d) -> {
	};
}
