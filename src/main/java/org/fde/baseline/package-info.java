/**
 * Classical non-blind deconvolution with a known kernel (Wiener, Richardson&ndash;Lucy with optional TV, Levin's sparse
 * deconvolution): the references of the benchmark and of the error ratio. Pure core.
 */
package org.fde.baseline;
