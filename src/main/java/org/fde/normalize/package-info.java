/**
 * Intensity normalisation between an image's own scale and the solvers' unit range [0, 1]
 * ({@link org.fde.normalize.PercentileNormalization}). Pure Java: no framework imports.
 */
package org.fde.normalize;
