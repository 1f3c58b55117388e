package org.fde.em;

import org.fde.fft.Fft2;
import org.fde.image.PadFrame;
import org.fde.image.TileGrid;

/**
 * Which pixels of the (padded) measurement were actually measured: the solvers' circular model is exact on a padded
 * domain only if the padding is treated as MISSING data, not as data (ALGORITHM.md &sect;14: a mirror-padded y is the
 * blur of the mirrored image by the MIRRORED kernel, so for an asymmetric motion kernel the padding contradicts the
 * measurement and pulls both the guidance and the M-step towards a mixture of the kernel and its flips).
 * <p>
 * One mask per tile (1 = measured, 0 = missing), null for a tile that lies inside the measured window. The data
 * terms use the missing-data form of EM: the residual is masked, {@code R_m = F(M &middot; F^-1(R))}, so the
 * guidance (eq. 17 / eq. 16) sees only measured pixels; the M-step (eq. 24) sees the measurement completed by its
 * current prediction, {@code Y_f = F(M y + (1 - M)(k &#8859; x&#770;0)) = Y - R + R_m}, with the kernel before the
 * update (the E-step's expectation of the missing values). With every pixel measured both reduce to the plain
 * terms. Immutable.
 */
final class ObservedRegion {

	/** Per tile: the mask, or null when the tile is fully measured. */
	private final float[][] masks;

	private ObservedRegion(float[][] masks) {
		this.masks = masks;
	}

	/** Everything measured (a periodic problem). */
	static ObservedRegion all(int tiles) {
		return new ObservedRegion(new float[tiles][]);
	}

	/**
	 * The measured window of a padded image: the original w&times;h image inside {@code frame}, which must be the frame
	 * that padded the solver's input (its padded size is the input's size).
	 */
	static ObservedRegion of(PadFrame frame, TileGrid grid, int width, int height) {
		if (frame == null) {
			return all(grid.count());
		}
		if (frame.paddedWidth() != width || frame.paddedHeight() != height) {
			throw new IllegalArgumentException("the observed frame (" + frame.paddedWidth() + "x" + frame.paddedHeight()
					+ ") must have the size of the image (" + width + "x" + height + ")");
		}
		float[] whole = new float[width * height];
		for (int y = frame.top(); y < frame.top() + frame.height(); y++) {
			for (int x = frame.left(); x < frame.left() + frame.width(); x++) {
				whole[y * width + x] = 1f;
			}
		}
		float[][] masks = new float[grid.count()][];
		for (int j = 0; j < masks.length; j++) {
			float[] m = grid.isSingle() ? whole : grid.crop(whole, j);
			boolean full = true;
			for (float v : m) {
				if (v != 1f) {
					full = false;
					break;
				}
			}
			masks[j] = full ? null : m;
		}
		return new ObservedRegion(masks);
	}

	/** Whether any tile has missing pixels. */
	boolean anyMissing() {
		for (float[] m : masks) {
			if (m != null) {
				return true;
			}
		}
		return false;
	}

	/** Whether tile j has missing pixels. */
	boolean hasMissing(int tile) {
		return masks[tile] != null;
	}

	/** The mask of tile j (1 = measured, 0 = missing; not to be modified), or null when nothing is missing there. */
	float[] mask(int tile) {
		return masks[tile];
	}

	/** The residual spectrum restricted to the measured pixels of tile j: F(M &middot; F^-1(R)); R itself if none missing. */
	float[] maskResidual(Fft2 fft, int tile, float[] residualSpectrum) {
		return masks[tile] == null ? residualSpectrum : fft.forward(maskedPlane(fft, tile, residualSpectrum));
	}

	/**
	 * The residual restricted to the measured pixels of tile j, in space: M &middot; F^-1(R) (what the masked &Pi;GDM
	 * takes, without the round trip through {@link #maskResidual}). Tile j must have missing pixels.
	 */
	float[] maskedPlane(Fft2 fft, int tile, float[] residualSpectrum) {
		float[] m = masks[tile];
		if (m == null) {
			throw new IllegalStateException("tile " + tile + " has no missing pixels");
		}
		float[] r = fft.inverseHermitian(residualSpectrum);
		for (int i = 0; i < r.length; i++) {
			r[i] *= m[i];
		}
		return r;
	}

	/**
	 * The spectrum of the measurement of tile j completed by the prediction: Y_f = Y &minus; R + R_m, where R = Y &minus;
	 * K X&#770;0 is the residual with the current kernel; Y itself if none missing.
	 */
	float[] completed(Fft2 fft, int tile, float[] ySpectrum, float[] residualSpectrum) {
		if (masks[tile] == null) {
			return ySpectrum;
		}
		float[] rm = maskResidual(fft, tile, residualSpectrum);
		float[] out = new float[ySpectrum.length];
		for (int i = 0; i < out.length; i++) {
			out[i] = ySpectrum[i] - residualSpectrum[i] + rm[i];
		}
		return out;
	}
}
