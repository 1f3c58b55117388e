package org.fde.operator;

import org.fde.fft.Fft2;
import org.fde.fft.Spectra;

/**
 * k &#8614; k &#8859; x for a fixed h&times;w image x: the "fixed image, variable kernel" operator of the M-step,
 * mapping a kh&times;kw kernel to an h&times;w plane; the adjoint maps a plane back to the kernel window
 * (correlation with x, then the o2p crop).
 */
public final class KernelOperator implements LinearOperator {

	private final int h;
	private final int w;
	private final int kh;
	private final int kw;
	private final float[] imageSpectrum;

	public KernelOperator(float[] image, int h, int w, int kh, int kw) {
		this.h = h;
		this.w = w;
		this.kh = kh;
		this.kw = kw;
		this.imageSpectrum = Fft2.of(h, w).forward(image);
	}

	@Override
	public int inputSize() {
		return kh * kw;
	}

	@Override
	public int outputSize() {
		return h * w;
	}

	@Override
	public float[] apply(float[] kernel) {
		Fft2 f = Fft2.of(h, w);
		return f.inverseRealInPlace(Spectra.multiply(f.otf(kernel, kh, kw), imageSpectrum));
	}

	@Override
	public float[] adjoint(float[] y) {
		Fft2 f = Fft2.of(h, w);
		float[] corr = f.inverseRealInPlace(Spectra.multiplyConj(imageSpectrum, f.forward(y)));
		return Fft2.spatialToPsf(corr, h, w, kh, kw);
	}
}
