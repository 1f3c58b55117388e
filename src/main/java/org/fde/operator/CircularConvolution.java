package org.fde.operator;

import org.fde.fft.Fft2;
import org.fde.fft.Spectra;

/**
 * x &#8614; k &#8859; x: periodic true convolution of an h&times;w plane with a fixed kernel, through the FFT
 * (ALGORITHM.md &sect;5.1). Immutable: a new kernel estimate makes a new, cheap operator.
 */
public final class CircularConvolution implements LinearOperator {

	private final int h;
	private final int w;
	private final float[] otf;

	public CircularConvolution(float[] kernel, int kh, int kw, int h, int w) {
		this.h = h;
		this.w = w;
		this.otf = Fft2.of(h, w).otf(kernel, kh, kw);
	}

	/** The kernel's transfer function F(p2o(k)) (a copy). */
	public float[] otf() {
		return otf.clone();
	}

	@Override
	public int inputSize() {
		return h * w;
	}

	@Override
	public int outputSize() {
		return h * w;
	}

	@Override
	public float[] apply(float[] x) {
		Fft2 f = Fft2.of(h, w);
		return f.inverseRealInPlace(Spectra.multiply(otf, f.forward(x)));
	}

	/** Correlation with the kernel: F&#8315;&sup1;(conj(K) X). */
	@Override
	public float[] adjoint(float[] y) {
		Fft2 f = Fft2.of(h, w);
		return f.inverseRealInPlace(Spectra.multiplyConj(otf, f.forward(y)));
	}
}
