/**
 * Likelihood guidance of a diffusion step: &Pi;GDM (eq. 17), its masked form for padded measurements, and DPS (eq. 16).
 * Given the current kernel and x&#770;0, each gives the direction that the solvers pull back through the network.
 * Pure core.
 */
package org.fde.guidance;
