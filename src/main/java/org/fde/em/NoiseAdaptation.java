package org.fde.em;

/**
 * The noise-dependent part of the blind defaults, in one place: on noisy images (noise &sigma; &ge;
 * {@link #sigmaHigh}) Fast EM's &Pi;GDM factor is raised by {@link #blindScaleGainHigh}; on clean ones (&sigma; &le;
 * {@link #sigmaLow}) the kernel-prior weight &lambda; can be scaled by {@link #lambdaGainLow} (1 in the defaults). In between both follow log &sigma; linearly (factors interpolated geometrically), so nothing
 * jumps at a threshold.
 * <p>
 * Why: a larger &Pi;GDM step helps the synthetic protocols (&sigma; &ge; 5/255) but, at low noise, acts as an inverse
 * filter of the current kernel estimate and costs Levin's real captures; a &lambda; gain on clean images was measured
 * the wrong way round on all 32 of Levin's pairs, so the default &lambda; gain is 1. Only the two ends of the &Pi;GDM
 * rule were measured; its interpolation between 1/255 and 5/255 is a choice (docs/design-choices.md, "Noise-dependent
 * blind defaults").
 *
 * @param sigmaLow           at and below this noise level (unit range) &lambda; gets its full gain and the &Pi;GDM
 *                           factor none
 * @param sigmaHigh          at and above this level the &Pi;GDM factor gets its full gain and &lambda; none
 * @param lambdaGainLow      factor on &lambda; at &sigma; &le; sigmaLow (positive)
 * @param blindScaleGainHigh factor on Fast EM's &Pi;GDM factor at &sigma; &ge; sigmaHigh (positive)
 */
public record NoiseAdaptation(double sigmaLow, double sigmaHigh, double lambdaGainLow, double blindScaleGainHigh) {

	/** The defaults: &Pi;GDM &times; 1.5 at &sigma; &ge; 5/255, &lambda; as given at every noise level. */
	public static final NoiseAdaptation DEFAULT = new NoiseAdaptation(1.0 / 255, 5.0 / 255, 1, 1.5);

	/** No adaptation: the given &lambda; and factor at every noise level. */
	public static final NoiseAdaptation OFF = new NoiseAdaptation(1.0 / 255, 5.0 / 255, 1, 1);

	public NoiseAdaptation {
		if (!(sigmaLow > 0 && sigmaHigh > sigmaLow && sigmaHigh < 1)) {
			throw new IllegalArgumentException("need 0 < sigmaLow < sigmaHigh < 1, got " + sigmaLow + ", " + sigmaHigh);
		}
		if (!(lambdaGainLow > 0 && Double.isFinite(lambdaGainLow) && blindScaleGainHigh > 0
				&& Double.isFinite(blindScaleGainHigh))) {
			throw new IllegalArgumentException("the gains must be positive and finite, got " + lambdaGainLow + ", "
					+ blindScaleGainHigh);
		}
	}

	/** Where &sigma; lies: 0 at or below sigmaLow, 1 at or above sigmaHigh, linear in log &sigma; between. */
	public double position(double sigma) {
		if (!(sigma > sigmaLow)) {
			return 0;
		}
		if (sigma >= sigmaHigh) {
			return 1;
		}
		return Math.log(sigma / sigmaLow) / Math.log(sigmaHigh / sigmaLow);
	}

	/** The factor on &lambda; at noise level &sigma; (unit range). */
	public double lambdaFactor(double sigma) {
		return Math.pow(lambdaGainLow, 1 - position(sigma));
	}

	/** The factor on Fast EM's &Pi;GDM factor ({@link EmConfig#blindPigdmScale}) at noise level &sigma;. */
	public double blindScaleFactor(double sigma) {
		return Math.pow(blindScaleGainHigh, position(sigma));
	}
}
