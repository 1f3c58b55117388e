package org.fde.kernel;

import org.fde.fft.Fft2;
import org.fde.image.BatchShape;
import org.fde.parallel.Chunks;
import org.fde.score.KernelPrior;

/**
 * The M-step (paper eq. 24, ALGORITHM.md &sect;5.2): half-quadratic splitting for
 * min_k &Sigma;_i &Sigma;_c &Vert;x_i^c &#8859; k &minus; y^c&Vert;&sup2; + &alpha;&Vert;k &minus; z&Vert;&sup2;, alternated with the
 * kernel prior's proximal step and the projection k &ge; 0, &Sigma;k = 1.
 * <p>
 * Per iteration: K^c = [&Sigma;_i conj(X_i^c) Y^c + &alpha; Z]/[&Sigma;_i |X_i^c|&sup2; + &alpha;], k = mean_c
 * Re F&#8315;&sup1;(K^c), crop to the window (o2p), project, denoise at level sqrt(&lambda;/&beta;) (or, with
 * {@link PriorLevel#DATA_NOISE}, sqrt(&lambda;) times {@link #dataNoiseStd}), project; z = k.
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
	 * One M-step on one measurement and its particles (the single-image form): builds the {@link DataTerm} of the
	 * selected channels and calls {@link #estimate(DataTerm, double, int, float[], boolean[])}.
	 *
	 * @param ySpectra   F(y^c) for each channel (unit range), interleaved complex
	 * @param xSpectra   F(x_i^c) for each particle-channel plane, NCHW order (unit range)
	 * @param shape      the particles' shape (n particles, c channels, h, w)
	 * @param sigma      the resolved noise level on the unit scale (an estimated 0 is floored at 1e-4)
	 * @param warmStart  previous kernel z (kernelSize&sup2;, sum 1)
	 * @param channelMask which channels contribute (null = all); used for per-channel kernels
	 * @return the new kernel, non-negative, sum 1
	 */
	public float[] estimate(float[][] ySpectra, float[][] xSpectra, BatchShape shape, double sigma, float[] warmStart,
			boolean[] channelMask) {
		DataTerm data = new DataTerm(shape.c(), shape.h(), shape.w());
		for (int c = 0; c < shape.c(); c++) {
			if (channelMask != null && !channelMask[c]) {
				continue;
			}
			for (int i = 0; i < shape.n(); i++) {
				data.add(c, ySpectra[c], xSpectra[i * shape.c() + c]);
			}
		}
		return estimate(data, sigma, shape.n(), warmStart, channelMask);
	}

	/**
	 * One M-step on accumulated data terms, which may come from several measurements (the tiles of a large image)
	 * that share the kernel: eq. 24 with the data term summed over measurements and particles,
	 * K^c = [&Sigma;_m &Sigma;_i conj(X_mi^c) Y_m^c + &alpha;Z]/[&Sigma;_m &Sigma;_i |X_mi^c|&sup2; + &alpha;].
	 * <p>
	 * &alpha; = &sigma;&sup2;&beta;&middot;n (n = {@code particles}, the particles per measurement, the paper's eq.
	 * 24; the official code has &sigma;&sup2;&beta;, the same for n = 1). It is NOT multiplied by the number of
	 * measurements: eq. 24's factor n turns the Monte-Carlo average over particles into a sum, while more tiles are
	 * more data of the same likelihood, so they rightly weigh more against the prior.
	 *
	 * @param particles   n, the particles per measurement
	 * @param channelMask which channels contribute (null = all that have data)
	 */
	public float[] estimate(DataTerm data, double sigma, int particles, float[] warmStart, boolean[] channelMask) {
		return estimate(data, sigma, particles, warmStart, channelMask, config.kernelSize());
	}

	/**
	 * As {@link #estimate(DataTerm, double, int, float[], boolean[])}, with the kernel's support restricted to
	 * the centred {@code support}&times;{@code support} window of the kernel window (every iterate is zero outside it;
	 * {@code support} &ge; the kernel size = no restriction).
	 */
	public float[] estimate(DataTerm data, double sigma, int particles, float[] warmStart, boolean[] channelMask,
			int support) {
		return estimate(data, sigma, particles, warmStart, channelMask, support, null);
	}

	/**
	 * As {@link #estimate(DataTerm, double, int, float[], boolean[], int)}, with every iterate also held in
	 * {@code supportMask} (kernelSize&sup2; flags, row-major; null = no mask): the support a coarse-to-fine start
	 * allows the kernel ({@link KernelResampling#support}).
	 */
	public float[] estimate(DataTerm data, double sigma, int particles, float[] warmStart, boolean[] channelMask,
			int support, boolean[] supportMask) {
		int s = config.kernelSize();
		int h = data.h;
		int w = data.w;
		if (s > h || s > w) {
			throw new IllegalArgumentException("kernel size " + s + " exceeds the image " + w + "x" + h);
		}
		Weights wt = weights(data, sigma, particles, channelMask);
		// The data step is affine in the prox centre z: mean_c F^-1[(N_c + alpha Z)/(D_c + alpha + e_c)]
		//   = a + g (*) z, with a = F^-1[mean_c N_c/(D_c + alpha + e_c)] and G = mean_c alpha/(D_c + alpha + e_c).
		// Only the kernel window of the result is kept (o2p), so a is cropped once and g (*) z is a small
		// convolution of z with the (2s-1)^2 central part of g: two inverse FFTs per M-step (of the s and 2s-1 rows
		// needed) instead of two full-size ones per HQS iteration.
		WindowedDataStep step = WindowedDataStep.of(data, wt.alpha, wt.channels, channelMask, s);
		double level = config.levelMode() == PriorLevel.DATA_NOISE
				? config.priorLevel(noiseStd(data, wt, particles, channelMask))
				: config.priorLevel();
		float[] z = warmStart.clone();
		for (int it = 0; it < config.iterations(); it++) {
			float[] k = restrict(step.apply(z), s, support, supportMask); // HQS data step (eq. 24), cropped, projected
			k = restrict(prior.denoise(k, s, level, config.lambda(), config.beta()), s, support, supportMask); // prior
			z = k;
		}
		return z;
	}

	/** {@link Kernels#restrict} to the centred window, then (if any) to the mask. */
	private static float[] restrict(float[] k, int s, int support, boolean[] supportMask) {
		float[] out = Kernels.restrict(k, s, support);
		return supportMask == null ? out : Kernels.restrict(out, s, supportMask);
	}

	/**
	 * The standard deviation of the noise that the measurement noise leaves in each value of the data step's kernel
	 * (what {@link PriorLevel#DATA_NOISE} tells the prior, before the factor sqrt(&lambda;)). The data step's
	 * response to y is K^c = conj(X^c) Y^c/(D^c + &alpha;), with D^c = &Sigma;|X^c|&sup2; over the planes. For
	 * white noise of variance &sigma;&sup2; per value, independent between channels and measurements (unnormalised
	 * DFT: E|W(f)|&sup2; = N&sigma;&sup2;, N = h&middot;w), the noise part of the channel mean k = mean_c
	 * F&#8315;&sup1;(K^c) is stationary with variance per value
	 * s&sup2; = n&sigma;&sup2;/(N C&sup2;) &Sigma;_c &Sigma;_f D^c/(D^c + &alpha;)&sup2;
	 * (C channels, n particles per measurement: exact when the particles agree, an upper bound otherwise). Since
	 * D/(D + &alpha;)&sup2; &le; 1/(4&alpha;) and &alpha; = n&sigma;&sup2;&beta;,
	 * s &le; 1/(2 sqrt(&beta;C)) whatever &sigma;; s &rarr; 0 as &sigma; &rarr; 0. The projection and the window crop
	 * that follow are ignored (white-noise model), as is the error the prox centre z brings.
	 *
	 * @param data        the accumulated data terms
	 * @param sigma       the resolved noise level on the unit scale (floored at 1e-4 as in the M-step)
	 * @param particles   n, the particles per measurement
	 * @param channelMask which channels contribute (null = all that have data)
	 */
	public double dataNoiseStd(DataTerm data, double sigma, int particles, boolean[] channelMask) {
		return noiseStd(data, weights(data, sigma, particles, channelMask), particles, channelMask);
	}

	/** The data step's weights: &sigma; (an estimated 0 floored at 1e-4), &alpha; and the channels used. */
	private record Weights(double sigma, double alpha, int channels) {
	}

	private Weights weights(DataTerm data, double sigma, int particles, boolean[] channelMask) {
		double sig = sigma > 0 ? sigma : 1e-4;
		double alpha = sig * sig * config.beta() * particles;
		int channels = 0;
		for (int c = 0; c < data.channels; c++) {
			if (data.den[c] == null || (channelMask != null && !channelMask[c])) {
				continue;
			}
			channels++;
		}
		if (channels == 0) {
			throw new IllegalArgumentException("no channel selected for the M-step");
		}
		return new Weights(sig, alpha, channels);
	}

	private static double noiseStd(DataTerm data, Weights wt, int particles, boolean[] channelMask) {
		int nf = data.h * data.w;
		double sum = 0;
		for (int c = 0; c < data.channels; c++) {
			if (data.den[c] == null || (channelMask != null && !channelMask[c])) {
				continue;
			}
			double[] d = data.den[c];
			double a = wt.alpha;
			for (int f = 0; f < nf; f++) {
				double q = d[f] + a; // K = conj(X) Y/(D + a): noise variance D/(D + a)^2
				sum += d[f] / (q * q);
			}
		}
		return Math.sqrt(particles * wt.sigma * wt.sigma * sum / ((double) nf * wt.channels * wt.channels));
	}

	/**
	 * The reference data step, computed the direct way: full-size FFTs of the prox centre at every iteration. Slow;
	 * kept to test {@link WindowedDataStep} against.
	 */
	static float[] referenceDataStep(DataTerm data, double alpha, int channels, boolean[] channelMask, int s,
			float[] z) {
		int h = data.h;
		int w = data.w;
		int nf = h * w;
		Fft2 fft = Fft2.of(h, w);
		float[] zf = fft.otf(z, s, s);
		double[] numRe = new double[nf];
		double[] numIm = new double[nf];
		for (int c = 0; c < data.channels; c++) {
			if (data.den[c] == null || (channelMask != null && !channelMask[c])) {
				continue;
			}
			for (int f = 0; f < nf; f++) {
				double q = 1.0 / (data.den[c][f] + alpha);
				numRe[f] += (data.numRe[c][f] + alpha * zf[2 * f]) * q;
				numIm[f] += (data.numIm[c][f] + alpha * zf[2 * f + 1]) * q;
			}
		}
		float[] spec = new float[2 * nf];
		for (int f = 0; f < nf; f++) {
			spec[2 * f] = (float) (numRe[f] / channels);
			spec[2 * f + 1] = (float) (numIm[f] / channels);
		}
		return Fft2.spatialToPsf(fft.inverseRealInPlace(spec), h, w, s, s);
	}

	/**
	 * The HQS data step restricted to the kernel window: k = o2p(a) + (g &#8859; z) on the window, with the constant
	 * part a and the filter g computed once per M-step (from their half spectra, inverting only the rows the windows
	 * need), and the small convolution done by FFTs of size L &ge; 2s &minus; 1. That size suffices: the window's
	 * outputs only need the offsets y &minus; q &isin; [0, 2s &minus; 2] of g, which a circular convolution of length
	 * L &ge; 2s &minus; 1 does not alias.
	 */
	static final class WindowedDataStep {
		private final int s;
		private final int l;
		private final float[] aWindow;
		/** The half spectrum ({@link Fft2#forwardHalf}) of the L&times;L padded g. */
		private final float[] gHalf;

		private WindowedDataStep(int s, int l, float[] aWindow, float[] gHalf) {
			this.s = s;
			this.l = l;
			this.aWindow = aWindow;
			this.gHalf = gHalf;
		}

		static WindowedDataStep of(DataTerm data, double alpha, int channels, boolean[] channelMask, int s) {
			int h = data.h;
			int w = data.w;
			Fft2 fft = Fft2.of(h, w);
			int hw = fft.halfWidth();
			// A and G are spectra of real planes (Hermitian, since conj(X)Y and |X|^2 are): their halves (columns
			// v <= w/2) determine them, and only the rows of a and g that the windows need are inverted
			float[] aHalf = new float[2 * h * hw];
			float[] gHalf = new float[2 * h * hw];
			Chunks.forEach(h * hw, (from, to) -> {
				for (int c = 0; c < data.channels; c++) {
					if (data.den[c] == null || (channelMask != null && !channelMask[c])) {
						continue;
					}
					double[] re = data.numRe[c];
					double[] im = data.numIm[c];
					double[] den = data.den[c];
					int u = from / hw;
					int v = from - u * hw;
					for (int q = from; q < to; q++) {
						int f = u * w + v;
						if (++v == hw) {
							v = 0;
							u++;
						}
						double inv = 1.0 / ((den[f] + alpha) * channels);
						aHalf[2 * q] += (float) (re[f] * inv); // A
						aHalf[2 * q + 1] += (float) (im[f] * inv);
						gHalf[2 * q] += (float) (alpha * inv); // G (real)
					}
				}
			});
			// a on the s x s window centred on the origin (o2p): rows -(s/2) .. s-1-s/2 (mod h)
			int[] aRows = new int[s];
			for (int y = 0; y < s; y++) {
				aRows[y] = Math.floorMod(y - s / 2, h);
			}
			float[] aRowsPlane = fft.inverseHalfRowsInPlace(aHalf, aRows);
			float[] aWindow = new float[s * s];
			for (int y = 0; y < s; y++) {
				for (int x = 0; x < s; x++) {
					aWindow[y * s + x] = aRowsPlane[y * w + Math.floorMod(x - s / 2, w)];
				}
			}
			// the periodic g at offsets -(s-1)..(s-1), stored from index 0
			int[] gRows = new int[2 * s - 1];
			for (int dy = -(s - 1); dy <= s - 1; dy++) {
				gRows[dy + s - 1] = Math.floorMod(dy, h);
			}
			float[] g = fft.inverseHalfRowsInPlace(gHalf, gRows);
			int l = fastSize(2 * s - 1);
			float[] gPad = new float[l * l];
			for (int r = 0; r < 2 * s - 1; r++) {
				for (int dx = -(s - 1); dx <= s - 1; dx++) {
					gPad[r * l + dx + s - 1] = g[r * w + Math.floorMod(dx, w)];
				}
			}
			return new WindowedDataStep(s, l, aWindow, Fft2.of(l, l).forwardHalf(gPad));
		}

		/**
		 * The data step's result on the s&times;s window for prox centre z: a + &Sigma;_q z(q) g(&middot; &minus; q).
		 * Both planes are real, so the product is taken on half spectra; the forward transform skips the zero rows
		 * of the padded z and the inverse computes only the s rows of the window (rows s&minus;1..2s&minus;2).
		 */
		float[] apply(float[] z) {
			Fft2 f = Fft2.of(l, l);
			float[] zPad = new float[l * l];
			for (int y = 0; y < s; y++) {
				System.arraycopy(z, y * s, zPad, y * l, s);
			}
			float[] prod = f.forwardHalf(zPad);
			multiplyInPlace(prod, gHalf);
			float[] conv = f.inverseHalfInPlace(prod, s - 1, 2 * s - 1); // rows s-1 .. 2s-2 of the convolution
			float[] out = new float[s * s];
			for (int y = 0; y < s; y++) {
				for (int x = 0; x < s; x++) {
					out[y * s + x] = aWindow[y * s + x] + conv[y * l + x + s - 1];
				}
			}
			return out;
		}

		/** a &larr; a &middot; b, interleaved complex. */
		private static void multiplyInPlace(float[] a, float[] b) {
			for (int i = 0; i < a.length; i += 2) {
				float re = a[i] * b[i] - a[i + 1] * b[i + 1];
				a[i + 1] = a[i] * b[i + 1] + a[i + 1] * b[i];
				a[i] = re;
			}
		}

		/** The smallest n' &ge; n whose factors are 2, 3 and 5 (fast FFT sizes). */
		static int fastSize(int n) {
			for (int m = n;; m++) {
				int r = m;
				for (int p : new int[] { 2, 3, 5 }) {
					while (r % p == 0) {
						r /= p;
					}
				}
				if (r == 1) {
					return m;
				}
			}
		}
	}

	/**
	 * The data-step sums of eq. 24 per channel, &Sigma; conj(X)&middot;Y and &Sigma; |X|&sup2; (double precision),
	 * accumulated plane by plane so that measurements and particles can be added in chunks (the tiles of a large
	 * image go through the network a few at a time). Mutable: fill it with {@link #add}, then pass it to
	 * {@link #estimate(DataTerm, double, int, float[], boolean[])}. Memory: three h&times;w double arrays per
	 * channel, whatever the number of planes.
	 */
	public static final class DataTerm {

		private final int channels;
		private final int h;
		private final int w;
		private final double[][] numRe;
		private final double[][] numIm;
		private final double[][] den;

		/** Empty sums for planes of h&times;w and the given number of channels. */
		public DataTerm(int channels, int h, int w) {
			if (channels < 1 || h < 1 || w < 1) {
				throw new IllegalArgumentException("invalid data term shape " + channels + "x" + h + "x" + w);
			}
			this.channels = channels;
			this.h = h;
			this.w = w;
			this.numRe = new double[channels][];
			this.numIm = new double[channels][];
			this.den = new double[channels][];
		}

		/** Adds one particle plane x of channel c and its measurement y (unnormalised DFTs, interleaved complex). */
		public void add(int c, float[] ySpectrum, float[] xSpectrum) {
			int nf = h * w;
			if (ySpectrum.length != 2 * nf || xSpectrum.length != 2 * nf) {
				throw new IllegalArgumentException("spectra must have " + 2 * nf + " values");
			}
			if (den[c] == null) {
				numRe[c] = new double[nf];
				numIm[c] = new double[nf];
				den[c] = new double[nf];
			}
			double[] re = numRe[c];
			double[] im = numIm[c];
			double[] d = den[c];
			Chunks.forEach(nf, (from, to) -> {
				for (int f = from; f < to; f++) {
					double xr = xSpectrum[2 * f];
					double xi = xSpectrum[2 * f + 1];
					double yr = ySpectrum[2 * f];
					double yi = ySpectrum[2 * f + 1];
					re[f] += xr * yr + xi * yi;
					im[f] += xr * yi - xi * yr;
					d[f] += xr * xr + xi * xi;
				}
			});
		}
	}
}
