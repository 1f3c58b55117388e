package org.fde.stack;

import static org.fde.stack.UserParameter.KERNEL_SIZE;
import static org.fde.stack.UserParameter.LAMBDA;
import static org.fde.stack.UserParameter.OUTER_ITERATIONS;
import static org.fde.stack.UserParameter.PARTICLES;
import static org.fde.stack.UserParameter.RESTARTS;
import static org.fde.stack.UserParameter.STEPS;
import static org.fde.stack.UserParameter.TILE_SIZE;
import static org.fde.stack.UserParameter.UNCERTAINTY;

import org.fde.em.EmConfig;
import org.fde.em.EmTuning;
import org.fde.guidance.GuidanceKind;
import org.fde.image.TileSize;
import org.fde.noise.NoiseSigma;

/**
 * The user's request for a hyperstack: what {@link StackDeblur} should do, in the user's parameters
 * ({@link UserParameter}), validated once, at construction, with messages that name the macro key and its range.
 * The Fiji commands and the command line build it with {@link #builder}; the solvers' {@link EmConfig} is derived
 * from it ({@link #config()}). Immutable (the kernel arrays are not copied: do not modify them afterwards).
 *
 * @param method          the solver
 * @param kernelSize      the kernel window (kernelsize; for {@link Method#NON_BLIND} the known kernels' size)
 * @param sigma           the noise level in the image's own intensity units ({@link NoiseSigma#inImageUnits}: the
 *                        sigma parameter, 0 = estimate it from each plane), mapped onto each unit's normalised
 *                        range by {@link StackDeblur}
 * @param steps           diffusion steps per run
 * @param particles       samples run together
 * @param guidance        &Pi;GDM or DPS
 * @param lambda          the kernel prior's weight (blind methods)
 * @param outerIterations Diffusion EM's outer iterations (1 for the other methods)
 * @param restarts        Fast EM's (and the hybrid's) restarts after a failed run (0 for the other methods)
 * @param seed            run number i of the job (counting units, then planes, from 0) uses seed + i
 * @param perChannel      one kernel per channel (each channel is then normalised and solved on its own); false = one
 *                        kernel shared by all channels (normalised jointly). For {@link Method#NON_BLIND} it must
 *                        agree with the number of kernels given
 * @param wholeStack      blind methods only: one kernel for the whole stack, estimated on the reference plane
 *                        (referenceSlice, referenceFrame) and applied non-blind to every other plane; false = a
 *                        separate blind run per Z/T plane
 * @param referenceSlice  0-based slice of the reference plane (used when wholeStack)
 * @param referenceFrame  0-based frame of the reference plane (used when wholeStack)
 * @param kernels         {@link Method#NON_BLIND} only (null otherwise): one kernel, or one per channel, each
 *                        kernelSize&sup2; values, row-major, non-negative with positive sum (normalised to sum 1)
 * @param uncertainty     also return the per-pixel standard deviation across particles (needs particles &ge; 2)
 * @param tileSize        the tiling of large planes ({@link TileSize#forPlane}); a given side is at least twice the
 *                        kernel size
 * @param output          which image is returned: the faithful estimate given the run's final kernel
 *                        ({@link org.fde.em.FaithfulEstimate}), or the diffusion run's sample (the particle mean)
 * @param tilesPerBatch   not a user parameter: at most this many tiles' particles go through the network at once
 *                        ({@link EmConfig#tilesPerBatch()}; 1 by default)
 * @param tuning          the solvers' settings that are not user parameters ({@link EmTuning#DEFAULT} by default)
 */
