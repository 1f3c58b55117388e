package org.fde.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.fde.em.EmConfig;
import org.fde.em.NoiseAdaptation;
import org.fde.image.Image;
import org.fde.kernel.BlurExtent;
import org.fde.noise.NoiseSigma;
import org.fde.normalize.PercentileNormalization;
import org.fde.stack.StackRequest.Method;

/** The notes a {@link StackDeblur} job adds to its result: kernel-size advice, intensities and noise, and &lambda;. */
final class StackNotes {

	private StackNotes() {
	}

	/** The {@link BlurExtent} warning for a kernel size that looks too small for the plane's blur, else null. */
	static String sizeAdvice(Image plane, NoiseSigma unitSigma, int ks) {
		float[] p = plane.plane(0);
		double sigma = unitSigma.resolve(new float[][] { p }, plane.width(), plane.height());
		return BlurExtent.estimate(p, plane.width(), plane.height(), sigma).advice(ks);
	}

	static String note(String unit, PercentileNormalization norm, NoiseSigma sigma,
			List<Double> unitSigmas) {
		String noise;
		if (!sigma.isEstimated()) {
			noise = "noise sigma " + fmt(sigma.value()) + " (given)";
		} else if (unitSigmas.isEmpty()) {
			noise = "noise sigma not estimated (constant planes only)";
		} else {
			double[] s = unitSigmas.stream().mapToDouble(norm::sigmaFromUnit).sorted().toArray();
			noise = s.length == 1 ? "noise sigma " + fmt(s[0]) + " (estimated)"
					: "noise sigma " + fmt(s[0]) + " to " + fmt(s[s.length - 1]) + " (estimated per plane)";
		}
		return String.format(Locale.ROOT, "%s: intensities %s to %s (0.1 and 99.9 percentiles) mapped to [0, 1]; %s",
				unit, fmt(norm.low()), fmt(norm.high()), noise);
	}

	/**
	 * The blind settings that the noise level chose ({@link NoiseAdaptation}): &lambda; (both blind
	 * methods' M-step) and, for Fast EM, its &Pi;GDM factor, over the unit's planes, so that a user can reproduce a
	 * run with the adaptation off.
	 */
	static String adaptationNote(String unit, Method method, EmConfig cfg, List<Double> unitSigmas) {
		NoiseAdaptation a = cfg.tuning().noiseAdaptation();
		double lo = unitSigmas.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		double hi = unitSigmas.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		// lambda's factor falls and the PiGDM factor rises with sigma
		String text = "lambda " + range(cfg.adaptedLambda(hi), cfg.adaptedLambda(lo));
		if (method == Method.FAST_EM || method == Method.HYBRID) {
			text += ", Fast EM PiGDM factor " + range(cfg.adaptedBlindPigdmScale(lo), cfg.adaptedBlindPigdmScale(hi));
		}
		List<String> gains = new ArrayList<>();
		if (a.lambdaGainLow() != 1) {
			gains.add(String.format(Locale.ROOT, "lambda x%s at sigma <= %s/255", fmt(a.lambdaGainLow()),
					fmt(a.sigmaLow() * 255)));
		}
		if ((method == Method.FAST_EM || method == Method.HYBRID) && a.blindScaleGainHigh() != 1) {
			gains.add(String.format(Locale.ROOT, "PiGDM factor x%s at sigma >= %s/255", fmt(a.blindScaleGainHigh()),
					fmt(a.sigmaHigh() * 255)));
		}
		String how = gains.isEmpty() ? (a.equals(NoiseAdaptation.OFF) ? "noise adaptation off"
				: "no noise adaptation for this method")
				: "adapted to the noise: " + String.join(", ", gains) + " of the [0, 1] range";
		return unit + ": " + text + " (" + how + ")";
	}

	private static String range(double a, double b) {
		return Math.abs(a - b) <= 1e-9 * Math.abs(b) ? fmt(a) : fmt(a) + " to " + fmt(b);
	}

	static String fmt(double v) {
		return String.format(Locale.ROOT, "%.4g", v);
	}
}
