package org.fde.imagej;

import static org.fde.stack.ParameterRanges.BLIND_STEPS_DEFAULT;
import static org.fde.stack.ParameterRanges.CHANNELS_SEPARATE;
import static org.fde.stack.ParameterRanges.CHANNELS_SHARED;
import static org.fde.stack.ParameterRanges.DEVICE_AUTO;
import static org.fde.stack.ParameterRanges.DEVICE_CPU;
import static org.fde.stack.ParameterRanges.DEVICE_GPU;
import static org.fde.stack.ParameterRanges.ENSEMBLE_MAX;
import static org.fde.stack.ParameterRanges.ENSEMBLE_MIN;
import static org.fde.stack.ParameterRanges.GUIDANCE_DPS;
import static org.fde.stack.ParameterRanges.GUIDANCE_PIGDM;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MIN;
import static org.fde.stack.ParameterRanges.NON_BLIND_STEPS_DEFAULT;
import static org.fde.stack.ParameterRanges.OUTPUT_ESTIMATE;
import static org.fde.stack.ParameterRanges.OUTPUT_SAMPLE;
import static org.fde.stack.ParameterRanges.PARTICLES_MAX;
import static org.fde.stack.ParameterRanges.PARTICLES_MIN;
import static org.fde.stack.ParameterRanges.SCOPE_PLANE;
import static org.fde.stack.ParameterRanges.SCOPE_STACK;
import static org.fde.stack.ParameterRanges.STEPS_MAX;
import static org.fde.stack.ParameterRanges.STEPS_MIN;
import static org.fde.stack.ParameterRanges.THREADS_MAX;
import static org.fde.stack.ParameterRanges.TILE_SIZE_MAX;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.fde.djl.DeviceChoice;
import org.fde.djl.ModelStore;
import org.fde.guidance.GuidanceKind;
import org.fde.stack.ParameterRanges;

/**
 * Validation of the commands' parameters, with messages that name the macro key and its allowed range. SciJava's
 * {@code min}/{@code max} only constrain the dialog's widgets; macros and scripts can pass anything, so every
 * command validates its inputs here before doing any work. Also the shared help texts (annotation constants). The
 * defaults, ranges and allowed values themselves are {@link ParameterRanges}', shared with the command line.
 */
final class Params {

	static final String HELP_INPUT = "The blurred image (8-, 16- or 32-bit or RGB, any channels, slices and frames), "
			+ "which is not modified.";
	static final String HELP_KERNEL_SIZE = "Side in pixels of the square window that must hold the whole blur (the "
			+ "longest streak or widest spot one point of light makes): odd, " + KERNEL_SIZE_MIN + " to "
			+ KERNEL_SIZE_MAX + ", at most half the image's width and height.";
	static final String HELP_SIGMA = "Noise standard deviation in the image's intensity units; 0 estimates it from "
			+ "each plane.";
	static final String HELP_STEPS = "Diffusion steps per run (" + STEPS_MIN + " to " + STEPS_MAX + "): "
			+ BLIND_STEPS_DEFAULT + " for the blind commands, " + NON_BLIND_STEPS_DEFAULT
			+ " for Diffusion Deconvolution; more is slower.";
	static final String HELP_OUTPUT = "Which image is returned: " + OUTPUT_ESTIMATE + " (default), the faithful "
			+ "estimate given the final kernel, or " + OUTPUT_SAMPLE + ", the diffusion sample, sharper but it may "
			+ "invent texture.";
	static final String HELP_PARTICLES = "Samples run together (" + PARTICLES_MIN + " to " + PARTICLES_MAX
			+ "); with 2 or more the sample output is their mean and an uncertainty map can be shown.";
	static final String HELP_GUIDANCE = "How the measurement steers the diffusion: PiGDM (the paper's, default) or "
			+ "DPS.";
	static final String HELP_LAMBDA = "Weight of the kernel prior (>= 0); try 50 to 100 if the kernel comes out "
			+ "spread or image-like.";
	static final String HELP_SEED = "Seed of the random numbers: the same seed and settings give the same result.";
	static final String HELP_DEVICE = "Where the networks run: auto (a GPU when usable, else the CPU), cpu or gpu; "
			+ "the Log says which was used and why.";
	static final String HELP_THREADS = "CPU threads for the networks: 0 leaves PyTorch's setting (all cores), else 1 "
			+ "to " + THREADS_MAX + ".";
	static final String HELP_SCOPE = "plane: one kernel per slice and frame; stack: one kernel for the whole stack, "
			+ "estimated on the current slice and frame.";
	static final String HELP_CHANNELS = "shared: one kernel for all channels (and RGB colours); separate: one kernel "
			+ "per channel.";
	static final String HELP_UNCERTAINTY = "Also show the per-pixel standard deviation across particles (needs "
			+ "particles >= 2).";
	static final String HELP_ENSEMBLE = "1: the image prior as it is; 2: averaged over the image and its 180-degree "
			+ "rotation, slightly better at twice the time.";
	static final String HELP_MODEL = "Folder of a compatible image-prior model (card.json and TorchScript file); "
			+ "empty uses the shipped one.";
	static final String HELP_TILE_SIZE = "Large images are solved in overlapping tiles of this side in pixels, with "
			+ "one kernel for all tiles; 0 chooses automatically.";
	static final String HELP_CLASSICAL_SEED = "Start from a classical multiscale l0 kernel estimate (the hybrid "
			+ "method), or run plain Fast EM when off.";
	static final String HELP_RESTARTS = "Further runs with other seeds when a run fails (its residual stays well "
			+ "above the noise), keeping the best (" + ParameterRanges.RESTARTS_MIN + " to "
			+ ParameterRanges.RESTARTS_MAX + ", 0 = never).";
	static final String HELP_KERNEL_MODEL = "Folder of a compatible kernel-prior model; empty uses the shipped one.";

