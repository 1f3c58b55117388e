/**
 * The noise level of a measurement when the user leaves &sigma; to be estimated: a robust wavelet estimate
 * ({@link org.fde.noise.NoiseEstimator}). Feeds the solvers' &sigma;. Pure core.
 */
package org.fde.noise;
