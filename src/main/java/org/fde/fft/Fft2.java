package org.fde.fft;

import java.util.LinkedHashMap;
import java.util.Map;

import org.fde.parallel.Chunks;
import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.fft.FloatFFT_2D;

/**
 * The one class that owns the 2-D DFT and the psf&harr;otf centring convention.
 * <p>
 * DFT convention (ALGORITHM.md &sect;5.1): unnormalised forward transform, 1/N inverse, as torch.fft. Spectra are
 * interleaved complex arrays {@code [re0, im0, re1, im1, ...]} of length {@code 2*h*w}, row-major. Any size works
 * (1-D JTransforms plans along rows and columns for the half spectra of real planes, the 2-D {@code complexInverse}
 * for full spectra; the packed 2-D real transform would need powers of two). Half-spectrum transforms of planes of
 * {@value #PARALLEL_MIN} values or more split their rows and columns over the fork-join pool.
 * <p>
 * Centring convention ({@link #psfToSpatial}, the official code's {@code p2o}): an h&times;w kernel is zero-padded
 * into the top-left of the H&times;W array and rolled circularly by (&minus;&lfloor;h/2&rfloor;,
 * &minus;&lfloor;w/2&rfloor;), so the kernel pixel (&lfloor;h/2&rfloor;, &lfloor;w/2&rfloor;) lands on the origin.
 * {@link #spatialToPsf} ({@code o2p}) is its inverse (and its adjoint): the projection onto the kernel window
 * centred on the origin. A kernel larger than the plane wraps around (its periodic convolution is still defined).
 * Convolution F&#8315;&sup1;(F(p2o(k)) &middot; F(x)) is then a true (flipped), periodic convolution.
 * <p>
 * Instances are cached per size and per thread ({@link #of}), the {@value #CACHED_SIZES} most recently used sizes of
 * each thread (a run uses a handful: the image or tile, the M-step's window, the kernel), so that a long-lived
 * thread that sees images of ever new sizes (Fiji, a batch) does not keep a plan for each; one instance must not be
 * used by two threads at once.
 */
public final class Fft2 {

	/** Sizes kept per thread. */
	static final int CACHED_SIZES = 16;

	/** Columns transformed together by the half-spectrum transforms (8 complex values: one 64-byte line). */
	private static final int COLUMN_BLOCK = 8;

	/** Planes of at least this many values run their half-spectrum transforms' rows and columns in parallel. */
	static final int PARALLEL_MIN = 1 << 15;