	private Params() {
	}

	/** kernelsize of the deblurring commands: odd, in [3, 129]. */
	static int kernelSize(int v) {
		return kernelSize(v, KERNEL_SIZE_MAX);
	}

	/** A kernel size: odd, in [3, max]. */
	static int kernelSize(int v, int max) {
		if (!ParameterRanges.isValidKernelSize(v, max)) {
			throw new IllegalArgumentException("kernelsize must be odd and in [" + KERNEL_SIZE_MIN + ", " + max
					+ "], got " + v);
		}
		return v;
	}

	/** The tile size: 0 (automatic) or in [2 &times; kernel size, 65536]. */
	static int tileSize(int v, int kernelSize) {
		if (!ParameterRanges.isValidTileSize(v, kernelSize)) {
			throw new IllegalArgumentException("tilesize must be 0 (automatic) or in [" + 2 * kernelSize
					+ " (twice the kernel size), " + TILE_SIZE_MAX + "], got " + v);
		}
		return v;
	}

	static int steps(int v) {
		return range("steps", v, STEPS_MIN, STEPS_MAX);
	}

	static int particles(int v) {
		return range("particles", v, PARTICLES_MIN, PARTICLES_MAX);
	}

	/** threads: 0 (PyTorch's setting) or in [1, 256]. */
	static int ensemble(int v) {
		return range("ensemble", v, ENSEMBLE_MIN, ENSEMBLE_MAX);
	}

	static int threads(int v) {
		return range("threads", v, 0, THREADS_MAX);
	}

	static int range(String key, int v, int min, int max) {
		if (v < min || v > max) {
			throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "], got " + v);
		}
		return v;
	}

	/** sigma in image units: finite and &ge; 0 (0 = estimate). */
	static double sigma(double v) {
		return nonNegative("sigma", v, " (0 = estimate it)");
	}

	static double lambda(double v) {
		return nonNegative("lambda", v, "");
	}

	/**
	 * A finite value &ge; 0.
	 *
	 * @param note added to the message after "must be &gt;= 0 and finite" (empty, or " (0 = ...)")
	 */
	static double nonNegative(String key, double v, String note) {
		if (!(v >= 0) || !Double.isFinite(v)) {
			throw new IllegalArgumentException(key + " must be >= 0 and finite" + note + ", got " + v);
		}
		return v;
	}

	/** output: estimate or sample. */
	static org.fde.stack.StackRequest.Output output(String output) {
		return org.fde.stack.StackRequest.Output.parse(output, "output");
	}

	/** The uncertainty map is the spread across particles: it needs particles &ge; 2. */
	static void uncertainty(boolean uncertainty, int particles) {
		if (uncertainty && particles < 2) {
			throw new IllegalArgumentException("uncertainty needs particles >= 2 (it is the spread across "
					+ "particles), got particles=" + particles);
		}
	}

	static GuidanceKind guidance(String v) {
		String s = choice("guidance", v, GUIDANCE_PIGDM, GUIDANCE_DPS);
		return s.equals(GUIDANCE_PIGDM) ? GuidanceKind.PIGDM : GuidanceKind.DPS;
	}

	static DeviceChoice device(String v) {
		return DeviceChoice.valueOf(choice("device", v, DEVICE_AUTO, DEVICE_CPU, DEVICE_GPU).toUpperCase(Locale.ROOT));
	}

	/** kernelscope: true for one kernel for the whole stack. */
	static boolean wholeStack(String v) {
		return choice("kernelscope", v, SCOPE_PLANE, SCOPE_STACK).equals(SCOPE_STACK);
	}

	/** channelkernels: true for one kernel per channel. */
	static boolean perChannel(String v) {
		return choice("channelkernels", v, CHANNELS_SHARED, CHANNELS_SEPARATE).equals(CHANNELS_SEPARATE);
	}

	/** One of the allowed values (matched ignoring case), returned in its canonical spelling. */
	static String choice(String key, String v, String... allowed) {
		if (v != null) {
			for (String a : allowed) {
				if (a.equalsIgnoreCase(v.trim())) {
					return a;
				}
			}
		}
		throw new IllegalArgumentException(key + " must be one of " + Arrays.toString(allowed) + ", got "
				+ (v == null ? "nothing" : "'" + v + "'"));
	}

	/**
	 * A model folder: the given one when set (it must exist), else the shipped one from {@link ModelStore}.
	 *
	 * @param key     the macro key, for messages
	 * @param given   the parameter value; null or an empty path means the shipped model
	 * @param shipped {@link ModelStore#IMAGE_PRIOR} or {@link ModelStore#KERNEL_PRIOR}
	 */
	static Path modelFolder(String key, File given, String shipped) {
		if (given == null || given.getPath().trim().isEmpty()) {
			return ModelStore.standard().find(shipped);
		}
		Path p = given.toPath().toAbsolutePath().normalize();
		if (!Files.isDirectory(p)) {
			throw new IllegalArgumentException(key + ": the model folder " + p + " does not exist (or is not a "
					+ "folder); leave it empty to use the shipped model");
		}
		return p;
	}
}
