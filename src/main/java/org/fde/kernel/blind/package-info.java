/**
 * The classical blind kernel estimate: a multiscale &ell;0 method (image pyramid, &ell;0-sparse latent image, kernel
 * step on gradients, clean-up) that needs no network. It seeds Fast EM in the hybrid method
 * ({@link org.fde.em.HybridEm}) and, with a sparse deconvolution, is the fast classical preview. Pure core.
 */
package org.fde.kernel.blind;
