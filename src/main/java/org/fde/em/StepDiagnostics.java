package org.fde.em;

/**
 * What one diffusion step did, for progress bars, benchmarks and debugging.
 *
 * @param outer          outer EM iteration (0 for Fast EM and non-blind runs)
 * @param step           step index k (K&minus;1 down to 0)
 * @param timestep       original timestep m(k) given to the network
 * @param residual       RMS of k &#8859; x&#770;0 &minus; y over all pixels, channels and particles (unit range)
 * @param kernelChange   &Vert;k_new &minus; k_old&Vert;&#8322; of the (first) kernel at this step (0 if unchanged)
 * @param networkSeconds time in the network: forward, VJP, and freeing the graph kept for the VJP
 * @param mStepSeconds   time in the M-step and the kernel centring
 * @param guidanceSeconds time in guidance, FFTs and sampler arithmetic
 */
public record StepDiagnostics(int outer, int step, int timestep, double residual, double kernelChange,
		double networkSeconds, double mStepSeconds, double guidanceSeconds) {

	public double totalSeconds() {
		return networkSeconds + mStepSeconds + guidanceSeconds;
	}
}
