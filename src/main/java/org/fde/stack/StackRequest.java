package org.fde.stack;

import org.fde.em.EmConfig;

/**
 * What {@link StackDeblur} should do with a hyperstack. Immutable (the kernel arrays are not copied: do not modify
 * them afterwards) and validated at construction.
 *
 * @param method         the solver
 * @param config         steps, particles, guidance, kernel size, &lambda;, outer iterations, seed, tile overlap and
 *                       tiles per batch; its {@code sigma}, {@code kernelMode} and {@code tileSize} are ignored (see
 *                       {@code sigma}, {@code perChannel} and {@code tileSize})
 * @param sigma          noise standard deviation in the image's own intensity units; 0 = estimate it from each plane
 * @param perChannel     one kernel per channel (each channel is then normalised and solved on its own); false = one
 *                       kernel shared by all channels (normalised jointly). For {@link Method#NON_BLIND} it must
 *                       agree with the number of kernels given
 * @param wholeStack     blind methods only: one kernel for the whole stack, estimated on the reference plane
 *                       (referenceSlice, referenceFrame) and applied non-blind to every other plane; false = a
 *                       separate blind run per Z/T plane
 * @param referenceSlice 0-based slice of the reference plane (used when wholeStack)
 * @param referenceFrame 0-based frame of the reference plane (used when wholeStack)
 * @param kernels        {@link Method#NON_BLIND} only (null otherwise): one kernel, or one per channel, each
 *                       kernelSize&sup2; values, row-major, non-negative with positive sum (normalised to sum 1)
 * @param uncertainty    also return the per-pixel standard deviation across particles (needs particles &ge; 2)
 * @param tileSize       0 = automatic: a padded plane wider or higher than {@link StackDeblur#AUTO_TILING_ABOVE}
 *                       pixels is solved in tiles of an automatic size (256 to 512, the one with the least work);
 *                       else the tile side T (at least twice the kernel size, rounded up to the model's size
 *                       multiple): planes larger than T are solved in overlapping T&times;T tiles that share one
 *                       kernel, so that memory depends on T, not on the image; a T at least as large as the padded
 *                       plane means no tiling
 * @param output         which image is returned: the faithful estimate given the run's final kernel
 *                       ({@link org.fde.em.FaithfulEstimate}), or the diffusion run's sample (the particle mean)
 */
