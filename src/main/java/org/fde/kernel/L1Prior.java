package org.fde.kernel;

import org.fde.score.KernelPrior;

/** Sparsity prior &lambda;&Vert;k&Vert;&#8321;: its proximal step is soft thresholding at &lambda;/&beta;. */
public final class L1Prior implements KernelPrior {

	@Override
	public String name() {
		return "l1";
	}

	@Override
	public float[] denoise(float[] kernel, int size, double level, double lambda, double beta) {
		float thr = (float) (lambda / beta);
		float[] out = new float[kernel.length];
		for (int i = 0; i < out.length; i++) {
			float v = kernel[i];
			out[i] = Math.signum(v) * Math.max(Math.abs(v) - thr, 0f);
		}
		return out;
	}
}
