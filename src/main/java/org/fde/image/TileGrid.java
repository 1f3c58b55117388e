package org.fde.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cover of a W&times;H image by overlapping tiles of one size, with blending weights, for solving large images tile
 * by tile. Immutable.
 * <p>
 * <b>Geometry.</b> Per axis of length L with tile side t = min(T, L): one tile when t = L, else
 * m = &lceil;(L &minus; o)/(t &minus; o)&rceil; tiles at p_i = round(i (L &minus; t)/(m &minus; 1)), so the first
 * starts at 0, the last ends at L and consecutive tiles overlap by at least o. Every tile lies inside the image: no
 * tile needs padding (the image border is handled as for an untiled image, by the caller's mirror padding).
 * Tiles are numbered row-major (tile j = (row j / columns, column j % columns)).
 * <p>
 * <b>Blending.</b> Tile weights are separable, w_j(x, y) = u_col(x) v_row(y). Per axis a tile's raw profile is 1,
 * times a raised-cosine ramp sin&sup2;(&pi;/2 &middot; (d + &frac12;)/o') across each overlap o' it shares with a
 * neighbour (d counted from its own edge), and the profiles are divided by their sum over the tiles, so that the
 * weights of every pixel sum to 1 in 1-D and hence in 2-D. A tile's edge pixel (the one where its periodic
 * wrap-around is worst) gets the smallest weight, and the weights are smooth, so blended tiles show no seam.
 */
public final class TileGrid {

	private final int width;
	private final int height;
	private final int tileWidth;
	private final int tileHeight;
	private final int overlap;
	private final int[] xs;
	private final int[] ys;
	private final float[][] weightsX;
	private final float[][] weightsY;

	private TileGrid(int width, int height, int tileWidth, int tileHeight, int overlap, int[] xs, int[] ys,
			float[][] weightsX, float[][] weightsY) {
		this.width = width;
		this.height = height;
		this.tileWidth = tileWidth;
		this.tileHeight = tileHeight;
		this.overlap = overlap;
		this.xs = xs;
		this.ys = ys;
		this.weightsX = weightsX;
		this.weightsY = weightsY;
	}

	/** The trivial grid: one tile, the whole image, weight 1 everywhere. */
	public static TileGrid single(int width, int height) {
		return of(width, height, Math.max(width, height), 0);
	}

	/**
	 * The grid of T&times;T tiles (clipped to the image on a short axis) overlapping by at least {@code overlap}.
	 *
	 * @param tileSize T &ge; 1
	 * @param overlap  0 &le; o &lt; T; on an axis longer than T it must also be smaller than that axis' tile side
	 */
	public static TileGrid of(int width, int height, int tileSize, int overlap) {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
		}
		if (tileSize < 1 || overlap < 0 || overlap >= tileSize) {
			throw new IllegalArgumentException("need tile size >= 1 and 0 <= overlap < tile size, got " + tileSize
					+ " and " + overlap);
		}
		int tw = Math.min(tileSize, width);
		int th = Math.min(tileSize, height);
		int[] xs = origins(width, tw, overlap);
		int[] ys = origins(height, th, overlap);
		return new TileGrid(width, height, tw, th, overlap, xs, ys, profiles(xs, tw, width), profiles(ys, th, height));
	}

	/**
	 * The default overlap for T&times;T tiles and a given kernel size: max(kernelSize, T/8). At least the kernel size,
	 * so that a tile's periodic wrap-around band (kernelSize/2 wide at each edge) lies inside the overlap.
	 */
	public static int defaultOverlap(int tileSize, int kernelSize) {
		return Math.max(kernelSize, tileSize / 8);
	}

	/**
	 * The tile size between {@code min} and {@code max} (multiples of {@code multiple}; the candidates step by
	 * max(multiple, 32)) whose grid, with {@link #defaultOverlap}, has the fewest pixels in all its tiles, i.e. the
	 * least network work; ties go to the smaller tile (less memory).
	 *
	 * @param min at least 1; raised to a multiple of {@code multiple}
	 * @param max at least min
	 */
	public static int cheapestTileSize(int width, int height, int kernelSize, int multiple, int min, int max) {
		int step = Padding.roundUp(Math.max(multiple, 32), multiple);
		int best = -1;
		long bestCost = Long.MAX_VALUE;
		for (int t = Padding.roundUp(min, multiple); t <= Math.max(max, Padding.roundUp(min, multiple)); t += step) {
			int o = defaultOverlap(t, kernelSize);
			if (o >= t) {
				continue;
			}
			TileGrid g = of(width, height, t, o);
			long cost = (long) g.count() * g.tileSize();
			if (cost < bestCost) {
				bestCost = cost;
				best = t;
			}
		}
		if (best < 0) {
			throw new IllegalArgumentException("no tile size in [" + min + ", " + max + "] fits kernel size "
					+ kernelSize);
		}
		return best;
	}

	/** Tile origins on one axis. */
	static int[] origins(int length, int tile, int overlap) {
		if (tile >= length) {
			return new int[] { 0 };
		}
		int m = (length - overlap + (tile - overlap) - 1) / (tile - overlap); // ceil((L - o)/(t - o)) >= 2
		int[] p = new int[m];
		for (int i = 0; i < m; i++) {
			p[i] = (int) Math.round(i * (double) (length - tile) / (m - 1));
		}
		return p;
	}

	/** Normalised 1-D blending profiles (raised-cosine ramps across the overlaps, partition of unity). */
	static float[][] profiles(int[] origins, int tile, int length) {
		int m = origins.length;
		double[][] raw = new double[m][tile];
		double[] sum = new double[length];
		for (int i = 0; i < m; i++) {
			Arrays.fill(raw[i], 1.0);
			if (i > 0) {
				int ov = origins[i - 1] + tile - origins[i];
				for (int d = 0; d < ov; d++) {
					raw[i][d] *= ramp(d, ov);
				}
			}
			if (i < m - 1) {
				int ov = origins[i] + tile - origins[i + 1];
				for (int d = 0; d < ov; d++) {
					raw[i][tile - 1 - d] *= ramp(d, ov);
				}
			}
			for (int d = 0; d < tile; d++) {
				sum[origins[i] + d] += raw[i][d];
			}
		}
		float[][] out = new float[m][tile];
		for (int i = 0; i < m; i++) {
			for (int d = 0; d < tile; d++) {
				out[i][d] = (float) (raw[i][d] / sum[origins[i] + d]);
			}
		}
		return out;
	}

	/** sin&sup2;(&pi;/2 &middot; (d + &frac12;)/ov): rises from near 0 at the tile edge to near 1 across the overlap. */
	private static double ramp(int d, int ov) {
		double s = Math.sin(0.5 * Math.PI * (d + 0.5) / ov);
		return s * s;
	}

	/** Image width W. */
	public int width() {
		return width;
	}

	/** Image height H. */
	public int height() {
		return height;
	}

	/** Tile width min(T, W). */
	public int tileWidth() {
		return tileWidth;
	}

	/** Tile height min(T, H). */
	public int tileHeight() {
		return tileHeight;
	}

	/** The minimum overlap of neighbouring tiles. */
	public int overlap() {
		return overlap;
	}

	/** Number of tiles. */
	public int count() {
		return xs.length * ys.length;
	}

	/** Number of tile columns. */
	public int columns() {
		return xs.length;
	}

	/** Number of tile rows. */
	public int rows() {
		return ys.length;
	}

	/** Column of the left edge of tile j. */
	public int x(int j) {
		return xs[j % xs.length];
	}

	/** Row of the top edge of tile j. */
	public int y(int j) {
		return ys[j / xs.length];
	}

	/** Pixels of one tile. */
	public int tileSize() {
		return tileWidth * tileHeight;
	}

	/** True when the single tile is the whole image. */
	public boolean isSingle() {
		return count() == 1 && tileWidth == width && tileHeight == height;
	}

	/** Tile j of a W&times;H plane stored at {@code offset} of {@code src}, into {@code dst} at {@code dstOffset}. */
	public void crop(float[] src, int offset, int j, float[] dst, int dstOffset) {
		int x0 = x(j);
		int y0 = y(j);
		for (int r = 0; r < tileHeight; r++) {
			System.arraycopy(src, offset + (y0 + r) * width + x0, dst, dstOffset + r * tileWidth, tileWidth);
		}
	}

	/** Tile j of a W&times;H plane (new array). */
	public float[] crop(float[] plane, int j) {
		float[] out = new float[tileSize()];
		crop(plane, 0, j, out, 0);
		return out;
	}

	/**
	 * Adds tile j's plane, weighted by its blending weights, into a W&times;H plane: dst += w_j &middot; tile.
	 * Summing every tile of a plane this way gives the blended plane.
	 */
	public void blend(float[] tile, int tileOffset, int j, float[] dst, int dstOffset) {
		int x0 = x(j);
		int y0 = y(j);
		float[] wx = weightsX[j % xs.length];
		float[] wy = weightsY[j / xs.length];
		for (int r = 0; r < tileHeight; r++) {
			int o = dstOffset + (y0 + r) * width + x0;
			int s = tileOffset + r * tileWidth;
			float v = wy[r];
			for (int c = 0; c < tileWidth; c++) {
				dst[o + c] += v * wx[c] * tile[s + c];
			}
		}
	}

	/** The weight map of tile j (tileWidth&times;tileHeight, row-major). */
	public float[] weights(int j) {
		float[] wx = weightsX[j % xs.length];
		float[] wy = weightsY[j / xs.length];
		float[] out = new float[tileSize()];
		for (int r = 0; r < tileHeight; r++) {
			for (int c = 0; c < tileWidth; c++) {
				out[r * tileWidth + c] = wy[r] * wx[c];
			}
		}
		return out;
	}

	/** The tiles cropped from every channel of an image, one image per tile. */
	public List<Image> crop(Image image) {
		List<Image> out = new ArrayList<>();
		for (int j = 0; j < count(); j++) {
			float[][] p = new float[image.channels()][];
			for (int c = 0; c < p.length; c++) {
				p[c] = crop(image.plane(c), j);
			}
			out.add(new Image(tileWidth, tileHeight, p));
		}
		return out;
	}

	/** The blend of one image per tile (the inverse of {@link #crop(Image)} for consistent tiles). */
	public Image blend(List<Image> tiles) {
		if (tiles.size() != count()) {
			throw new IllegalArgumentException("expected " + count() + " tiles, got " + tiles.size());
		}
		int channels = tiles.get(0).channels();
		float[][] p = new float[channels][width * height];
		for (int j = 0; j < count(); j++) {
			for (int c = 0; c < channels; c++) {
				blend(tiles.get(j).plane(c), 0, j, p[c], 0);
			}
		}
		return new Image(width, height, p);
	}

	@Override
	public String toString() {
		return columns() + "x" + rows() + " tiles of " + tileWidth + "x" + tileHeight + " (overlap >= " + overlap
				+ ") over " + width + "x" + height;
	}
}