public record StackRequest(Method method, EmConfig config, double sigma, boolean perChannel, boolean wholeStack,
		int referenceSlice, int referenceFrame, float[][] kernels, boolean uncertainty, int tileSize, Output output) {

	/** Which image a run returns. */
	public enum Output {
		/**
		 * The faithful (posterior-mean-type) estimate given the final kernel: plug-and-play HQS with the image prior
		 * as the denoiser ({@link org.fde.em.FaithfulEstimate}); the commands' default.
		 */
		ESTIMATE(ParameterRanges.OUTPUT_ESTIMATE),
		/** The diffusion run's sample (the particle mean with particles &ge; 2): sharper, but it may invent texture. */
		SAMPLE(ParameterRanges.OUTPUT_SAMPLE);

		private final String key;

		Output(String key) {
			this.key = key;
		}

		/** The macro and command-line spelling. */
		public String key() {
			return key;
		}

		/**
		 * The output of a spelling ({@value ParameterRanges#OUTPUT_ESTIMATE} or
		 * {@value ParameterRanges#OUTPUT_SAMPLE}, any case).
		 *
		 * @param option the parameter's name as its users write it, for the message
		 */
		public static Output parse(String value, String option) {
			for (Output o : values()) {
				if (o.key.equalsIgnoreCase(value == null ? "" : value.trim())) {
					return o;
				}
			}
			throw new IllegalArgumentException(option + " must be " + ParameterRanges.OUTPUT_ESTIMATE + " or "
					+ ParameterRanges.OUTPUT_SAMPLE + ", got '" + value + "'");
		}
	}

	/** A request that returns the sample (the behaviour before the output choice). */
	public StackRequest(Method method, EmConfig config, double sigma, boolean perChannel, boolean wholeStack,
			int referenceSlice, int referenceFrame, float[][] kernels, boolean uncertainty, int tileSize) {
		this(method, config, sigma, perChannel, wholeStack, referenceSlice, referenceFrame, kernels, uncertainty,
				tileSize, Output.SAMPLE);
	}

	/** The solver run on each plane. */
	public enum Method {
		/** Fast Diffusion EM (blind; the paper's Algorithm 2). */
		FAST_EM,
		/** Diffusion EM, the slow alternating variant (blind). */
		DIFFUSION_EM,
		/** Non-blind diffusion deconvolution with known kernels. */
		NON_BLIND,
		/**
		 * The classical multiscale l0 blind method, a fast preview without the networks
		 * ({@link org.fde.kernel.blind.ClassicalDeblur}); with one kernel for the whole stack the other planes are
		 * deconvolved by its sparse deconvolution as well.
		 */
		CLASSICAL,
		/** The classical kernel seeding Fast EM, plain Fast EM at high noise ({@link org.fde.em.HybridEm}, blind). */
		HYBRID;

		/** True for the blind methods. */
		public boolean isBlind() {
			return this != NON_BLIND;
		}
	}

	public StackRequest {
		if (method == null || config == null || output == null) {
			throw new IllegalArgumentException("method, config and output must be given");
		}
		if (!(sigma >= 0) || !Double.isFinite(sigma)) {
			throw new IllegalArgumentException("sigma must be >= 0 and finite (0 = estimate it), got " + sigma);
		}
		if (referenceSlice < 0 || referenceFrame < 0) {
			throw new IllegalArgumentException("reference slice and frame are 0-based and must be >= 0, got "
					+ referenceSlice + " and " + referenceFrame);
		}
		if (uncertainty && config.particles() < 2) {
			throw new IllegalArgumentException("an uncertainty map needs particles >= 2 (the spread across "
					+ "particles), got particles = " + config.particles());
		}
		int ks = config.mStep().kernelSize();
		if (!ParameterRanges.isValidTileSize(tileSize, ks)) {
			throw new IllegalArgumentException("tilesize must be 0 (automatic) or in [2 x kernel size = " + 2 * ks
					+ ", " + ParameterRanges.TILE_SIZE_MAX + "], got " + tileSize);
		}
		if (method.isBlind()) {
			if (kernels != null) {
				throw new IllegalArgumentException("kernels are given only to the non-blind method");
			}
		} else {
			int s = config.mStep().kernelSize();
			if (kernels == null || kernels.length == 0) {
				throw new IllegalArgumentException("the non-blind method needs one kernel or one per channel");
			}
			if (perChannel != (kernels.length > 1)) {
				throw new IllegalArgumentException("perChannel must be true exactly when more than one kernel is "
						+ "given, got perChannel=" + perChannel + " with " + kernels.length + " kernel(s)");
			}
			for (int j = 0; j < kernels.length; j++) {
				float[] k = kernels[j];
				if (k == null || k.length != s * s) {
					throw new IllegalArgumentException("kernel " + (j + 1) + " must have " + s + "x" + s + " values");
				}
				double sum = 0;
				for (float v : k) {
					if (!Float.isFinite(v)) {
						throw new IllegalArgumentException("kernel " + (j + 1) + " contains NaN or infinite values");
					}
					sum += Math.max(v, 0);
				}
				if (!(sum > 0)) {
					throw new IllegalArgumentException("kernel " + (j + 1) + " has no positive value (all zero or "
							+ "negative): it cannot be normalised to sum 1");
				}
			}
		}
	}

	/** A blind request (Fast EM or Diffusion EM), automatic tiling. */
	public static StackRequest blind(Method method, EmConfig config, double sigma, boolean perChannel,
			boolean wholeStack, int referenceSlice, int referenceFrame, boolean uncertainty) {
		return new StackRequest(method, config, sigma, perChannel, wholeStack, referenceSlice, referenceFrame, null,
				uncertainty, 0);
	}

	/** A non-blind request: one kernel shared by all channels, or one per channel; automatic tiling. */
	public static StackRequest nonBlind(EmConfig config, double sigma, float[][] kernels, boolean uncertainty) {
		return new StackRequest(Method.NON_BLIND, config, sigma, kernels != null && kernels.length > 1, false, 0, 0,
				kernels, uncertainty, 0);
	}

	/** This request with another tile size (0 = automatic). */
	public StackRequest withTileSize(int size) {
		return new StackRequest(method, config, sigma, perChannel, wholeStack, referenceSlice, referenceFrame, kernels,
				uncertainty, size, output);
	}

	/** This request with at most {@code n} tiles per network batch ({@link EmConfig#tilesPerBatch}). */
	public StackRequest withTilesPerBatch(int n) {
		return new StackRequest(method, config.toBuilder().tilesPerBatch(n).build(), sigma, perChannel, wholeStack,
				referenceSlice, referenceFrame, kernels, uncertainty, tileSize, output);
	}

	/** This request with another output. */
	public StackRequest withOutput(Output o) {
		return new StackRequest(method, config, sigma, perChannel, wholeStack, referenceSlice, referenceFrame, kernels,
				uncertainty, tileSize, o);
	}
}
