package org.fde.fft;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jtransforms.fft.FloatFFT_2D;

/**
 * The one class that owns the 2-D DFT and the psf&harr;otf centring convention.
 * <p>
 * DFT convention (ALGORITHM.md &sect;5.1): unnormalised forward transform, 1/N inverse, as torch.fft. Spectra are
 * interleaved complex arrays {@code [re0, im0, re1, im1, ...]} of length {@code 2*h*w}, row-major. Any size works
 * (JTransforms' {@code realForwardFull}/{@code complexInverse}; the packed real transform would need powers of two).
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

	/** Forward DFT of the plane starting at {@code offset} of {@code src}. */
	public float[] forward(float[] src, int offset) {
		float[] a = new float[2 * h * w];
		System.arraycopy(src, offset, a, 0, h * w);
		fft.realForwardFull(a);
		return a;
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

	/**
	 * Two real inverse DFTs for the price of one complex one: for spectra A and B of two REAL planes a and b, the
	 * inverse of A + iB is a + ib. The argument holds A + iB and is overwritten.
	 *
	 * @return {a, b}
	 */
	public float[][] inverseRealPairInPlace(float[] spectrumAPlusIB) {
		fft.complexInverse(spectrumAPlusIB, true);
		float[] a = new float[h * w];
		float[] b = new float[h * w];
		for (int i = 0; i < a.length; i++) {
			a[i] = spectrumAPlusIB[2 * i];
			b[i] = spectrumAPlusIB[2 * i + 1];
		}
		return new float[][] { a, b };
	}

	/** Inverse DFT (with 1/N), keeping the real part; the argument is left untouched. */
	public float[] inverseReal(float[] spectrum) {
		return inverseRealInPlace(spectrum.clone());
	}

	/** The optical transfer function of a kh&times;kw kernel: F(p2o(k)). */
	public float[] otf(float[] kernel, int kh, int kw) {
		return forward(psfToSpatial(kernel, kh, kw, h, w));
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
