package org.fde.cli;

import static org.fde.stack.UserParameter.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.fde.djl.DeviceChoice;
import org.fde.guidance.GuidanceKind;
import org.fde.options.CommandLineOptions;
import org.fde.stack.InvalidParameterException;
import org.fde.stack.KnownKernels;
import org.fde.stack.ParameterRanges;
import org.fde.stack.StackRequest;
import org.fde.stack.StackRequestBuilder;
import org.fde.stack.StackRequest.Method;
import org.fde.stack.UserParameter;

/**
 * The options of {@code deblur}, validated. The solver options are the Fiji commands' parameters
 * ({@link UserParameter}: the macro keys as option names, except where {@link UserParameter#option()} says
 * otherwise), read into a {@link StackRequest}, which checks their ranges; its messages name the option.
 *
 * @param model       --model, or null for the shipped image prior
 * @param kernelModel --kernelmodel, or null for the shipped kernel prior
 * @param psf         --psf (non-blind only), else null
 * @param ensemble    --ensemble: 1, or 2 for the image prior's rotation ensemble
 * @param solver      the request's parameters; the non-blind method's kernels are the PSF's ({@link #request})
 */
record DeblurOptions(Path input, Path output, Path kernelOutput, Path uncertaintyOutput, Path psf,
		DeviceChoice device, int threads, Path model, Path kernelModel, int ensemble, boolean overwrite,
		StackRequestBuilder solver) {

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
		if (!method.restarts() && a.has("restarts")) {
			throw new IllegalArgumentException("--restarts applies to --method fast-em and hybrid only");
		}
		Path psf = method == Method.NON_BLIND ? a.requiredPath("psf", "the kernel image of --method nonblind")
				: null;
		if (psf != null && !Files.isRegularFile(psf)) {
			throw new IllegalArgumentException("--psf " + psf + " does not exist");
		}
		Path uncertainty = a.path(UNCERTAINTY.option());
		StackRequestBuilder b = named(() -> {
			StackRequestBuilder r = StackRequest.builder(method).sigma(real(a, SIGMA)).particles(integer(a, PARTICLES))
					.guidance(GUIDANCE.check(string(a, GUIDANCE), GuidanceKind.class))
					.seed(a.longInteger(SEED.option(), ParameterRanges.SEED_DEFAULT, Long.MIN_VALUE, Long.MAX_VALUE))
					.tileSize(integer(a, TILE_SIZE)).uncertainty(uncertainty != null)
					.output(OUTPUT.check(string(a, OUTPUT), StackRequest.Output.class));
			r.steps(a.integer(STEPS.option(), r.steps())); // the method's default
			if (method.isBlind()) {
				r.kernelSize(integer(a, KERNEL_SIZE)).lambda(real(a, LAMBDA))
						.wholeStack(KERNEL_SCOPE.check(string(a, KERNEL_SCOPE)).equals(ParameterRanges.SCOPE_STACK))
						.perChannel(CHANNEL_KERNELS.check(string(a, CHANNEL_KERNELS))
								.equals(ParameterRanges.CHANNELS_SEPARATE));
			}
			if (method == Method.DIFFUSION_EM) {
				r.outerIterations(integer(a, OUTER_ITERATIONS));
			}
			if (method.restarts()) {
				r.restarts(integer(a, RESTARTS));
			}
			if (method.isBlind()) {
				r.build(); // every range checked now; the non-blind request is checked with the PSF ({@link #request})
			}
			return r;
		});
		DeviceChoice device = named(() -> DEVICE.check(string(a, DEVICE), DeviceChoice.class));
		int threads = named(() -> THREADS.check(integer(a, THREADS)));
		int ensemble = named(() -> ENSEMBLE.check(integer(a, ENSEMBLE)));
		return new DeblurOptions(input, output, a.path("kernel-output"), uncertainty, psf, device, threads,
				folder(a, MODEL), folder(a, KERNEL_MODEL), ensemble, a.flag("overwrite"), b);
	}

	/** An integer option, its range left to the request. */
	private static int integer(CommandLineOptions a, UserParameter p) {
		return a.integer(p.option(), (Integer) p.defaultValue());
	}

	/** A number option, its range left to the request. */
	private static double real(CommandLineOptions a, UserParameter p) {
		return a.real(p.option(), ((Number) p.defaultValue()).doubleValue());
	}

	/** A choice option, checked by its parameter. */
	private static String string(CommandLineOptions a, UserParameter p) {
		return a.string(p.option(), (String) p.defaultValue());
	}

	/** Runs a read or a check, naming the option (as the user writes it) in a range error. */
	static <T> T named(Supplier<T> read) {
		try {
			return read.get();
		} catch (InvalidParameterException e) {
			throw new IllegalArgumentException(e.named("--" + e.parameter().option()), e);
		}
	}

	private static Path folder(CommandLineOptions a, UserParameter key) {
		Path p = a.path(key.option());
		if (p != null && !Files.isDirectory(p)) {
			throw new IllegalArgumentException("--" + key.option() + ": the model folder " + p + " does not exist (or "
					+ "is not a folder); leave the option out to use the shipped model");
		}
		return p;
	}

	Method method() {
		return solver.method();
	}

	/** {@code --kernelsize} (the default when not given). */
	int kernelSize() {
		return solver.kernelSize();
	}

	/** --channelkernels separate (blind methods). */
	boolean perChannel() {
		return solver.perChannel();
	}

	/** --kernelscope stack (blind methods). */
	boolean wholeStack() {
		return solver.wholeStack();
	}

	/**
	 * The request for one image, checked (its messages name the option).
	 *
	 * @param known the PSF's kernels for the non-blind method (null for the blind ones)
	 */
	StackRequest request(KnownKernels known) {
		return named(() -> (known == null ? solver.copy() : solver.copy().known(known)).build());
	}
}