	private static final ThreadLocal<Map<Long, Fft2>> CACHE = ThreadLocal.withInitial(() -> new LinkedHashMap<>(
			CACHED_SIZES * 2, 0.75f, true) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Fft2> eldest) {
			return size() > CACHED_SIZES; // least recently used first
		}
	});

	private final int h;
	private final int w;
	private final FloatFFT_2D fft;
	/** 1-D plans of the half-spectrum transforms (made on first use; the instance belongs to one thread). */
	private FloatFFT_1D rowFft;
	private FloatFFT_1D colFft;

	private Fft2(int h, int w) {
		this.h = h;
		this.w = w;
		this.fft = new FloatFFT_2D(h, w);
	}

	/** The transform for H&times;W planes (cached per thread). */
	public static Fft2 of(int h, int w) {
		if (h < 1 || w < 1) {
			throw new IllegalArgumentException("FFT size must be positive, got " + h + "x" + w);
		}
		return CACHE.get().computeIfAbsent(((long) h << 32) | w, k -> new Fft2(h, w));
	}

	/** Number of sizes cached for the calling thread (for tests). */
	static int cachedSizes() {
		return CACHE.get().size();
	}

	public int height() {
		return h;
	}

	public int width() {
		return w;
	}

	/** Unnormalised forward DFT of a real plane (length h*w), returned as an interleaved spectrum. */
	public float[] forward(float[] real) {
		return forward(real, 0);
	}

	/**
	 * Forward DFT of the plane starting at {@code offset} of {@code src}: its half spectrum ({@link #forwardHalf})
	 * completed by symmetry ({@link #expandHalf}), about half the work of a full complex transform.
	 */
	public float[] forward(float[] src, int offset) {
		if (offset < 0 || offset + h * w > src.length) {
			throw new IllegalArgumentException("a plane of " + h * w + " values at offset " + offset
					+ " does not fit in " + src.length);
		}
		return expandHalf(forwardHalf(src, offset));
	}

	/** Inverse DFT (with 1/N) of an interleaved spectrum, keeping the real part. The argument is overwritten. */
	public float[] inverseRealInPlace(float[] spectrum) {
		fft.complexInverse(spectrum, true);
		float[] out = new float[h * w];
		for (int i = 0; i < out.length; i++) {
			out[i] = spectrum[2 * i];
		}
		return out;
	}

	/** Inverse DFT (with 1/N), keeping the real part; the argument is left untouched. */
	public float[] inverseReal(float[] spectrum) {
		return inverseRealInPlace(spectrum.clone());
	}

	/**
	 * Columns of the half spectrum: the frequencies v = 0..&lfloor;w/2&rfloor; of every row, which determine the
	 * spectrum of a real plane (Hermitian: X(&minus;u, &minus;v) = conj X(u, v)).
	 */
	public int halfWidth() {
		return w / 2 + 1;
	}

	/**
	 * The half spectrum of a real plane: the unnormalised forward DFT at rows u = 0..h&minus;1 and columns
	 * v = 0..{@link #halfWidth()}&minus;1, interleaved complex, row-major (length 2&middot;h&middot;halfWidth). Rows of
	 * the plane that are all zero are skipped (their transforms are zero), so sparse planes such as a zero-padded
	 * kernel cost about half of a full transform. Same values as {@link #forward} up to float rounding.
	 */
	public float[] forwardHalf(float[] real) {
		return forwardHalf(real, 0);
	}

	/** {@link #forwardHalf(float[])} of the plane starting at {@code offset} of {@code src}. */
	private float[] forwardHalf(float[] src, int offset) {
		int hw = halfWidth();
		float[] half = new float[2 * h * hw];
		plans();
		// rows: real forward DFTs in JTransforms' packed layout, unpacked to v = 0..w/2
		rows(h, (from, to) -> {
			float[] row = new float[w];
			for (int y = from; y < to; y++) {
				int off = offset + y * w;
				boolean zero = true;
				for (int x = 0; x < w && zero; x++) {
					zero = src[off + x] == 0f;
				}
				if (zero) {
					continue;
				}
				System.arraycopy(src, off, row, 0, w);
				rowFft.realForward(row);
				unpackRow(row, half, 2 * y * hw);
			}
		});
		// columns: complex forward DFTs along u
		columns(half, hw, true);
		return half;
	}

	/**
	 * Runs a loop over {@code n} independent rows or columns (each a 1-D transform), split over the fork-join pool
	 * when the plane is large enough ({@value #PARALLEL_MIN} values) to pay for it; each block has its own buffers.
	 * 1-D JTransforms plans may be used by several threads at once (FloatFFT_2D does so itself).
	 */
	private void rows(int n, Chunks.Range body) {
		if ((long) h * w < PARALLEL_MIN) {
			body.run(0, n);
		} else {
			Chunks.forEachBlock(n, Math.max(1, (n + 7) / 8), body);
		}
	}

	/**
	 * Rows [rowFrom, rowTo) of the real plane whose half spectrum is given (see {@link #forwardHalf}): the inverse DFT
	 * with 1/N, of the Hermitian spectrum the half determines. The argument is overwritten. Only the rows asked for
	 * are transformed in the second pass, so a caller that needs a window of the plane pays for that window.
	 *
	 * @return (rowTo &minus; rowFrom)&middot;w values, row-major
	 */
	public float[] inverseHalfInPlace(float[] half, int rowFrom, int rowTo) {
		if (rowFrom < 0 || rowTo > h || rowFrom > rowTo) {
			throw new IllegalArgumentException("invalid row range [" + rowFrom + ", " + rowTo + ") of " + h);
		}
		int[] rows = new int[rowTo - rowFrom];
		for (int i = 0; i < rows.length; i++) {
			rows[i] = rowFrom + i;
		}
		return inverseHalfRowsInPlace(half, rows);
	}

	/**
	 * The given rows (any order, repeats allowed) of the real plane whose half spectrum is given: as
	 * {@link #inverseHalfInPlace(float[], int, int)}, for rows that are not contiguous (a window that wraps around the
	 * origin). The argument is overwritten.
	 *
	 * @return rows.length&middot;w values, row i of the result being plane row rows[i]
	 */
	public float[] inverseHalfRowsInPlace(float[] half, int[] rows) {
		int hw = halfWidth();
		if (half.length != 2 * h * hw) {
			throw new IllegalArgumentException("half spectrum must have " + 2 * h * hw + " values");
		}
		for (int y : rows) {
			if (y < 0 || y >= h) {
				throw new IllegalArgumentException("row " + y + " outside [0, " + h + ")");
			}
		}
		float[] out = new float[rows.length * w];
		plans();
		columns(half, hw, false);
		rows(rows.length, (from, to) -> {
			float[] row = new float[w];
			for (int i = from; i < to; i++) {
				packRow(half, 2 * rows[i] * hw, row);
				rowFft.realInverse(row, true);
				System.arraycopy(row, 0, out, i * w, w);
			}
		});
		return out;
	}

	/**
	 * The inverse DFT (with 1/N) of the spectrum of a REAL plane, computed from its half ({@link #inverseHalfInPlace}):
	 * about half the work of {@link #inverseRealInPlace}. For a spectrum that is Hermitian only up to rounding (a
	 * product of spectra of real planes), the same values as {@link #inverseRealInPlace} up to float rounding. The
	 * argument is left untouched.
	 */
	public float[] inverseHermitian(float[] spectrum) {
		if (spectrum.length != 2 * h * w) {
			throw new IllegalArgumentException("spectrum must have " + 2 * h * w + " values");
		}
		int hw = halfWidth();
		float[] half = new float[2 * h * hw];
		for (int u = 0; u < h; u++) {
			System.arraycopy(spectrum, 2 * u * w, half, 2 * u * hw, 2 * hw);
		}
		return inverseHalfInPlace(half, 0, h);
	}

	/** The full spectrum (interleaved, 2&middot;h&middot;w) of a real plane from its half: X(u, v) = conj X(&minus;u, &minus;v). */
	public float[] expandHalf(float[] half) {
		int hw = halfWidth();
		float[] full = new float[2 * h * w];
		for (int u = 0; u < h; u++) {
			System.arraycopy(half, 2 * u * hw, full, 2 * u * w, 2 * hw);
			int mu = u == 0 ? 0 : h - u;
			for (int v = hw; v < w; v++) {
				int src = 2 * (mu * hw + (w - v));
				full[2 * (u * w + v)] = half[src];
				full[2 * (u * w + v) + 1] = -half[src + 1];
			}
		}
		return full;
	}

	private void plans() {
		if (rowFft == null) {
			rowFft = new FloatFFT_1D(w);
			colFft = new FloatFFT_1D(h);
		}
	}

	/**
	 * The complex DFT along u of every column of a half spectrum (forward, or inverse with 1/h), in place. Columns
	 * are gathered {@value #COLUMN_BLOCK} at a time, so that each row is read and written in contiguous runs.
	 */
	private void columns(float[] half, int hw, boolean forward) {
		int block = Math.min(COLUMN_BLOCK, hw);
		int blocks = (hw + block - 1) / block;
		rows(blocks, (from, to) -> columnBlocks(half, hw, forward, block, from, to));
	}

	/** Column blocks [from, to) of {@link #columns}. */
	private void columnBlocks(float[] half, int hw, boolean forward, int block, int from, int to) {
		float[][] cols = new float[block][2 * h];
		for (int v0 = from * block; v0 < Math.min(hw, to * block); v0 += block) {
			int nb = Math.min(block, hw - v0);
			for (int u = 0; u < h; u++) {
				int base = 2 * (u * hw + v0);
				for (int j = 0; j < nb; j++) {
					cols[j][2 * u] = half[base + 2 * j];
					cols[j][2 * u + 1] = half[base + 2 * j + 1];
				}
			}
			for (int j = 0; j < nb; j++) {
				if (forward) {
					colFft.complexForward(cols[j]);
				} else {
					colFft.complexInverse(cols[j], true);
				}
			}
			for (int u = 0; u < h; u++) {
				int base = 2 * (u * hw + v0);
				for (int j = 0; j < nb; j++) {
					half[base + 2 * j] = cols[j][2 * u];
					half[base + 2 * j + 1] = cols[j][2 * u + 1];
				}
			}
		}
	}

	/**
	 * JTransforms' packed real DFT of length w (a[0] = Re X0; w even: a[1] = Re X(w/2); w odd: a[1] = Im X((w&minus;1)/2);
	 * a[2k], a[2k+1] = Re, Im Xk otherwise) into interleaved X0..X(&lfloor;w/2&rfloor;) at {@code off}.
	 */
	private void unpackRow(float[] a, float[] half, int off) {
		half[off] = a[0];
		half[off + 1] = 0f;
		int last = w / 2;
		for (int k = 1; k < last; k++) {
			half[off + 2 * k] = a[2 * k];
			half[off + 2 * k + 1] = a[2 * k + 1];
		}
		if (w % 2 == 0) {
			half[off + 2 * last] = a[1];
			half[off + 2 * last + 1] = 0f;
		} else {
			half[off + 2 * last] = a[2 * last];
			half[off + 2 * last + 1] = a[1];
		}
	}

	/** The inverse of {@link #unpackRow} (imaginary parts that a real row's DFT cannot have are dropped). */
	private void packRow(float[] half, int off, float[] a) {
		a[0] = half[off];
		int last = w / 2;
		for (int k = 1; k < last; k++) {
			a[2 * k] = half[off + 2 * k];
			a[2 * k + 1] = half[off + 2 * k + 1];
		}
		if (w % 2 == 0) {
			a[1] = half[off + 2 * last];
		} else {
			a[2 * last] = half[off + 2 * last];
			a[1] = half[off + 2 * last + 1];
		}
	}

	/**
	 * The optical transfer function of a kh&times;kw kernel: F(p2o(k)). The padded kernel is real and has at most kh
	 * non-zero rows, so it is transformed as a half spectrum that skips the zero rows ({@link #forwardHalf}), then
	 * completed by symmetry: same values as {@code forward(psfToSpatial(...))} up to float rounding.
	 */
	public float[] otf(float[] kernel, int kh, int kw) {
		return expandHalf(forwardHalf(psfToSpatial(kernel, kh, kw, h, w)));
	}

	/**
	 * p2o: zero-pad the kh&times;kw kernel into an h&times;w array and roll it so that its pixel
	 * (&lfloor;kh/2&rfloor;, &lfloor;kw/2&rfloor;) is at the origin.
	 */
	public static float[] psfToSpatial(float[] kernel, int kh, int kw, int h, int w) {
		if (kernel.length != kh * kw) {
			throw new IllegalArgumentException("kernel length " + kernel.length + " != " + kh + "*" + kw);
		}
		float[] out = new float[h * w];
		int cy = kh / 2;
		int cx = kw / 2;
		for (int y = 0; y < kh; y++) {
			int yy = Math.floorMod(y - cy, h);
			for (int x = 0; x < kw; x++) {
				out[yy * w + Math.floorMod(x - cx, w)] += kernel[y * kw + x]; // wraps if larger than the plane
			}
		}
		return out;
	}

	/** o2p: the inverse of {@link #psfToSpatial}, i.e. the kh&times;kw window centred on the origin. */
	public static float[] spatialToPsf(float[] spatial, int h, int w, int kh, int kw) {
		if (spatial.length != h * w) {
			throw new IllegalArgumentException("array length " + spatial.length + " != " + h + "*" + w);
		}
		float[] out = new float[kh * kw];
		int cy = kh / 2;
		int cx = kw / 2;
		for (int y = 0; y < kh; y++) {
			int yy = Math.floorMod(y - cy, h);
			for (int x = 0; x < kw; x++) {
				out[y * kw + x] = spatial[yy * w + Math.floorMod(x - cx, w)];
			}
		}
		return out;
	}
}
