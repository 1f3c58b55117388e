package org.fde.em;

import org.fde.fft.Fft2;
import org.fde.guidance.DpsGuidance;
import org.fde.guidance.Residual;
import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.image.TileGrid;
import org.fde.noise.NoiseSigma;
import org.fde.operator.CircularConvolution;

/**
 * The measurement y as the solvers see it: its spectrum on every tile, the pixels that were measured
 * ({@link ObservedRegion}: a padded measurement's padding is missing data), the noise level, and the two uses of the
 * residual y &minus; k &#8859; x&#770;0: masked to the measured pixels for the guidance, and completing the missing
 * pixels for the M-step (the E-step's expectation of them). Immutable.
 */
final class Measurement {

	/** The tiles (one tile, the whole image, when not tiling). */
	final TileGrid grid;
	/** The FFT of one tile. */
	final Fft2 fft;
	/** The channels C. */
	final int channels;
	/** &sigma;, given or estimated on the measured pixels. */
	final double sigma;
	/** The measured window of every plane (the planes themselves when all is measured), and its size. */
	final float[][] observedPlanes;
	final int observedWidth;
	final int observedHeight;
	/** F(y_j^c) per (tile j, channel c), index j&middot;C + c. */
	private final float[][] ySpectra;
	private final ObservedRegion observed;

	/**
	 * @param observed null when every pixel of y is measured; else the frame that padded the measurement to y's size:
	 *                 only its inner window is measured, the padding is missing data
	 */
	Measurement(Image y, PadFrame observed, TileGrid grid, Fft2 fft, NoiseSigma sigma) {
		this.grid = grid;
		this.fft = fft;
		this.channels = y.channels();
		this.ySpectra = new float[grid.count() * channels][];
		float[][] planes = new float[channels][];
		for (int c = 0; c < channels; c++) {
			planes[c] = y.plane(c);
			for (int j = 0; j < grid.count(); j++) {
				ySpectra[j * channels + c] = fft.forward(grid.isSingle() ? y.plane(c) : grid.crop(y.plane(c), j));
			}
		}
		this.observed = ObservedRegion.of(observed, grid, y.width(), y.height());
		this.observedPlanes = observedPlanes(planes, y, observed);
		this.observedWidth = observed == null ? y.width() : observed.width();
		this.observedHeight = observed == null ? y.height() : observed.height();
		this.sigma = sigma.resolve(observedPlanes, observedWidth, observedHeight);
	}

	/** The measured window of every plane (the planes themselves when all is measured). */
	private static float[][] observedPlanes(float[][] planes, Image y, PadFrame f) {
		if (f == null) {
			return planes;
		}
		float[][] out = new float[planes.length][f.width() * f.height()];
		for (int c = 0; c < planes.length; c++) {
			for (int r = 0; r < f.height(); r++) {
				System.arraycopy(planes[c], (f.top() + r) * y.width() + f.left(), out[c], r * f.width(), f.width());
			}
		}
		return out;
	}

	/** F(y_j^c). */
	float[] spectrum(int tile, int c) {
		return ySpectra[tile * channels + c];
	}

	/** Whether tile j has missing pixels. */
	boolean hasMissing(int tile) {
		return observed.hasMissing(tile);
	}

	/** The mask of tile j (1 = measured), or null when nothing is missing there. */
	float[] mask(int tile) {
		return observed.mask(tile);
	}

	/** F(y_j^c), completed by k &#8859; x&#770;0 on the missing pixels of tile j ({@link ObservedRegion#completed}). */
	float[] completed(int tile, int c, float[] otf, float[] xSpectrum) {
		float[] y = spectrum(tile, c);
		if (!observed.hasMissing(tile)) {
			return y;
		}
		return observed.completed(fft, tile, y, DpsGuidance.residualSpectrum(otf, y, xSpectrum));
	}

	/** y_j^c &minus; k &#8859; x&#770;0 on the measured pixels of tile j. */
	Residual residual(int tile, int c, float[] otf, float[] xSpectrum) {
		float[] r = DpsGuidance.residualSpectrum(otf, spectrum(tile, c), xSpectrum);
		return observed.hasMissing(tile) ? new Residual(null, observed.maskedPlane(fft, tile, r))
				: new Residual(r, null);
	}

	/** The kernels' transfer functions F(p2o(k)) on a tile ({@link CircularConvolution#otf}). */
	float[][] otfs(float[][] kernels, int kernelSize) {
		float[][] out = new float[kernels.length][];
		for (int j = 0; j < kernels.length; j++) {
			out[j] = new CircularConvolution(kernels[j], kernelSize, kernelSize, grid.tileHeight(), grid.tileWidth())
					.otf();
		}
		return out;
	}
}
