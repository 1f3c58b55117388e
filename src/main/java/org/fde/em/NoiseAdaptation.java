package org.fde.em;

/**
 * The noise-dependent part of the blind defaults, in one place: on clean images (noise &sigma; &le;
 * {@link #sigmaLow}) the kernel-prior weight &lambda; is raised by {@link #lambdaGainLow}; on noisy ones (&sigma; &ge;
 * {@link #sigmaHigh}) Fast EM's &Pi;GDM factor is raised by {@link #blindScaleGainHigh}. In between both follow
 * log &sigma; linearly (factors interpolated geometrically), so nothing jumps at a threshold.
 * <p>
 * Why: at &sigma; &asymp; 0 the M-step's pull &alpha; = &sigma;&sup2;&beta; towards the previous kernel vanishes and
 * the denoiser is the kernel's only regulariser, so it has to be stronger; and at low noise a larger &Pi;GDM step
 * acts as an inverse filter of the current kernel estimate that fits what the convolution model does not explain,
 * while on the synthetic protocols (&sigma; &ge; 5/255) it helps. Measured (README, "Choices"; Fast EM &Pi;GDM,
 * 50 steps): Levin's 8 first real captures (&sigma; estimated 0.74/255) reach 4 of 8 pairs at error ratio &le; 3
 * with &lambda; = 100 against 0 of 8 at 30; the synthetic protocols (&sigma; = 5&ndash;20/255) gain
 * 0.3&ndash;0.6 dB with factor 1.5, which costs the Levin pairs 2 dB. Only the two ends were measured; the
 * interpolation between 1/255 and 5/255 is a choice, not a measurement.
 *
 * @param sigmaLow           at and below this noise level (unit range) &lambda; gets its full gain and the &Pi;GDM
 *                           factor none
 * @param sigmaHigh          at and above this level the &Pi;GDM factor gets its full gain and &lambda; none
 * @param lambdaGainLow      factor on &lambda; at &sigma; &le; sigmaLow (positive)
 * @param blindScaleGainHigh factor on Fast EM's &Pi;GDM factor at &sigma; &ge; sigmaHigh (positive)
 */
public record NoiseAdaptation(double sigmaLow, double sigmaHigh, double lambdaGainLow, double blindScaleGainHigh) {

	/** The defaults: &lambda; &times; 10/3 at &sigma; &le; 1/255 (30 &rarr; 100), &Pi;GDM &times; 1.5 at &sigma; &ge; 5/255. */
	public static final NoiseAdaptation DEFAULT = new NoiseAdaptation(1.0 / 255, 5.0 / 255, 10.0 / 3, 1.5);

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
