package org.fde.kernel;

/**
 * The noise level the M-step tells its kernel prior (the level map of the plug-and-play denoiser; priors with an
 * explicit proximal step, &ell;1 and &ell;2, use &lambda;/&beta; and ignore it).
 */
public enum PriorLevel {

	/**
	 * sqrt(&lambda;/&beta;), the paper's and the official code's level (ALGORITHM.md &sect;5.2 step 4): the same at
	 * every noise level &sigma; and for every image. The default.
	 */
	LAMBDA_OVER_BETA,

	/**
	 * sqrt(&lambda;)&middot;s, with s the standard deviation of the noise that the measurement noise leaves in the
	 * data step's kernel ({@link HqsKernelEstimator#dataNoiseStd}): the denoiser is told the noise it actually sees
	 * (white-noise model), so &lambda; = 1 means "the level of its input" at every &sigma; and for every image.
	 * s &le; 1/(2 sqrt(&beta;C)) for C channels, whatever &sigma;, and s &rarr; 0 as &sigma; &rarr; 0, where the
	 * paper's level keeps smoothing a kernel that the data already pin down. An alternative to the paper's formula,
	 * measured in the benchmark's kernel-prior ablation (protocol F4); not the default.
	 */
	DATA_NOISE
}
