package org.fde.bench;

import org.fde.image.Image;

/**
 * Decorator for measurements without periodic boundaries (P2, P3, P4): mirror-reflects y by at least the kernel size
 * on each side (without repeating the edge pixel), rounds the padded size up to a common multiple of the method's size
 * multiple and {@value #FFT_MULTIPLE} (FFT-friendly sizes: 255 + 2&middot;33 = 321 = 3&middot;107 is several times
 * slower to transform than 352; the extra goes right and bottom), runs the wrapped method on the padded image as a periodic problem, and crops the image and
 * the particle mean back. Periodic problems pass straight through, so P1 and P2 share the methods.
 */
public final class PaddedMethod implements Method {

	/** Padded sizes are multiples of this (and of the method's size multiple). */
	public static final int FFT_MULTIPLE = 32;

	private final Method inner;

	public PaddedMethod(Method inner) {
		this.inner = inner;
	}

	/** The wrapped method. */
	public Method inner() {
		return inner;
	}

	@Override
	public String name() {
		return inner.name();
	}

	@Override
	public String cacheKey() {
		return inner.cacheKey();
	}

	@Override
	public boolean blind() {
		return inner.blind();
	}

	@Override
	public int sizeMultiple() {
		return inner.sizeMultiple();
	}

	/** The padding on each side: the larger of the estimated and the true kernel window. */
	static int margin(Problem p) {
		return Math.max(p.estimateSize(), p.trueKernelSize());
	}

	@Override
	public MethodResult run(Problem p) throws Exception {
		if (p.periodic()) {
			return inner.run(p);
		}
		Image y = p.observed();
		int pad = margin(p);
		int m = lcm(Math.max(1, inner.sizeMultiple()), FFT_MULTIPLE);
		int nw = roundUp(y.width() + 2 * pad, m);
		int nh = roundUp(y.height() + 2 * pad, m);
		Image padded = pad(y, pad, pad, nw, nh);
		MethodResult r = inner.run(p.withObserved(padded, true));
		return r.withImages(crop(r.image(), pad, pad, y.width(), y.height()),
				r.particleMean() == null ? null : crop(r.particleMean(), pad, pad, y.width(), y.height()));
	}

	static int lcm(int a, int b) {
		int x = a;
		int y = b;
		while (y != 0) {
			int t = x % y;
			x = y;
			y = t;
		}
		return a / x * b;
	}

	static int roundUp(int n, int m) {
		return ((n + m - 1) / m) * m;
	}

	/** An nw&times;nh image whose pixel (x, y) is the mirror image of src's (x &minus; left, y &minus; top). */
	static Image pad(Image src, int left, int top, int nw, int nh) {
		int w = src.width();
		int h = src.height();
		float[][] out = new float[src.channels()][nw * nh];
		for (int c = 0; c < out.length; c++) {
			float[] s = src.plane(c);
			for (int y = 0; y < nh; y++) {
				int sy = mirror(y - top, h);
				for (int x = 0; x < nw; x++) {
					out[c][y * nw + x] = s[sy * w + mirror(x - left, w)];
				}
			}
		}
		return new Image(nw, nh, out);
	}

	static Image crop(Image src, int left, int top, int w, int h) {
		float[][] out = new float[src.channels()][w * h];
		for (int c = 0; c < out.length; c++) {
			for (int y = 0; y < h; y++) {
				System.arraycopy(src.plane(c), (y + top) * src.width() + left, out[c], y * w, w);
			}
		}
		return new Image(w, h, out);
	}

	/** Whole-sample symmetric reflection: ... 2 1 | 0 1 2 ... n-1 | n-2 ... (period 2(n &minus; 1)). */
	static int mirror(int i, int n) {
		if (n == 1) {
			return 0;
		}
		int period = 2 * (n - 1);
		int q = Math.floorMod(i, period);
		return q < n ? q : period - q;
	}
}
