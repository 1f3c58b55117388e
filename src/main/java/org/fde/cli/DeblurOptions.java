package org.fde.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.fde.djl.DeviceChoice;
import org.fde.em.EmConfig;
import org.fde.guidance.GuidanceKind;
import org.fde.stack.KnownKernels;
import org.fde.stack.StackRequest;
import org.fde.stack.StackRequest.Method;

/**
 * The options of {@code deblur}, validated. The solver options carry the Fiji commands' macro keys (the lower-cased
 * field names of {@code org.fde.imagej.BlindCommandBase}), with the same defaults and ranges.
 *
 * @param model       --model, or null for the shipped image prior
 * @param kernelModel --kernelmodel, or null for the shipped kernel prior
 * @param psf         --psf (non-blind only), else null
 */
record DeblurOptions(Path input, Path output, Path kernelOutput, Path uncertaintyOutput, Method method, Path psf,
		int kernelSize, double sigma, int steps, int particles, GuidanceKind guidance, double lambda,
		boolean wholeStack, boolean perChannel, long seed, DeviceChoice device, int threads, Path model,
		Path kernelModel, int outerIterations, int tileSize, boolean overwrite) {

	static final String FAST_EM = "fast-em";
	static final String DIFFUSION_EM = "diffusion-em";
	static final String NON_BLIND = "nonblind";

	/** Largest --tilesize (as the Fiji commands' tilesize). */
	static final int MAX_TILE = 65536;

	/** Options that only the blind methods read. */
	private static final List<String> BLIND_ONLY = List.of("kernelsize", "lambda", "kernelscope", "channelkernels",
			"kernelmodel", "kernel-output");

	static DeblurOptions parse(Args a) {
		Path input = a.requiredPath("input", "an image file or a folder of images");
		Path output = a.requiredPath("output", "an image file name, or a folder for a folder input");
		Method method = switch (a.choice("method", FAST_EM, FAST_EM, DIFFUSION_EM, NON_BLIND)) {
		case DIFFUSION_EM -> Method.DIFFUSION_EM;
		case NON_BLIND -> Method.NON_BLIND;
		default -> Method.FAST_EM;
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
		Path psf = method == Method.NON_BLIND ? a.requiredPath("psf", "the kernel image of --method nonblind")
				: null;
		if (psf != null && !Files.isRegularFile(psf)) {
			throw new IllegalArgumentException("--psf " + psf + " does not exist");
		}
		int kernelSize = a.integer("kernelsize", 33, 3, KnownKernels.MAX_SIZE);
		if (kernelSize % 2 == 0) {
			throw new IllegalArgumentException("--kernelsize must be odd and in [3, " + KnownKernels.MAX_SIZE
					+ "], got " + kernelSize);
		}
		double sigma = a.real("sigma", 0, 0, Double.MAX_VALUE);
		int steps = a.integer("steps", 100, 2, 1000);
		int particles = a.integer("particles", 1, 1, 64);
		GuidanceKind guidance = GuidanceKind.valueOf(a.choice("guidance", "PiGDM", "PiGDM", "DPS")
				.toUpperCase(Locale.ROOT));
		double lambda = a.real("lambda", 1.0, 0, Double.MAX_VALUE);
		boolean wholeStack = a.choice("kernelscope", "plane", "plane", "stack").equals("stack");
		boolean perChannel = a.choice("channelkernels", "shared", "shared", "separate").equals("separate");
		long seed = a.longInteger("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
		DeviceChoice device = DeviceChoice.valueOf(a.choice("device", "auto", "auto", "cpu", "gpu")
				.toUpperCase(Locale.ROOT));
		int threads = a.integer("threads", 0, 0, 256);
		Path model = folder(a, "model");
		Path kernelModel = folder(a, "kernelmodel");
		int outer = a.integer("outeriterations", 10, 1, 100);
		int tileSize = a.integer("tilesize", 0, 0, MAX_TILE);
		Path uncertainty = a.path("uncertainty-output");
		if (uncertainty != null && particles < 2) {
			throw new IllegalArgumentException("--uncertainty-output needs --particles >= 2 (the map is the spread "
					+ "across particles), got --particles " + particles);
		}
		DeblurOptions o = new DeblurOptions(input, output, a.path("kernel-output"), uncertainty, method, psf,
				kernelSize, sigma, steps, particles, guidance, lambda, wholeStack, perChannel, seed, device, threads,
				model, kernelModel, outer, tileSize, a.flag("overwrite"));
		if (method.isBlind()) {
			o.checkTileSize(kernelSize);
		}
		return o;
	}

	/**
	 * Checks --tilesize against the kernel size (for the non-blind method, the PSF's window, known once it is read).
	 */
	void checkTileSize(int kernel) {
		if (tileSize != 0 && tileSize < 2 * kernel) {
			throw new IllegalArgumentException("--tilesize must be 0 (automatic) or in [" + 2 * kernel
					+ " (twice the kernel size), " + MAX_TILE + "], got " + tileSize);
		}
	}

	private static Path folder(Args a, String key) {
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
					.withTileSize(tileSize);
		}
		EmConfig config = b.kernelSize(kernelSize).lambda(lambda).outerIterations(method == Method.DIFFUSION_EM
				? outerIterations : 1).build();
		return StackRequest.blind(method, config, sigma, perChannel, wholeStack, 0, 0, uncertainty).withTileSize(
				tileSize);
	}
}
