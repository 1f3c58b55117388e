/**
 * The Fiji commands (Process &rsaquo; Deblur): SciJava command plugins that validate their parameters, convert the
 * ImagePlus to a float hyperstack, run the stack layer and return the deblurred stack and the kernel as new images.
 * Thin adapter over {@code org.fde.stack}.
 */
package org.fde.imagej;
