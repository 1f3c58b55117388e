/**
 * The diffusion noise schedule (linear betas) and its respacing to the number of sampling steps: &alpha;&#772;, the
 * posterior coefficients and &Pi;GDM's r&sup2;, as read by the samplers and the guidance. Pure core.
 */
package org.fde.schedule;
