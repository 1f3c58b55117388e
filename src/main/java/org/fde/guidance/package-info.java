/**
 * Likelihood guidance of a diffusion step, behind the {@link org.fde.guidance.Guidance} interface: &Pi;GDM (eq. 17),
 * its masked form for padded measurements, and DPS (eq. 16). Given the current kernel's transfer function and the
 * residuals y &minus; k &#8859; x&#770;0 ({@link org.fde.guidance.Residual}), each gives the direction that the solvers
 * pull back through the network, and the step's weight. Pure core.
 */
package org.fde.guidance;
