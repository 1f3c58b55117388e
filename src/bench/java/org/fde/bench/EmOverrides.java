package org.fde.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.fde.em.EmConfig;
import org.fde.em.NoiseAdaptation;
import org.fde.noise.NoiseSigma;

/**
 * Settings of the diffusion methods changed from the command line ({@code bench --em key=value,...}), for ablations
 * that would otherwise need a code change: the keys below, applied to every diffusion method of the run. The result
 * cache keys of the methods carry them ({@link #tag()}), so overridden results never mix with the defaults'.
 * <ul>
 * <li>{@code lambda}, {@code beta}: the M-step's &lambda; and &beta; (paper eq. 24); &lambda;, like
 * {@code blind-pigdm-scale}, is still scaled with the noise level unless {@code noise-adaptive=false};</li>
 * <li>{@code mstep-iterations}: the HQS iterations per M-step;</li>
 * <li>{@code centre-kernel}: the centring after each M-step;</li>
 * <li>{@code pigdm-scale}, {@code blind-pigdm-scale}, {@code dps-scale}: the guidance weights (&Pi;GDM's at the
 * steps with a fixed kernel and at those that update it);</li>
 * <li>{@code masked-cg}: the masked &Pi;GDM's conjugate-gradient iterations (0 = the periodic inverse);</li>
 * <li>{@code restarts}: Fast EM's restarts after a failed run ({@link org.fde.em.RestartRule}; 0 = the plain
 * Algorithm 2);</li>
 * <li>{@code sigma255}: the noise level told to the solver, on 255, in place of the case's (known or estimated)
 * one; the case's own level still scores the result;</li>
 * <li>{@code noise-adaptive}: {@code false} uses &lambda; and Fast EM's &Pi;GDM factor as given at every noise
 * level ({@link NoiseAdaptation#OFF}) instead of the default gains;</li>
 * <li>{@code support-start}: the side of Fast EM's starting kernel window, which grows to the whole kernel window
 * ({@link org.fde.em.EmTuning#supportStart}; 0 = the whole window from the first step);</li>
 * <li>{@code coarse-above}: kernel sizes above it start coarse to fine ({@link org.fde.em.EmTuning#coarseAbove};
 * 129 = never).</li>
 * </ul>
 * Immutable.
 */
public final class EmOverrides {

	/** The keys {@link #parse} accepts. */
	public static final List<String> KEYS = List.of("lambda", "beta", "mstep-iterations", "centre-kernel",
			"pigdm-scale", "blind-pigdm-scale", "dps-scale", "masked-cg", "restarts", "sigma255", "noise-adaptive",
			"support-start", "coarse-above");

	/** No override. */
	public static final EmOverrides NONE = new EmOverrides(new TreeMap<>());

	private final TreeMap<String, String> values;

	private EmOverrides(TreeMap<String, String> values) {
		this.values = values;
	}

	/**
	 * Parses {@code key=value,key=value} (null or blank = {@link #NONE}); checks each value's type and range now, by
	 * applying it to a default configuration.
	 *
	 * @throws IllegalArgumentException naming the key and what it accepts
	 */
	public static EmOverrides parse(String spec) {
		if (spec == null || spec.isBlank()) {
			return NONE;
		}
		TreeMap<String, String> m = new TreeMap<>();
		for (String item : spec.split(",")) {
			String[] kv = item.trim().split("=", -1);
			if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
				throw new IllegalArgumentException("--em takes key=value pairs separated by commas; got '" + item.trim()
						+ "'. Keys: " + KEYS);
			}
			String key = kv[0].trim().toLowerCase(Locale.ROOT);
			if (!KEYS.contains(key)) {
				throw new IllegalArgumentException("--em: unknown key '" + key + "'; known: " + KEYS);
			}
			if (m.put(key, kv[1].trim()) != null) {
				throw new IllegalArgumentException("--em: key '" + key + "' given twice");
			}
		}
		EmOverrides o = new EmOverrides(m);
		o.apply(EmConfig.builder().kernelSize(33).sigma(NoiseSigma.given(0.02))).build(); // range checks of EmConfig and MStepConfig
		o.sigma(0.02);
		return o;
	}

	/** Whether nothing is overridden. */
	public boolean isEmpty() {
		return values.isEmpty();
	}

	/** The builder with the EmConfig overrides applied ({@code sigma255} is applied by {@link #sigma}). */
	public EmConfig.Builder apply(EmConfig.Builder b) {
		for (Map.Entry<String, String> e : values.entrySet()) {
			String k = e.getKey();
			String v = e.getValue();
			switch (k) {
			case "lambda" -> b.lambda(number(k, v));
			case "beta" -> b.tuning(t -> t.withBeta(number(k, v)));
			case "mstep-iterations" -> b.tuning(t -> t.withMStepIterations(integer(k, v)));
			case "centre-kernel" -> b.tuning(t -> t.withCentreKernel(bool(k, v)));
			case "pigdm-scale" -> b.tuning(t -> t.withPigdmScale(number(k, v)));
			case "blind-pigdm-scale" -> b.tuning(t -> t.withBlindPigdmScale(number(k, v)));
			case "dps-scale" -> b.tuning(t -> t.withDpsScale(number(k, v)));
			case "masked-cg" -> b.tuning(t -> t.withMaskedGuidanceIterations(integer(k, v)));
			case "restarts" -> b.restarts(integer(k, v));
			case "noise-adaptive" -> b.tuning(t -> t.withNoiseAdaptation(adaptation(v)));
			case "support-start" -> b.tuning(t -> t.withSupportStart(integer(k, v)));
			case "coarse-above" -> b.tuning(t -> t.withCoarseAbove(integer(k, v)));
			case "sigma255" -> {
			}
			default -> throw new AssertionError(k);
			}
		}
		return b;
	}

	/** The noise level told to the solver (unit range): {@code sigma255}/255 if overridden, else {@code caseSigma}. */
	public double sigma(double caseSigma) {
		String v = values.get("sigma255");
		if (v == null) {
			return caseSigma;
		}
		double s = number("sigma255", v);
		if (!(s >= 0 && s < 255)) {
			throw new IllegalArgumentException("--em sigma255 must be in [0, 255), got " + v);
		}
		return s / 255.0;
	}

	/** For cache keys: "" without overrides, else "-o" and the sorted key=value pairs joined by "+". */
	public String tag() {
		if (values.isEmpty()) {
			return "";
		}
		StringJoiner j = new StringJoiner("+", "-o", "");
		values.forEach((k, v) -> j.add(k + "=" + v.toLowerCase(Locale.ROOT)));
		return j.toString();
	}

	@Override
	public String toString() {
		return values.isEmpty() ? "none" : tag().substring(2);
	}

	private static double number(String key, String v) {
		try {
			double d = Double.parseDouble(v);
			if (!Double.isFinite(d)) {
				throw new NumberFormatException();
			}
			return d;
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("--em " + key + " takes a finite number, got '" + v + "'");
		}
	}

	private static int integer(String key, String v) {
		try {
			return Integer.parseInt(v);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("--em " + key + " takes an integer, got '" + v + "'");
		}
	}

	private static NoiseAdaptation adaptation(String v) {
		return bool("noise-adaptive", v) ? NoiseAdaptation.DEFAULT : NoiseAdaptation.OFF;
	}

	private static boolean bool(String key, String v) {
		if (v.equalsIgnoreCase("true")) {
			return true;
		}
		if (v.equalsIgnoreCase("false")) {
			return false;
		}
		throw new IllegalArgumentException("--em " + key + " takes true or false, got '" + v + "'");
	}
}
