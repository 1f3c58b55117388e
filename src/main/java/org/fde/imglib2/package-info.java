/**
 * The engine for ImgLib2 images: {@link org.fde.imglib2.DiffusionDeblur} takes a
 * {@code RandomAccessibleInterval} of any real type (X, Y and optional channel, plane and frame axes) and returns
 * float images with the same axes; {@link org.fde.imglib2.Hyperstacks} converts between ImgLib2 images and the
 * engine's hyperstacks. For Fiji scripts and other plugins.
 */
package org.fde.imglib2;
