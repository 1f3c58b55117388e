package org.fde.stack;

import org.fde.kernel.gen.KernelGenerator;

/**
 * The defaults, ranges and allowed values of the user-facing parameters, in one place for the Fiji commands
 * ({@code org.fde.imagej}: annotation attributes, help texts, validation) and the command line ({@code org.fde.cli}:
 * option defaults, validation, usage text). The parameters are named by their macro keys (the commands' lower-cased
 * field names, which are also the command line's option names).
 * <p>
 * Constants only (compile-time constants, so that the commands' {@code @Parameter} attributes and help texts can be
 * built from them); each adapter keeps its own messages, which name the key as its users write it.
 */
public final class ParameterRanges {

	/** kernelsize: odd, in [{@value #KERNEL_SIZE_MIN}, {@value #KERNEL_SIZE_MAX}]. */
	public static final int KERNEL_SIZE_DEFAULT = 33;
	public static final int KERNEL_SIZE_MIN = 3;
	/** The largest kernel (window) the solvers take, also for a PSF image ({@link KnownKernels}). */
	public static final int KERNEL_SIZE_MAX = 129;
	/** Simulate Blur's kernelsize: odd, at most {@value}, the largest odd size the kernel generator makes. */
	public static final int SIMULATE_KERNEL_SIZE_MAX = KernelGenerator.MAX_SIZE - 1;

	/** sigma in image units, &ge; 0 (0 = estimate it; for Simulate Blur, 0 = no noise). */
	public static final double SIGMA_DEFAULT = 0;
	/**
	 * The largest noise sigma of Simulate Blur: noisy pixels must stay finite in 32-bit floats (about 3.4e38) with
	 * room for the tails of the Gaussian and for the image's own values.
	 */
	public static final double SIMULATE_SIGMA_MAX = 1e30;

	/**
	 * steps of the blind methods (Fast EM, Diffusion EM): 50, not the paper's 100. The kernel prior's weight, the noise
	 * adaptation and the &Pi;GDM factors were tuned on 50-step runs; at 100 steps the kernel drifts on real camera
	 * shake and on microscopy. Fast EM &Pi;GDM at 50 against 100 steps: Levin's 32 pairs 11 against 3 at error
	 * ratio &le; 3; the first 4 cases of P1 / P2 / P4 of the full preset 22.71 / 23.22 / 24.62 dB against
	 * 22.63 / 22.94 / 20.81, at half the time (docs/design-choices.md). Diffusion EM keeps the 50 of its
	 * benchmark figures: on the quick report's two P1 crops 24.33 dB at 50 against 22.91 at 100.
	 */
	public static final int BLIND_STEPS_DEFAULT = 50;

	/**
	 * steps of the non-blind method (Diffusion Deconvolution): 100, the paper's. With the true kernel 100 steps is
	 * better than 50 (the same 12 cases: 24.82 / 24.50 / 25.87 dB against 24.55 / 24.34 / 24.97).
	 */
	public static final int NON_BLIND_STEPS_DEFAULT = 100;
	public static final int STEPS_MIN = 2;
	public static final int STEPS_MAX = 1000;

	/** particles: samples run together. */
	public static final int PARTICLES_DEFAULT = 1;
	public static final int PARTICLES_MIN = 1;
	public static final int PARTICLES_MAX = 64;

	/**
	 * ensemble: 1 = the image prior as it is; 2 = its two-member rotation ensemble
	 * ({@link org.fde.score.Rot180Ensemble}: a better noise estimate at twice the network's cost).
	 */
	public static final int ENSEMBLE_DEFAULT = 1;
	public static final int ENSEMBLE_MIN = 1;
	public static final int ENSEMBLE_MAX = 2;

	/** guidance: the spellings of {@link org.fde.guidance.GuidanceKind}. */
	public static final String GUIDANCE_PIGDM = "PiGDM";
	public static final String GUIDANCE_DPS = "DPS";
	public static final String GUIDANCE_DEFAULT = GUIDANCE_PIGDM;

