package org.fde.kernel;

import org.fde.fft.Fft2;
import org.fde.score.KernelPrior;

/**
 * Smoothness prior (&lambda;/2)&Vert;&nabla;k&Vert;&sup2; (Tikhonov on the kernel's finite differences). Its proximal
 * step solves (&beta; + &lambda;|D|&sup2;) K = &beta; Z in the kernel window's Fourier domain. (A plain
 * &lambda;&Vert;k&Vert;&sup2; would only rescale the kernel, which the sum-1 projection undoes.)
 */
public final class L2Prior implements KernelPrior {

	@Override
	public String name() {
		return "l2";
	}

	@Override
	public float[] denoise(float[] kernel, int size, double level, double lambda, double beta) {
		Fft2 f = Fft2.of(size, size);
		float[] spec = f.forward(kernel);
		for (int y = 0; y < size; y++) {
			double sy = Math.sin(Math.PI * y / size);
			for (int x = 0; x < size; x++) {
				double sx = Math.sin(Math.PI * x / size);
				double d2 = 4 * sy * sy + 4 * sx * sx;
				double g = beta / (beta + lambda * d2);
				int i = 2 * (y * size + x);
				spec[i] *= g;
				spec[i + 1] *= g;
			}
		}
		return f.inverseRealInPlace(spec);
	}
}
