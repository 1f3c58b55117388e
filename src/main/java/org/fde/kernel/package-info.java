/**
 * The M-step: the kernel update of eq. 24 by half-quadratic splitting ({@link org.fde.kernel.HqsKernelEstimator}), its
 * priors (plug-and-play network, &ell;1, &ell;2, projection), centring (&sect;5.3) and small kernel helpers. Called by
 * the solvers of {@code org.fde.em} once per step with the current x&#770;0. Pure core.
 */
package org.fde.kernel;