public record StackRequest(Method method, int kernelSize, NoiseSigma sigma, int steps, int particles,
		GuidanceKind guidance, double lambda, int outerIterations, int restarts, long seed, boolean perChannel,
		boolean wholeStack, int referenceSlice, int referenceFrame, float[][] kernels, boolean uncertainty,
		TileSize tileSize, Output output, int tilesPerBatch, EmTuning tuning) {

	/** Which image a run returns. */
	public enum Output {
		/**
		 * The faithful (posterior-mean-type) estimate given the final kernel: plug-and-play HQS with the image prior
		 * as the denoiser ({@link org.fde.em.FaithfulEstimate}); the commands' default.
		 */
		ESTIMATE,
		/** The diffusion run's sample (the particle mean with particles &ge; 2): sharper, but it may invent texture. */
		SAMPLE;

		/** The macro and command-line spelling ({@link UserParameter#OUTPUT}'s choices). */
		public String key() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
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

		/** True for the methods that restart a failed run (Fast EM, alone or seeded by the classical kernel). */
		public boolean restarts() {
			return this == FAST_EM || this == HYBRID;
		}
	}

	public StackRequest {
		if (method == null || sigma == null || guidance == null || tileSize == null || output == null
				|| tuning == null) {
			throw new IllegalArgumentException("method, sigma, guidance, tile size, output and tuning must be given");
		}
		if (sigma.isOnUnitRange()) {
			throw new IllegalArgumentException("the request's sigma is in the image's units (NoiseSigma.inImageUnits), "
					+ "got " + sigma);
		}
		KERNEL_SIZE.check(kernelSize);
		STEPS.check(steps);
		PARTICLES.check(particles);
		LAMBDA.check(lambda);
		if (method == Method.DIFFUSION_EM) {
			OUTER_ITERATIONS.check(outerIterations);
		} else if (outerIterations != 1) {
			throw OUTER_ITERATIONS.invalid("applies to Diffusion EM only (1 for the other methods), got "
					+ outerIterations);
		}
		if (method.restarts()) {
			RESTARTS.check(restarts);
		} else if (restarts != 0) {
			throw RESTARTS.invalid("applies to Fast EM only (0 for the other methods), got " + restarts);
		}
		if (tilesPerBatch < 1) {
			throw new IllegalArgumentException("tiles per batch must be >= 1, got " + tilesPerBatch);
		}
		if (referenceSlice < 0 || referenceFrame < 0) {
			throw new IllegalArgumentException("reference slice and frame are 0-based and must be >= 0, got "
					+ referenceSlice + " and " + referenceFrame);
		}
		if (uncertainty && particles < 2) {
			throw UNCERTAINTY.invalid("needs particles >= 2 (it is the spread across particles), got particles="
					+ particles);
		}
		if (!tileSize.isAutomatic() && (tileSize.side() < 2 * kernelSize
				|| tileSize.side() > ParameterRanges.TILE_SIZE_MAX)) {
			throw TILE_SIZE.invalid("must be 0 (automatic) or in [" + 2 * kernelSize + " (twice the kernel size), "
					+ ParameterRanges.TILE_SIZE_MAX + "], got " + tileSize.side());
		}
		if (method.isBlind()) {
			if (kernels != null) {
				throw new IllegalArgumentException("kernels are given only to the non-blind method");
			}
		} else {
			KnownKernels.check(kernels, kernelSize, perChannel);
		}
	}

	/**
	 * The solvers' settings for this request: the user's steps, particles, guidance, kernel size, &lambda;, outer
	 * iterations, restarts and seed, with {@link #tuning}. Its &sigma;, kernel mode and tile size are set per plane by
	 * {@link StackDeblur}.
	 */
	public EmConfig config() {
		return EmConfig.builder().kernelSize(kernelSize).steps(steps).particles(particles).guidance(guidance)
				.lambda(lambda).outerIterations(outerIterations).restarts(restarts).seed(seed)
				.tilesPerBatch(tilesPerBatch).tuning(tuning).build();
	}

	/** The diffusion steps of one run on one plane (Diffusion EM runs steps &times; outer iterations). */
	public long stepsPerRun() {
		return method == Method.DIFFUSION_EM ? config().diffusionEmSteps() : steps;
	}

	/** A builder with the defaults of the Fiji commands for this method. */
	public static StackRequestBuilder builder(Method method) {
		return new StackRequestBuilder(method);
	}

	/** A builder holding this request. */
	public StackRequestBuilder toBuilder() {
		return new StackRequestBuilder(this);
	}

	/** This request with another tile size (0 = automatic). */
	public StackRequest withTileSize(int size) {
		return toBuilder().tileSize(size).build();
	}

	/** This request with at most {@code n} tiles per network batch ({@link EmConfig#tilesPerBatch}). */
	public StackRequest withTilesPerBatch(int n) {
		return toBuilder().tilesPerBatch(n).build();
	}

	/** This request with another output. */
	public StackRequest withOutput(Output o) {
		return toBuilder().output(o).build();
	}

	/** A blind request from a solver config (its user-level settings and its tuning), returning the sample. */
	public static StackRequest blind(Method method, EmConfig config, double sigma, boolean perChannel,
			boolean wholeStack, int referenceSlice, int referenceFrame, boolean uncertainty) {
		return builder(method).from(config).sigma(sigma).perChannel(perChannel).wholeStack(wholeStack).reference(
				referenceSlice, referenceFrame).uncertainty(uncertainty).output(Output.SAMPLE).build();
	}

	/** A non-blind request from a solver config, one kernel or one per channel, returning the sample. */
	public static StackRequest nonBlind(EmConfig config, double sigma, float[][] kernels, boolean uncertainty) {
		return builder(Method.NON_BLIND).from(config).sigma(sigma).kernels(kernels).uncertainty(uncertainty).output(
				Output.SAMPLE).build();
	}
}
