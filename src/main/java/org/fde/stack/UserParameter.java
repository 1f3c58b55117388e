package org.fde.stack;

import static org.fde.stack.ParameterRanges.*;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The user's parameters of the deblurring commands, each with its macro key, command-line option, help text, range
 * and default. The Fiji commands' fields ({@code org.fde.imagej}), the command line's {@code deblur} options
 * ({@code org.fde.cli}) and {@link StackRequest} map onto these one to one ({@code UserParametersTest} checks both
 * directions); the compile-time constants behind them are {@link ParameterRanges}' (SciJava's annotations need
 * constants). Validation lives here and runs once, when a {@link StackRequest} is built (device, threads and the
 * model folders, which the solvers do not see, are checked by the adapters with the same methods).
 */
public enum UserParameter {

	INPUT("input", "input", HELP_INPUT, Kind.IMAGE, null, null, null),
	PSF("psf", "psf", HELP_PSF, Kind.IMAGE, null, null, null),
	KERNEL_SIZE("kernelsize", "kernelsize", HELP_KERNEL_SIZE, Kind.ODD, (double) KERNEL_SIZE_MIN,
			(double) KERNEL_SIZE_MAX, KERNEL_SIZE_DEFAULT),
	SIGMA("sigma", "sigma", HELP_SIGMA, Kind.REAL, 0.0, Double.MAX_VALUE, SIGMA_DEFAULT),
	STEPS("steps", "steps", HELP_STEPS, Kind.INT, (double) STEPS_MIN, (double) STEPS_MAX, BLIND_STEPS_DEFAULT),
	PARTICLES("particles", "particles", HELP_PARTICLES, Kind.INT, (double) PARTICLES_MIN, (double) PARTICLES_MAX,
			PARTICLES_DEFAULT),
	GUIDANCE("guidance", "guidance", HELP_GUIDANCE, Kind.CHOICE, null, null, GUIDANCE_DEFAULT, GUIDANCE_PIGDM,
			GUIDANCE_DPS),
	LAMBDA("lambda", "lambda", HELP_LAMBDA, Kind.REAL, 0.0, Double.MAX_VALUE, LAMBDA_DEFAULT),
	KERNEL_SCOPE("kernelscope", "kernelscope", HELP_SCOPE, Kind.CHOICE, null, null, SCOPE_DEFAULT, SCOPE_PLANE,
			SCOPE_STACK),
	CHANNEL_KERNELS("channelkernels", "channelkernels", HELP_CHANNELS, Kind.CHOICE, null, null, CHANNELS_DEFAULT,
			CHANNELS_SHARED, CHANNELS_SEPARATE),
	/** On the command line {@code --output} is the output file, so the choice is {@code --output-kind}. */
	OUTPUT("output", "output-kind", HELP_OUTPUT, Kind.CHOICE, null, null, OUTPUT_DEFAULT, OUTPUT_ESTIMATE,
			OUTPUT_SAMPLE),
	/** On the command line the map is asked for by naming its file, {@code --uncertainty-output}. */
	UNCERTAINTY("uncertainty", "uncertainty-output", HELP_UNCERTAINTY, Kind.FLAG, null, null, UNCERTAINTY_DEFAULT),
	TILE_SIZE("tilesize", "tilesize", HELP_TILE_SIZE, Kind.INT, 0.0, (double) TILE_SIZE_MAX, TILE_SIZE_DEFAULT),
	SEED("seed", "seed", HELP_SEED, Kind.LONG, null, null, SEED_DEFAULT),
	DEVICE("device", "device", HELP_DEVICE, Kind.CHOICE, null, null, DEVICE_DEFAULT, DEVICE_AUTO, DEVICE_CPU,
			DEVICE_GPU),
	THREADS("threads", "threads", HELP_THREADS, Kind.INT, 0.0, (double) THREADS_MAX, THREADS_DEFAULT),
	MODEL("model", "model", HELP_MODEL, Kind.FOLDER, null, null, null),
	KERNEL_MODEL("kernelmodel", "kernelmodel", HELP_KERNEL_MODEL, Kind.FOLDER, null, null, null),
	ENSEMBLE("ensemble", "ensemble", HELP_ENSEMBLE, Kind.INT, (double) ENSEMBLE_MIN, (double) ENSEMBLE_MAX,
			ENSEMBLE_DEFAULT),
	RESTARTS("restarts", "restarts", HELP_RESTARTS, Kind.INT, (double) RESTARTS_MIN, (double) RESTARTS_MAX,
			RESTARTS_DEFAULT),
	/** On the command line the classical seed is {@code --method hybrid} (on) or {@code --method fast-em} (off). */
	CLASSICAL_SEED("classicalseed", "method", HELP_CLASSICAL_SEED, Kind.FLAG, null, null, CLASSICAL_SEED_DEFAULT),
	OUTER_ITERATIONS("outeriterations", "outeriterations", HELP_OUTER_ITERATIONS, Kind.INT,
			(double) OUTER_ITERATIONS_MIN, (double) OUTER_ITERATIONS_MAX, OUTER_ITERATIONS_DEFAULT);

