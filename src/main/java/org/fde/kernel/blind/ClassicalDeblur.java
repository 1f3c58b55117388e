package org.fde.kernel.blind;

import org.fde.baseline.SparseDeconvolution;

/**
 * The classical blind preview: the {@link L0KernelEstimator} kernel of the channels' mean, then a fast non-blind
 * deconvolution of every channel with it: the sparse-derivative (hyper-Laplacian, exponent 0.8) deconvolution with
 * Levin et al.'s weight ({@link SparseDeconvolution#levin}), which assumes nothing about the borders. Deterministic.
 */
public final class ClassicalDeblur {

	/**
	 * @param planes the deblurred channels
	 * @param kernel the estimated kernel (&ge; 0, sum 1)
	 * @param kernelSeconds time of the kernel estimate
	 * @param seconds time of the whole run
	 */
	public record Result(float[][] planes, float[] kernel, int kernelSize, double kernelSeconds, double seconds) {
	}

	private ClassicalDeblur() {
	}

	/**
	 * Deblurs w&times;h channels (unit range, not periodic: the borders need no padding).
	 *
	 * @param planes one or more channels of w&times;h values; not modified
	 */
	public static Result run(float[][] planes, int w, int h, BlindConfig config) {
		if (planes == null || planes.length == 0) {
			throw new IllegalArgumentException("planes must hold at least one channel");
		}
		long t0 = System.nanoTime();
		float[] k = new L0KernelEstimator(config).estimate(mean(planes, w, h), w, h);
		double kernelSeconds = (System.nanoTime() - t0) * 1e-9;
		int ks = config.kernelSize();
		float[][] out = new float[planes.length][];
		for (int c = 0; c < planes.length; c++) {
			out[c] = SparseDeconvolution.levin(planes[c], w, h, k, ks);
		}
		return new Result(out, k, ks, kernelSeconds, (System.nanoTime() - t0) * 1e-9);
	}

	/** The channels' mean (the plane itself for one channel). */
	static float[] mean(float[][] planes, int w, int h) {
		if (planes.length == 1) {
			return planes[0];
		}
		float[] m = new float[w * h];
		for (float[] p : planes) {
			if (p.length != w * h) {
				throw new IllegalArgumentException("every channel must hold " + w + "x" + h + " values");
			}
			for (int i = 0; i < m.length; i++) {
				m[i] += p[i] / planes.length;
			}
		}
		return m;
	}
}
