/**
 * Images and their geometry: multi-channel float images, NCHW batch shapes, mirror padding to the solvers' periodic
 * model and its crop, tiles with blending weights for large images, and generated test images. The data that flows
 * between the stack layer and the solvers. Pure core.
 */
package org.fde.image;
