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
	 * shake and on microscopy (docs/design-choices.md has the measurements).
	 */
	public static final int BLIND_STEPS_DEFAULT = 50;

	/** steps of the non-blind method (Diffusion Deconvolution): 100, the paper's, better with the true kernel. */
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

	/** uncertainty: no map unless asked for. */
	public static final boolean UNCERTAINTY_DEFAULT = false;

	/** classicalseed (Fast EM): start from the classical kernel (the hybrid method). */
	public static final boolean CLASSICAL_SEED_DEFAULT = true;

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

	// -- help texts (one sentence each: the dialogs' descriptions and the command line's usage) --

	public static final String HELP_INPUT = "The blurred image (8-, 16- or 32-bit or RGB, any channels, slices and "
			+ "frames), which is not modified.";
	public static final String HELP_PSF = "The known blur kernel (one plane, or one per channel, at most "
			+ KERNEL_SIZE_MAX + " pixels wide and high, centred), clipped at 0 and normalised to sum 1.";
	public static final String HELP_KERNEL_SIZE = "Side in pixels of the square window that must hold the whole blur "
			+ "(the longest streak or widest spot one point of light makes): odd, " + KERNEL_SIZE_MIN + " to "
			+ KERNEL_SIZE_MAX + ", at most half the image's width and height.";
	public static final String HELP_SIGMA = "Noise standard deviation in the image's intensity units; 0 estimates it "
			+ "from each plane.";
	public static final String HELP_STEPS = "Diffusion steps per run (" + STEPS_MIN + " to " + STEPS_MAX + "): "
			+ BLIND_STEPS_DEFAULT + " for the blind commands, " + NON_BLIND_STEPS_DEFAULT
			+ " for Diffusion Deconvolution; more is slower.";
	public static final String HELP_OUTPUT = "Which image is returned: " + OUTPUT_ESTIMATE + " (default), the "
			+ "faithful estimate given the final kernel, or " + OUTPUT_SAMPLE + ", the diffusion sample, sharper but "
			+ "it may invent texture.";
	public static final String HELP_PARTICLES = "Samples run together (" + PARTICLES_MIN + " to " + PARTICLES_MAX
			+ "); with 2 or more the sample output is their mean and an uncertainty map can be shown.";
	public static final String HELP_GUIDANCE = "How the measurement steers the diffusion: PiGDM (the paper's, "
			+ "default) or DPS.";
	public static final String HELP_LAMBDA = "Weight of the kernel prior (>= 0); try 50 to 100 if the kernel comes "
			+ "out spread or image-like.";
	public static final String HELP_SEED = "Seed of the random numbers: the same seed and settings give the same "
			+ "result.";
	public static final String HELP_DEVICE = "Where the networks run: auto (a GPU when usable, else the CPU), cpu or "
			+ "gpu; the Log says which was used and why.";
	public static final String HELP_THREADS = "CPU threads for the networks: 0 leaves PyTorch's setting (all cores), "
			+ "else 1 to " + THREADS_MAX + ".";
	public static final String HELP_SCOPE = "plane: one kernel per slice and frame; stack: one kernel for the whole "
			+ "stack, estimated on the current slice and frame.";
	public static final String HELP_CHANNELS = "shared: one kernel for all channels (and RGB colours); separate: one "
			+ "kernel per channel.";
	public static final String HELP_UNCERTAINTY = "Also show the per-pixel standard deviation across particles (needs "
			+ "particles >= 2).";
	public static final String HELP_ENSEMBLE = "1: the image prior as it is; 2: averaged over the image and its "
			+ "180-degree rotation, slightly better at twice the time.";
	public static final String HELP_MODEL = "Folder of a compatible image-prior model (card.json and TorchScript "
			+ "file); empty uses the shipped one.";
	public static final String HELP_KERNEL_MODEL = "Folder of a compatible kernel-prior model; empty uses the shipped "
			+ "one.";
	public static final String HELP_TILE_SIZE = "Large images are solved in overlapping tiles of this side in pixels, "
			+ "with one kernel for all tiles; 0 chooses automatically.";
	public static final String HELP_CLASSICAL_SEED = "Start from a classical multiscale l0 kernel estimate (the hybrid "
			+ "method), or run plain Fast EM when off.";
	public static final String HELP_RESTARTS = "Further runs with other seeds when a run fails (its residual stays "
			+ "well above the noise), keeping the best (" + RESTARTS_MIN + " to " + RESTARTS_MAX + ", 0 = never).";
	public static final String HELP_OUTER_ITERATIONS = "Alternations of a full diffusion run and a kernel update ("
			+ OUTER_ITERATIONS_MIN + " to " + OUTER_ITERATIONS_MAX + "); the run takes steps x outer iterations "
			+ "network evaluations.";

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
