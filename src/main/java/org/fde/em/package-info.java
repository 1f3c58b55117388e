/**
 * The solvers: {@link org.fde.em.FastEm} (Algorithm 2 of Laroche et al.), {@link org.fde.em.DiffusionEm} (the slow,
 * alternating variant) and {@link org.fde.em.NonBlind} (Algorithm 1, known kernel), with the hybrid
 * {@link org.fde.em.HybridEm}. Their settings: {@link org.fde.em.EmConfig} (the user's) and
 * {@link org.fde.em.EmTuning} (the measured values).
 * <p>
 * A run ({@code DiffusionRun}) is made of the measurement ({@code Measurement}: y's spectra per tile, the measured
 * pixels, missing-data completion), the tiled denoiser ({@code TiledDenoiser}: network batches over the tiles,
 * blending, the autograd graph and its VJP), the kernel update ({@code KernelUpdate}: the M-step and the centring),
 * the guidance ({@link org.fde.guidance.Guidance}) and the step recorder ({@code StepRecorder}: timers, diagnostics,
 * snapshots). Each reverse step ({@code Step}) exposes the five operations of Algorithm 2 in order: x&#770;0, M-step,
 * centring, guidance, sampler step.
 *
 * <p>Symbols (paper &rarr; code):
 * <table>
 * <caption>notation</caption>
 * <tr><td>x_t</td><td>the diffusion state, signed range [&minus;1, 1], NCHW batch of n particles</td></tr>
 * <tr><td>x&#770;0</td><td>the network's denoised estimate, clipped to [&minus;1, 1]; {@code x0Unit} on [0, 1]</td></tr>
 * <tr><td>y</td><td>the blurred, noisy measurement, unit range [0, 1]</td></tr>
 * <tr><td>k</td><td>the blur kernel, kernelSize&sup2;, &ge; 0, &Sigma;k = 1, origin at &lfloor;size/2&rfloor;</td></tr>
 * <tr><td>&sigma;</td><td>noise standard deviation on the unit range</td></tr>
 * <tr><td>&alpha;&#772;_t</td><td>{@code RespacedSchedule.alphaBar(k)}</td></tr>
 * <tr><td>r_t&sup2;</td><td>{@code RespacedSchedule.pigdmR2(k)} = &beta;&#771;/(1 + &beta;&#771;)</td></tr>
 * <tr><td>&lambda;, &beta;</td><td>M-step regularisation weight and HQS penalty, {@code MStepConfig}</td></tr>
 * </table>
 */
package org.fde.em;