	/** What a parameter holds, for the adapters that read it. */
	public enum Kind {
		/** An image (Fiji: an open image; command line: an image file). */
		IMAGE,
		/** An integer in [min, max]. */
		INT,
		/** An odd integer in [min, max]. */
		ODD,
		/** Any 64-bit integer. */
		LONG,
		/** A finite number in [min, max]. */
		REAL,
		/** One of the choices, matched ignoring case. */
		CHOICE,
		/** On or off. */
		FLAG,
		/** A folder; empty or absent means the shipped model. */
		FOLDER
	}

	private final String key;
	private final String option;
	private final String help;
	private final Kind kind;
	private final Double min;
	private final Double max;
	private final Object defaultValue;
	private final List<String> choices;

	UserParameter(String key, String option, String help, Kind kind, Double min, Double max, Object defaultValue,
			String... choices) {
		this.key = key;
		this.option = option;
		this.help = help;
		this.kind = kind;
		this.min = min;
		this.max = max;
		this.defaultValue = defaultValue;
		this.choices = List.of(choices);
	}

	/** The macro key: the Fiji command field's name in lower case. Never renamed. */
	public String key() {
		return key;
	}

	/** The command line's option name (without {@code --}); the macro key except where a comment says otherwise. */
	public String option() {
		return option;
	}

	/** The help text: one sentence, the dialog's description. */
	public String help() {
		return help;
	}

	public Kind kind() {
		return kind;
	}

	/** The smallest value (INT, ODD, REAL), else null. */
	public Double min() {
		return min;
	}

	/** The largest value (INT, ODD, REAL), else null. */
	public Double max() {
		return max;
	}

	/**
	 * The default (for {@link #STEPS} the blind commands' one; Diffusion Deconvolution's is
	 * {@link ParameterRanges#NON_BLIND_STEPS_DEFAULT}); null for images and folders.
	 */
	public Object defaultValue() {
		return defaultValue;
	}

	/** The allowed values of a CHOICE in their canonical spelling, else empty. */
	public List<String> choices() {
		return choices;
	}

	/** The parameter with this macro key (any case), or null. */
	public static UserParameter byKey(String key) {
		return Arrays.stream(values()).filter(p -> p.key.equalsIgnoreCase(key)).findFirst().orElse(null);
	}

	/** An INT or ODD value, checked against the range. */
	public int check(int v) {
		if (v < min || v > max || (kind == Kind.ODD && v % 2 == 0)) {
			throw invalid((kind == Kind.ODD ? "must be odd and in [" : "must be in [") + min.intValue() + ", "
					+ max.intValue() + "], got " + v);
		}
		return v;
	}

	/** A REAL value: finite and in the range. */
	public double check(double v) {
		if (!Double.isFinite(v) || !(v >= min && v <= max)) {
			throw invalid("must be " + (max == Double.MAX_VALUE ? ">= " + fmt(min) : "in [" + fmt(min) + ", "
					+ fmt(max) + "]") + " and finite, got " + v);
		}
		return v;
	}

	/** A CHOICE value (any case, blanks around ignored), returned in its canonical spelling. */
	public String check(String v) {
		if (v != null) {
			for (String c : choices) {
				if (c.equalsIgnoreCase(v.trim())) {
					return c;
				}
			}
		}
		throw invalid("must be one of " + choices + ", got " + (v == null ? "nothing" : "'" + v + "'"));
	}

	/** A CHOICE value as an enum constant of the same name (upper case), e.g. {@code GuidanceKind.PIGDM}. */
	public <E extends Enum<E>> E check(String v, Class<E> type) {
		return Enum.valueOf(type, check(v).toUpperCase(Locale.ROOT));
	}

	/** An error about this parameter: the message starts with its macro key. */
	public InvalidParameterException invalid(String problem) {
		return new InvalidParameterException(this, problem);
	}

	private static String fmt(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}
}