	/** lambda: the kernel prior's weight, &ge; 0 ({@link org.fde.em.EmConfig#LAMBDA_DEFAULT}). */
	public static final double LAMBDA_DEFAULT = org.fde.em.EmConfig.LAMBDA_DEFAULT;

	/** kernelscope: a kernel per Z/T plane, or one for the whole stack. */
	public static final String SCOPE_PLANE = "plane";
	public static final String SCOPE_STACK = "stack";
	public static final String SCOPE_DEFAULT = SCOPE_PLANE;

	/** channelkernels: one kernel for all channels, or one per channel. */
	public static final String CHANNELS_SHARED = "shared";
	public static final String CHANNELS_SEPARATE = "separate";
	public static final String CHANNELS_DEFAULT = CHANNELS_SHARED;

	/**
	 * tilesize: 0 = automatic, else in [2 &times; kernel size, {@value #TILE_SIZE_MAX}] (see
	 * {@link #isValidTileSize}).
	 */
	public static final int TILE_SIZE_DEFAULT = 0;
	public static final int TILE_SIZE_MAX = 65536;

	/**
	 * output: {@value #OUTPUT_ESTIMATE} = the faithful estimate given the final kernel (PnP-HQS with the image prior
	 * as the denoiser, {@link org.fde.em.FaithfulEstimate}); {@value #OUTPUT_SAMPLE} = the diffusion run's sample, as
	 * before this choice existed (sharper, but it may invent texture). docs/faithful-estimate.md has the measurements.
	 */
	public static final String OUTPUT_ESTIMATE = "estimate";
	public static final String OUTPUT_SAMPLE = "sample";
	public static final String OUTPUT_DEFAULT = OUTPUT_ESTIMATE;

	/** seed. */
	public static final long SEED_DEFAULT = 0;

	/** device: the spellings of {@code org.fde.djl.DeviceChoice}, lower case. */
	public static final String DEVICE_AUTO = "auto";
	public static final String DEVICE_CPU = "cpu";
	public static final String DEVICE_GPU = "gpu";
	public static final String DEVICE_DEFAULT = DEVICE_AUTO;

	/** threads: 0 = leave PyTorch's setting, else in [1, {@value #THREADS_MAX}]. */
	public static final int THREADS_DEFAULT = 0;
	public static final int THREADS_MAX = 256;

	/** outeriterations (Diffusion EM). */
	public static final int OUTER_ITERATIONS_DEFAULT = 10;
	public static final int OUTER_ITERATIONS_MIN = 1;
	public static final int OUTER_ITERATIONS_MAX = 100;

	/** restarts (Fast EM): further runs after a failed one ({@link org.fde.em.RestartRule}). */
	public static final int RESTARTS_DEFAULT = org.fde.em.EmConfig.RESTARTS_DEFAULT;
	public static final int RESTARTS_MIN = 0;
	public static final int RESTARTS_MAX = org.fde.em.EmConfig.RESTARTS_MAX;

	/** family (Simulate Blur): the spellings of {@link org.fde.kernel.gen.KernelFamily}, lower case. */
	public static final String FAMILY_MOTION = "motion";
	public static final String FAMILY_GAUSSIAN = "gaussian";
	public static final String FAMILY_DEFOCUS = "defocus";
	public static final String FAMILY_AIRY = "airy";
	public static final String FAMILY_DEFAULT = FAMILY_MOTION;

	private ParameterRanges() {
	}

	/** True for an odd kernel size in [{@value #KERNEL_SIZE_MIN}, max]. */
	public static boolean isValidKernelSize(int size, int max) {
		return size >= KERNEL_SIZE_MIN && size <= max && size % 2 != 0;
	}

	/** True for 0 (automatic) or a tile size in [2 &times; kernelSize, {@value #TILE_SIZE_MAX}]. */
	public static boolean isValidTileSize(int tileSize, int kernelSize) {
		return tileSize == 0 || (tileSize >= 2 * kernelSize && tileSize <= TILE_SIZE_MAX);
	}
}
