package org.fde.imagej;

import static org.fde.stack.ParameterRanges.BLIND_STEPS_DEFAULT;
import static org.fde.stack.ParameterRanges.CHANNELS_SEPARATE;
import static org.fde.stack.ParameterRanges.CHANNELS_SHARED;
import static org.fde.stack.ParameterRanges.DEVICE_AUTO;
import static org.fde.stack.ParameterRanges.DEVICE_CPU;
import static org.fde.stack.ParameterRanges.DEVICE_GPU;
import static org.fde.stack.ParameterRanges.ENSEMBLE_DEFAULT;
import static org.fde.stack.ParameterRanges.ENSEMBLE_MAX;
import static org.fde.stack.ParameterRanges.ENSEMBLE_MIN;
import static org.fde.stack.ParameterRanges.GUIDANCE_DPS;
import static org.fde.stack.ParameterRanges.GUIDANCE_PIGDM;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MIN;
import static org.fde.stack.ParameterRanges.NON_BLIND_STEPS_DEFAULT;
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
import org.fde.em.RestartRule;
import org.fde.guidance.GuidanceKind;
import org.fde.stack.ParameterRanges;

/**
 * Validation of the commands' parameters, with messages that name the macro key and its allowed range. SciJava's
 * {@code min}/{@code max} only constrain the dialog's widgets; macros and scripts can pass anything, so every
 * command validates its inputs here before doing any work. Also the shared help texts (annotation constants). The
 * defaults, ranges and allowed values themselves are {@link ParameterRanges}', shared with the command line.
 */
final class Params {

	static final String HELP_INPUT = "The blurred image: 8-, 16- or 32-bit or RGB, any channels/slices/frames. "
			+ "It is not modified.";
	static final String HELP_KERNEL_SIZE = "Side, in pixels, of the square window that must hold the whole blur (the "
			+ "longest streak or widest spot that one point of light makes in the image): odd, " + KERNEL_SIZE_MIN
			+ " to " + KERNEL_SIZE_MAX + ", and at most half the image's width and height; the log warns when the "
			+ "blur looks larger.";
	static final String HELP_SIGMA = "Noise standard deviation in the image's intensity units; 0 = estimate it "
			+ "from each plane.";
	static final String HELP_STEPS = "Diffusion steps per run (" + STEPS_MIN + " to " + STEPS_MAX
			+ "): more is slower. The default is " + BLIND_STEPS_DEFAULT + " for the blind commands (Fast Diffusion EM, "
			+ "Diffusion EM), whose settings were tuned there; with 100 Fast Diffusion EM's kernels drifted on real "
			+ "camera shake (Levin's 32 pairs: 3 against 11 within error ratio 3) and on microscopy. Diffusion Deconvolution, with "
			+ "a known kernel, defaults to " + NON_BLIND_STEPS_DEFAULT + ", which was better there than 50.";
	static final String HELP_PARTICLES = "Samples run together (" + PARTICLES_MIN + " to " + PARTICLES_MAX
			+ "). With 2 or more the output is their mean and an uncertainty map can be shown.";
	static final String HELP_GUIDANCE = "How the measurement guides the diffusion: PiGDM (default, the paper's) or "
			+ "DPS. DPS runs with a step 20 times the official one, which is made for 1000 steps; with it DPS came out "
			+ "0.6 dB below PiGDM at 50 steps on our benchmark (at the official step it was below the blurred input).";
	static final String HELP_LAMBDA = "Weight of the kernel prior in the kernel update (>= 0; default 30, measured "
			+ "best on our benchmark with 33x33 kernels and on Levin's real camera-shake captures; the paper's value "
			+ "is 1). Try 50 to 100 if the kernel comes out spread or image-like; 15 and less failed on the real "
			+ "captures, 300 and more in our other tests.";
	static final String HELP_SEED = "Seed of the random numbers: the same seed and settings give the same result.";
	static final String HELP_DEVICE = "Where the network runs: auto (a GPU when usable, else the CPU), cpu or gpu "
			+ "(falls back to the CPU with a warning). The device used is logged.";
	static final String HELP_THREADS = "CPU threads for the network (0 = leave PyTorch's setting, normally all "
			+ "cores; 1 to " + THREADS_MAX + ").";
	static final String HELP_SCOPE = "plane: a separate kernel (blind run) for every slice/frame. stack: one kernel "
			+ "for the whole stack, estimated on the current slice/frame and then used on every other plane.";
	static final String HELP_CHANNELS = "shared: one kernel for all channels (and RGB colours). separate: one kernel "
			+ "per channel, each channel normalised and solved on its own.";
	static final String HELP_UNCERTAINTY = "Also show the per-pixel standard deviation across particles (needs "
			+ "particles >= 2).";
	static final String HELP_ENSEMBLE = "1: the image prior as it is. 2: each step averages the network's noise "
			+ "estimates for the image and for its 180-degree rotation, a slightly better prior (+0.03 dB as a "
			+ "denoiser) at twice the network's time and memory.";
	static final String HELP_MODEL = "Folder of a compatible image-prior model (card.json + TorchScript file); "
			+ "empty = the shipped model.";
	static final String HELP_TILE_SIZE = "Large images are solved in overlapping square tiles of this side (pixels), "
			+ "blended without seams, with one kernel estimated jointly from all tiles: memory then depends on the "
			+ "tile size, not on the image size. 0 = automatic (planes larger than 512 pixels after padding are tiled, "
			+ "with a tile size of 256 to 512). Else at least twice the kernel size; a size at least as large as the "
			+ "image means no tiling.";
	static final String HELP_RESTARTS = "Further runs with other seeds when a run of " + RestartRule.MIN_STEPS
			+ " or more steps fails: its final residual stays above " + RestartRule.NOISE_FACTOR + " times the noise "
			+ "level and above " + RestartRule.FLOOR_255 + "/255 of the range (a wrong kernel, typically two lobes "
			+ "for one). The run with the lowest residual is kept and the Log says so; only "
			+ "failed runs cost more time (" + ParameterRanges.RESTARTS_MIN + " to "
			+ ParameterRanges.RESTARTS_MAX + ", 0 = never).";
	static final String HELP_KERNEL_MODEL = "Folder of a compatible kernel-prior model; empty = the shipped model.";

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
