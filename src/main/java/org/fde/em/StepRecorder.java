package org.fde.em;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.fde.fft.Fft2;
import org.fde.guidance.Residual;
import org.fde.image.BatchShape;
import org.fde.image.Image;
import org.fde.score.ValueRange;

/**
 * The bookkeeping of a run: the cancellation poll, the timers of the step in progress (network, M-step, the rest),
 * its residual, the per-step {@link StepDiagnostics}, the listener's progress calls and snapshots.
 */
final class StepRecorder {

	private final ProgressListener listener;
	private final BooleanSupplier cancelled;
	private final int totalSteps;
	private final long start = System.nanoTime();
	private final List<StepDiagnostics> diagnostics = new ArrayList<>();
	private int done;

	// the step in progress
	private long stepStart;
	private double networkSeconds;
	private double mStepSeconds;
	private double residual2;
	private int residualPlanes;

	StepRecorder(int totalSteps, ProgressListener listener, BooleanSupplier cancelled) {
		this.totalSteps = totalSteps;
		this.listener = listener == null ? ProgressListener.NONE : listener;
		this.cancelled = cancelled == null ? () -> false : cancelled;
	}

	/** Starts a step: throws if the run was cancelled, and resets the step's timers and residual. */
	void begin(int k, int steps) {
		if (cancelled.getAsBoolean()) {
			throw new CancellationException("cancelled at step " + (steps - k) + " of " + steps);
		}
		stepStart = System.nanoTime();
		networkSeconds = 0;
		mStepSeconds = 0;
		residual2 = 0;
		residualPlanes = 0;
	}

	/** Adds the time since {@code since} (System.nanoTime) to the step's network time. */
	void network(long since) {
		networkSeconds += (System.nanoTime() - since) * 1e-9;
	}

	/** Adds the time since {@code since} (System.nanoTime) to the step's M-step time. */
	void mStep(long since) {
		mStepSeconds += (System.nanoTime() - since) * 1e-9;
	}

	/** Adds planes' residuals to the step's residual RMS. */
	void residuals(Residual[] residuals) {
		for (Residual r : residuals) {
			residual2 += r.energy();
		}
		residualPlanes += residuals.length;
	}

	/**
	 * Ends a step: records its diagnostics and tells the listener; a snapshot of x&#770;0 (first particle) and the
	 * kernel when the listener asks for one.
	 *
	 * @param fft the tiles' FFT (the residual's RMS by Parseval)
	 */
	void end(int outer, int k, int timestep, double kernelChange, Fft2 fft, float[] x0, BatchShape shape,
			float[] kernel, int kernelSize) {
		double n = (double) fft.height() * fft.width();
		double rms = Math.sqrt(residual2 / n / (n * residualPlanes));
		double total = (System.nanoTime() - stepStart) * 1e-9;
		StepDiagnostics d = new StepDiagnostics(outer, k, timestep, rms, kernelChange, networkSeconds, mStepSeconds,
				total - networkSeconds - mStepSeconds);
		diagnostics.add(d);
		listener.onStep(++done, totalSteps, d);
		if (listener.wantsSnapshot(done, totalSteps)) { // for figures: x^0 (first particle) and the kernel
			listener.onSnapshot(new Snapshot(done, totalSteps, Image.fromBatch(ValueRange.toUnit(x0), shape, 0), kernel,
					kernelSize));
		}
	}

	/** The diagnostics of the steps so far. */
	List<StepDiagnostics> diagnostics() {
		return List.copyOf(diagnostics);
	}

	/** Seconds since the run started. */
	double elapsedSeconds() {
		return (System.nanoTime() - start) * 1e-9;
	}
}
