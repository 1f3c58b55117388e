/**
 * The one owner of the 2-D DFT (JTransforms) and of the psf&harr;otf centring convention, with element-wise spectrum
 * arithmetic. Every other package goes through it. Pure core.
 */
package org.fde.fft;
