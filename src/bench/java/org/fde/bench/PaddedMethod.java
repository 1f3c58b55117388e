package org.fde.bench;

import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.image.Padding;

/**
 * Decorator for measurements without periodic boundaries (P2, P3, P4): mirror-reflects y (without repeating the edge
 * pixel), rounds the padded size up to a common multiple of the method's size multiple and {@value #FFT_MULTIPLE}
 * (FFT-friendly sizes: 255 + 2&middot;33 = 321 = 3&middot;107 is several times slower to transform than 352), runs
 * the wrapped method on the padded image as a periodic problem (with the frame, {@link Problem#padding()}, so that the
 * diffusion methods treat the padding as missing data), and crops the image and the particle mean back. Periodic
 * problems pass straight through, so P1 and P2 share the methods.
 * <p>
 * The margin: the diffusion methods get the plugin's frame ({@code StackDeblur}: half the kernel window on each side,
 * centred), which is all a periodic model with missing padding needs; more margin only adds missing pixels and cost.
 * The classical methods, for which the padding is data, get the whole kernel window on each side (the extra goes
 * right and bottom), which keeps their boundary ringing away from the crop.
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
	public boolean paddingIsMissingData() {
		return inner.paddingIsMissingData();
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
		PadFrame f = frameFor(inner, p);
		MethodResult r = inner.run(p.withPadded(f.pad(y), f));
		return r.withImages(f.crop(r.image()), r.particleMean() == null ? null : f.crop(r.particleMean()));
	}

	/** The frame the wrapped method runs in (see the class comment). */
	static PadFrame frameFor(Method inner, Problem p) {
		Image y = p.observed();
		int multiple = lcm(Math.max(1, inner.sizeMultiple()), FFT_MULTIPLE);
		return inner.paddingIsMissingData() ? PadFrame.around(y.width(), y.height(), margin(p) / 2, multiple)
				: frame(y, margin(p), multiple);
	}

	/**
	 * The padding frame: {@code pad} mirrored pixels on the left and top, at least {@code pad} on the right and
	 * bottom, the sides rounded up to {@code multiple} (the rounding goes right and bottom).
	 */
	static PadFrame frame(Image y, int pad, int multiple) {
		return new PadFrame(y.width(), y.height(), pad, pad, Padding.roundUp(y.width() + 2 * pad, multiple),
				Padding.roundUp(y.height() + 2 * pad, multiple));
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
}
