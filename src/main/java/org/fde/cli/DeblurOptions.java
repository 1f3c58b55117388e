package org.fde.cli;

import static org.fde.stack.ParameterRanges.BLIND_STEPS_DEFAULT;
import static org.fde.stack.ParameterRanges.CHANNELS_DEFAULT;
import static org.fde.stack.ParameterRanges.CHANNELS_SEPARATE;
import static org.fde.stack.ParameterRanges.CHANNELS_SHARED;
import static org.fde.stack.ParameterRanges.GUIDANCE_DEFAULT;
import static org.fde.stack.ParameterRanges.GUIDANCE_DPS;
import static org.fde.stack.ParameterRanges.GUIDANCE_PIGDM;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_DEFAULT;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MIN;
import static org.fde.stack.ParameterRanges.LAMBDA_DEFAULT;
import static org.fde.stack.ParameterRanges.NON_BLIND_STEPS_DEFAULT;
import static org.fde.stack.ParameterRanges.OUTER_ITERATIONS_DEFAULT;
import static org.fde.stack.ParameterRanges.OUTPUT_DEFAULT;
import static org.fde.stack.ParameterRanges.OUTPUT_ESTIMATE;
import static org.fde.stack.ParameterRanges.OUTPUT_SAMPLE;
import static org.fde.stack.ParameterRanges.OUTER_ITERATIONS_MAX;
import static org.fde.stack.ParameterRanges.OUTER_ITERATIONS_MIN;
import static org.fde.stack.ParameterRanges.PARTICLES_DEFAULT;
import static org.fde.stack.ParameterRanges.PARTICLES_MAX;
import static org.fde.stack.ParameterRanges.PARTICLES_MIN;
import static org.fde.stack.ParameterRanges.RESTARTS_DEFAULT;
import static org.fde.stack.ParameterRanges.RESTARTS_MAX;
import static org.fde.stack.ParameterRanges.RESTARTS_MIN;
import static org.fde.stack.ParameterRanges.SCOPE_DEFAULT;
import static org.fde.stack.ParameterRanges.SCOPE_PLANE;
import static org.fde.stack.ParameterRanges.SCOPE_STACK;
import static org.fde.stack.ParameterRanges.SEED_DEFAULT;
import static org.fde.stack.ParameterRanges.SIGMA_DEFAULT;
import static org.fde.stack.ParameterRanges.STEPS_MAX;
import static org.fde.stack.ParameterRanges.STEPS_MIN;
import static org.fde.stack.ParameterRanges.THREADS_DEFAULT;
import static org.fde.stack.ParameterRanges.THREADS_MAX;
import static org.fde.stack.ParameterRanges.TILE_SIZE_DEFAULT;
import static org.fde.stack.ParameterRanges.TILE_SIZE_MAX;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.fde.djl.DeviceChoice;
import org.fde.em.EmConfig;
import org.fde.guidance.GuidanceKind;
import org.fde.options.CommandLineOptions;
import org.fde.stack.KnownKernels;
import org.fde.stack.ParameterRanges;
import org.fde.stack.StackRequest;
import org.fde.stack.StackRequest.Method;

/**
 * The options of {@code deblur}, validated. The solver options carry the Fiji commands' macro keys (the lower-cased
 * field names of {@code org.fde.imagej.BlindCommandBase}), with the same defaults and ranges ({@link ParameterRanges}).
 *
 * @param model       --model, or null for the shipped image prior
 * @param kernelModel --kernelmodel, or null for the shipped kernel prior
 * @param psf         --psf (non-blind only), else null
 * @param ensemble    --ensemble: 1, or 2 for the image prior's rotation ensemble
 * @param outputKind  --output-kind: the Fiji commands' {@code output} (estimate or sample), renamed because
 *                    {@code --output} is the output file
 */
