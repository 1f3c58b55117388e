package org.fde.kernel;

/**
 * Settings of the HQS M-step (ALGORITHM.md &sect;5.2), immutable and validated.
 *
 * @param kernelSize    side of the square kernel window (odd sizes keep the p2o origin at the centre)
 * @param lambda        regularisation weight &lambda; (1.0 for 33&times;33 kernels in the paper)
 * @param beta          HQS penalty &beta; (1e5 in the official code, {@link #BETA_DEFAULT} here)
 * @param iterations    HQS iterations per M-step (10)
 * @param particleFactor if true, &alpha; = n&sigma;&sup2;&beta; as in the paper's eq. 24 (the data term is a
 *                      Monte-Carlo average over the n particles); if false, &alpha; = &sigma;&sup2;&beta; as in the
 *                      official code. Identical for n = 1.
 * @param varianceTerm  if true, add the Appendix-D term n&middot;N&middot;r_t&sup2; to the data-step denominator
 *                      (x&#770;0's uncertainty, with r_t&sup2; as used by the &Pi;GDM guidance); off in the official code
 * @param levelMode     the noise level told to the kernel prior: sqrt(&lambda;/&beta;) as in the paper (the default),
 *                      or sqrt(&lambda;) times the data step's noise level ({@link PriorLevel})
 * @param gradientDomain if true, the data term is fitted on the images' gradients, &Sigma; &Vert;&nabla;(x &#8859; k
 *                      &minus; y)&Vert;&sup2;, instead of their values: each frequency of the data step is weighted by
 *                      {@link #gradientWeight} (0 at DC, mean 1), so the image's mean and its smooth shading, which an
 *                      early x&#770;0 gets wrong, no longer dominate the fit, and edges do (the weighting of the
 *                      classical blind-deblurring kernel estimates). Off in the paper and the official code.
 */
public record MStepConfig(int kernelSize, double lambda, double beta, int iterations, boolean particleFactor,
		boolean varianceTerm, PriorLevel levelMode, boolean gradientDomain) {

	public MStepConfig {
		if (kernelSize < 3 || kernelSize > 129) {
			throw new IllegalArgumentException("kernel size must be in [3, 129], got " + kernelSize);
		}
		if (!(lambda >= 0) || !Double.isFinite(lambda)) {
			throw new IllegalArgumentException("lambda must be >= 0 and finite, got " + lambda);
		}
		if (!(beta > 0) || !Double.isFinite(beta)) {
			throw new IllegalArgumentException("beta must be > 0 and finite, got " + beta);
		}
		if (iterations < 1 || iterations > 1000) {
			throw new IllegalArgumentException("M-step iterations must be in [1, 1000], got " + iterations);
		}
		if (levelMode == null) {
			throw new IllegalArgumentException("the prior level mode must not be null");
		}
	}

	/** The data term on the image values (the paper's eq. 24). */
	public MStepConfig(int kernelSize, double lambda, double beta, int iterations, boolean particleFactor,
			boolean varianceTerm, PriorLevel levelMode) {
		this(kernelSize, lambda, beta, iterations, particleFactor, varianceTerm, levelMode, false);
	}

	/**
	 * The weight of frequency (u, v) of an h&times;w plane in the gradient-domain data term:
	 * (|D_x|&sup2; + |D_y|&sup2;)/4 = sin&sup2;(&pi;u/h) + sin&sup2;(&pi;v/w) for forward differences D, in [0, 2],
	 * mean 1 over the frequencies, 0 at DC. Row-major over the full h&times;w spectrum.
	 */
	public static double[] gradientWeight(int h, int w) {
		double[] sv = new double[w];
		for (int v = 0; v < w; v++) {
			double q = Math.sin(Math.PI * v / w);
			sv[v] = q * q;
		}
		double[] out = new double[h * w];
		for (int u = 0; u < h; u++) {
			double q = Math.sin(Math.PI * u / h);
			double su = q * q;
			for (int v = 0; v < w; v++) {
				out[u * w + v] = su + sv[v];
			}
		}
		return out;
	}

	/** The paper's level sqrt(&lambda;/&beta;) ({@link PriorLevel#LAMBDA_OVER_BETA}). */
	public MStepConfig(int kernelSize, double lambda, double beta, int iterations, boolean particleFactor,
			boolean varianceTerm) {
		this(kernelSize, lambda, beta, iterations, particleFactor, varianceTerm, PriorLevel.LAMBDA_OVER_BETA);
	}

	/** &beta; of the official code (ALGORITHM.md &sect;5.2), never overridden there. */
	public static final double BETA_OFFICIAL = 1e5;

	/**
	 * This project's default &beta;: 1e4, not the official 1e5 (docs/design-choices.md). With the known sharp image the
	 * 20-crop kernel-prior ablation found &beta; = 1e4 best at &sigma; = 10 and 20/255. In blind Fast EM on bsd68
	 * crops (33&times;33 motion kernels, &sigma; = 5&ndash;20/255, 50 and 100 steps) &beta; = 1e5 let spurious
	 * branches grow in the kernel. The cause is the pull &alpha; = &sigma;&sup2;&beta; towards the previous step's
	 * kernel, not the denoiser's level: &lambda; = 10 with &beta; = 1e5 gives the same level sqrt(&lambda;/&beta;)
	 * and fails as badly. The resulting images were 4&ndash;11 dB worse than with 1e4.
	 */
	public static final double BETA_DEFAULT = 1e4;

	/** The defaults for a given kernel size: &lambda; = 1, &beta; = {@link #BETA_DEFAULT}, 10 iterations, paper's n-factor. */
	public static MStepConfig defaults(int kernelSize) {
		return new MStepConfig(kernelSize, 1.0, BETA_DEFAULT, 10, true, false);
	}

	/** The official code's settings: &lambda; = 1, &beta; = 1e5, 10 iterations (and the paper's n-factor). */
	public static MStepConfig official(int kernelSize) {
		return new MStepConfig(kernelSize, 1.0, BETA_OFFICIAL, 10, true, false);
	}

	/** The same settings with another &lambda;. */
	public MStepConfig withLambda(double newLambda) {
		return new MStepConfig(kernelSize, newLambda, beta, iterations, particleFactor, varianceTerm, levelMode,
				gradientDomain);
	}

	/** The paper's prior noise level sqrt(&lambda;/&beta;) (whatever {@link #levelMode()}). */
	public double priorLevel() {
		return Math.sqrt(lambda / beta);
	}

	/**
	 * The level told to the prior in an M-step whose data step leaves noise of standard deviation
	 * {@code dataNoiseStd} in the kernel: sqrt(&lambda;/&beta;), or sqrt(&lambda;)&middot;dataNoiseStd.
	 */
	public double priorLevel(double dataNoiseStd) {
		return levelMode == PriorLevel.DATA_NOISE ? Math.sqrt(lambda) * dataNoiseStd : priorLevel();
	}
}
