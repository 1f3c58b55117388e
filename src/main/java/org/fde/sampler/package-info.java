/**
 * One reverse-diffusion step x_t &rarr; x_{t&minus;1} from x&#770;0 (DDPM, the paper's sampler). Called by the solvers after the
 * guidance. Pure core.
 */
package org.fde.sampler;