record DeblurOptions(Path input, Path output, Path kernelOutput, Path uncertaintyOutput, Method method, Path psf,
		int kernelSize, double sigma, int steps, int particles, GuidanceKind guidance, double lambda,
		boolean wholeStack, boolean perChannel, long seed, DeviceChoice device, int threads, Path model,
		Path kernelModel, int outerIterations, int tileSize, int restarts, int ensemble, boolean overwrite,
		StackRequest.Output outputKind) {

	static final String FAST_EM = "fast-em";
	static final String DIFFUSION_EM = "diffusion-em";
	static final String NON_BLIND = "nonblind";
	static final String CLASSICAL = "classical";
	static final String HYBRID = "hybrid";

	/** Options that only the blind methods read. */
	static final List<String> BLIND_ONLY = List.of("kernelsize", "lambda", "kernelscope", "channelkernels",
			"kernelmodel", "kernel-output");

	static DeblurOptions parse(CommandLineOptions a) {
		Path input = a.requiredPath("input", "an image file or a folder of images");
		Path output = a.requiredPath("output", "an image file name, or a folder for a folder input");
		Method method = switch (a.choice("method", HYBRID, FAST_EM, DIFFUSION_EM, NON_BLIND, CLASSICAL, HYBRID)) {
		case DIFFUSION_EM -> Method.DIFFUSION_EM;
		case NON_BLIND -> Method.NON_BLIND;
		case CLASSICAL -> Method.CLASSICAL;
		case FAST_EM -> Method.FAST_EM;
		default -> Method.HYBRID;
		};
		if (method == Method.NON_BLIND) {
			for (String k : BLIND_ONLY) {
				if (a.has(k)) {
					throw new IllegalArgumentException("--" + k + " does not apply to --method nonblind (the kernel "
							+ "is the --psf image)");
				}
			}
		} else if (a.has("psf")) {
			throw new IllegalArgumentException("--psf is read by --method nonblind only (the blind methods "
					+ "estimate the kernel)");
		}
		if (method != Method.DIFFUSION_EM && a.has("outeriterations")) {
			throw new IllegalArgumentException("--outeriterations applies to --method diffusion-em only");
		}
		if (method != Method.FAST_EM && method != Method.HYBRID && a.has("restarts")) {
			throw new IllegalArgumentException("--restarts applies to --method fast-em and hybrid only");
		}
		Path psf = method == Method.NON_BLIND ? a.requiredPath("psf", "the kernel image of --method nonblind")
				: null;
		if (psf != null && !Files.isRegularFile(psf)) {
			throw new IllegalArgumentException("--psf " + psf + " does not exist");
		}
		int kernelSize = a.oddInteger("kernelsize", KERNEL_SIZE_DEFAULT, KERNEL_SIZE_MIN, KERNEL_SIZE_MAX);
		double sigma = a.real("sigma", SIGMA_DEFAULT, 0, Double.MAX_VALUE);
		int steps = a.integer("steps", method.isBlind() ? BLIND_STEPS_DEFAULT : NON_BLIND_STEPS_DEFAULT, STEPS_MIN,
				STEPS_MAX);
		int particles = a.integer("particles", PARTICLES_DEFAULT, PARTICLES_MIN, PARTICLES_MAX);
		GuidanceKind guidance = GuidanceKind.valueOf(a.choice("guidance", GUIDANCE_DEFAULT, GUIDANCE_PIGDM,
				GUIDANCE_DPS).toUpperCase(Locale.ROOT));
		double lambda = a.real("lambda", LAMBDA_DEFAULT, 0, Double.MAX_VALUE);
		boolean wholeStack = a.choice("kernelscope", SCOPE_DEFAULT, SCOPE_PLANE, SCOPE_STACK).equals(SCOPE_STACK);
		boolean perChannel = a.choice("channelkernels", CHANNELS_DEFAULT, CHANNELS_SHARED, CHANNELS_SEPARATE)
				.equals(CHANNELS_SEPARATE);
		long seed = a.longInteger("seed", SEED_DEFAULT, Long.MIN_VALUE, Long.MAX_VALUE);
		DeviceChoice device = Models.device(a);
		int threads = a.integer("threads", THREADS_DEFAULT, 0, THREADS_MAX);
		Path model = folder(a, "model");
		Path kernelModel = folder(a, "kernelmodel");
		int outer = a.integer("outeriterations", OUTER_ITERATIONS_DEFAULT, OUTER_ITERATIONS_MIN,
				OUTER_ITERATIONS_MAX);
		int tileSize = a.integer("tilesize", TILE_SIZE_DEFAULT, 0, TILE_SIZE_MAX);
		int restarts = a.integer("restarts", RESTARTS_DEFAULT, RESTARTS_MIN, RESTARTS_MAX);
		int ensemble = Models.ensemble(a);
		StackRequest.Output outputKind = StackRequest.Output.parse(a.choice("output-kind", OUTPUT_DEFAULT,
				OUTPUT_ESTIMATE, OUTPUT_SAMPLE), "--output-kind");
		Path uncertainty = a.path("uncertainty-output");
		if (uncertainty != null && particles < 2) {
			throw new IllegalArgumentException("--uncertainty-output needs --particles >= 2 (the map is the spread "
					+ "across particles), got --particles " + particles);
		}
		DeblurOptions o = new DeblurOptions(input, output, a.path("kernel-output"), uncertainty, method, psf,
				kernelSize, sigma, steps, particles, guidance, lambda, wholeStack, perChannel, seed, device, threads,
				model, kernelModel, outer, tileSize, restarts, ensemble, a.flag("overwrite"), outputKind);
		if (method.isBlind()) {
			o.checkTileSize(kernelSize);
		}
		return o;
	}

	/**
	 * Checks --tilesize against the kernel size (for the non-blind method, the PSF's window, known once it is read).
	 */
	void checkTileSize(int kernel) {
		if (!ParameterRanges.isValidTileSize(tileSize, kernel)) {
			throw new IllegalArgumentException("--tilesize must be 0 (automatic) or in [" + 2 * kernel
					+ " (twice the kernel size), " + TILE_SIZE_MAX + "], got " + tileSize);
		}
	}

	private static Path folder(CommandLineOptions a, String key) {
		Path p = a.path(key);
		if (p != null && !Files.isDirectory(p)) {
			throw new IllegalArgumentException("--" + key + ": the model folder " + p + " does not exist (or is not "
					+ "a folder); leave the option out to use the shipped model");
		}
		return p;
	}

	/**
	 * The request for one image.
	 *
	 * @param known the PSF's kernels for the non-blind method (null for the blind ones)
	 */
	StackRequest request(KnownKernels known) {
		EmConfig.Builder b = EmConfig.builder().steps(steps).particles(particles).guidance(guidance).seed(seed);
		boolean uncertainty = uncertaintyOutput != null;
		if (method == Method.NON_BLIND) {
			return StackRequest.nonBlind(b.kernelSize(known.size()).build(), sigma, known.kernels(), uncertainty)
					.withTileSize(tileSize).withOutput(outputKind);
		}
		EmConfig config = b.kernelSize(kernelSize).lambda(lambda).outerIterations(method == Method.DIFFUSION_EM
				? outerIterations : 1).restarts(restarts).build();
		return StackRequest.blind(method, config, sigma, perChannel, wholeStack, 0, 0, uncertainty).withTileSize(
				tileSize).withOutput(outputKind);
	}
}
