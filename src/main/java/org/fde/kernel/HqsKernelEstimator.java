package org.fde.kernel;

import org.fde.fft.Fft2;
import org.fde.image.BatchShape;
import org.fde.score.KernelPrior;

/**
 * The M-step (paper eq. 24, ALGORITHM.md &sect;5.2): half-quadratic splitting for
 * min_k &Sigma;_i &Sigma;_c &Vert;x_i^c &#8859; k &minus; y^c&Vert;&sup2; + &alpha;&Vert;k &minus; z&Vert;&sup2;, alternated with the
 * kernel prior's proximal step and the projection k &ge; 0, &Sigma;k = 1.
 * <p>
 * Per iteration: K^c = [&Sigma;_i conj(X_i^c) Y^c + &alpha; Z]/[&Sigma;_i |X_i^c|&sup2; + &alpha; (+ nNr&sup2;)], k = mean_c
 * Re F&#8315;&sup1;(K^c), crop to the window (o2p), project, denoise at level sqrt(&lambda;/&beta;), project; z = k.
 * The channel mean is taken in Fourier (linear), so each iteration costs one forward and one inverse FFT.
 */
public final class HqsKernelEstimator {

	private final MStepConfig config;
	private final KernelPrior prior;

	public HqsKernelEstimator(MStepConfig config, KernelPrior prior) {
		this.config = config;
		this.prior = prior;
	}

	public MStepConfig config() {
		return config;
	}

	/**
	 * One M-step.
	 *
	 * @param ySpectra   F(y^c) for each channel (unit range), interleaved complex
	 * @param xSpectra   F(x_i^c) for each particle-channel plane, NCHW order (unit range)
	 * @param shape      the particles' shape (n particles, c channels, h, w)
	 * @param sigma      noise standard deviation on the unit scale (0 is replaced by 1e-8... see below)
	 * @param warmStart  previous kernel z (kernelSize&sup2;, sum 1)
	 * @param r2         r_t&sup2; for the optional variance term (ignored unless enabled)
	 * @param channelMask which channels contribute (null = all); used for per-channel kernels
	 * @return the new kernel, non-negative, sum 1
	 */
	public float[] estimate(float[][] ySpectra, float[][] xSpectra, BatchShape shape, double sigma, float[] warmStart,
			double r2, boolean[] channelMask) {
		int s = config.kernelSize();
		int h = shape.h();
		int w = shape.w();
		if (s > h || s > w) {
			throw new IllegalArgumentException("kernel size " + s + " exceeds the image " + w + "x" + h);
		}
		int nf = h * w;
		int n = shape.n();
		double sig = sigma > 0 ? sigma : 1e-4;
		double alpha = sig * sig * config.beta() * (config.particleFactor() ? n : 1);
		double extra = config.varianceTerm() ? n * (double) nf * r2 : 0.0;
		int channels = 0;
		// numerator and denominator, summed over particles, per channel, then combined
		double[] numRe = new double[nf];
		double[] numIm = new double[nf];
		double[][] den = new double[shape.c()][];
		double[][] chNumRe = new double[shape.c()][];
		double[][] chNumIm = new double[shape.c()][];
		for (int c = 0; c < shape.c(); c++) {
			if (channelMask != null && !channelMask[c]) {
				continue;
			}
			channels++;
			double[] re = new double[nf];
			double[] im = new double[nf];
			double[] d = new double[nf];
			float[] yc = ySpectra[c];
			for (int i = 0; i < n; i++) {
				float[] x = xSpectra[i * shape.c() + c];
				for (int f = 0; f < nf; f++) {
					double xr = x[2 * f];
					double xi = x[2 * f + 1];
					double yr = yc[2 * f];
					double yi = yc[2 * f + 1];
					re[f] += xr * yr + xi * yi;
					im[f] += xr * yi - xi * yr;
					d[f] += xr * xr + xi * xi;
				}
			}
			chNumRe[c] = re;
			chNumIm[c] = im;
			den[c] = d;
		}
		if (channels == 0) {
			throw new IllegalArgumentException("no channel selected for the M-step");
		}
		Fft2 fft = Fft2.of(h, w);
		float[] z = warmStart.clone();
		float[] spec = new float[2 * nf];
		for (int it = 0; it < config.iterations(); it++) {
			float[] zf = fft.otf(z, s, s);
			java.util.Arrays.fill(numRe, 0);
			java.util.Arrays.fill(numIm, 0);
			for (int c = 0; c < shape.c(); c++) {
				if (den[c] == null) {
					continue;
				}
				double[] d = den[c];
				double[] re = chNumRe[c];
				double[] im = chNumIm[c];
				for (int f = 0; f < nf; f++) {
					double q = 1.0 / (d[f] + alpha + extra);
					numRe[f] += (re[f] + alpha * zf[2 * f]) * q;
					numIm[f] += (im[f] + alpha * zf[2 * f + 1]) * q;
				}
			}
			for (int f = 0; f < nf; f++) {
				spec[2 * f] = (float) (numRe[f] / channels);
				spec[2 * f + 1] = (float) (numIm[f] / channels);
			}
			float[] full = fft.inverseRealInPlace(spec.clone());
			float[] k = Kernels.project(Fft2.spatialToPsf(full, h, w, s, s), s);
			k = Kernels.project(prior.denoise(k, s, config.priorLevel(), config.lambda(), config.beta()), s);
			z = k;
		}
		return z;
	}
}
