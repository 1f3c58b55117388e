package org.fde.image;

/**
 * The user's tile size, one meaning everywhere: {@link #AUTOMATIC} (the macro key's and option's 0), or a tile side
 * T. {@link #forPlane} turns it into the solver's tiling of one padded plane.
 *
 * @param side 0 = automatic, else the tile side T in pixels
 */
public record TileSize(int side) {

	/** Automatic: planes wider or higher than {@link #AUTO_TILING_ABOVE} are tiled, smaller ones solved whole. */
	public static final TileSize AUTOMATIC = new TileSize(0);

	/** With automatic tiling, padded planes wider or higher than this are tiled. */
	public static final int AUTO_TILING_ABOVE = 512;

	public TileSize {
		if (side < 0) {
			throw new IllegalArgumentException("a tile side is >= 0 (0 = automatic), got " + side);
		}
	}

	/** The user's value: 0 = automatic, else the side. */
	public static TileSize of(int side) {
		return side == 0 ? AUTOMATIC : new TileSize(side);
	}

	public boolean isAutomatic() {
		return side == 0;
	}

	/**
	 * The tile side the solver uses on a padded plane, 0 when the plane is solved whole: a given side is rounded up to
	 * the image prior's size multiple; automatic tiles planes wider or higher than {@link #AUTO_TILING_ABOVE} with the
	 * cheapest side between 256 and 512 ({@link TileGrid#cheapestTileSize}); a side at least as large as the plane
	 * means no tiling.
	 *
	 * @param multiple the image prior's size multiple
	 */
	public int forPlane(int paddedWidth, int paddedHeight, int kernelSize, int multiple) {
		int longest = Math.max(paddedWidth, paddedHeight);
		int t;
		if (!isAutomatic()) {
			t = Padding.roundUp(side, multiple);
		} else if (longest > AUTO_TILING_ABOVE) {
			int min = Math.max(256, 2 * kernelSize);
			t = TileGrid.cheapestTileSize(paddedWidth, paddedHeight, kernelSize, multiple, min, Math.max(512, min));
		} else {
			return 0;
		}
		return t >= longest ? 0 : t;
	}

	@Override
	public String toString() {
		return isAutomatic() ? "automatic" : Integer.toString(side);
	}
}
