package org.fde.noise;

/**
 * The noise level a solver is told: either a given standard deviation &sigma; of white Gaussian noise on the unit
 * intensity range, in (0, 1), or "estimate it from the measurement" ({@link NoiseEstimator}). This is the one type
 * that carries &sigma; from the user's setting to the guidance and the M-step; {@link #resolve} turns it into the
 * number they use.
 * <p>
 * User fields that write "0 = estimate" map onto it with {@link #ofField}. The user's parameter, in the image's own
 * intensity units, is {@link #inImageUnits}: it travels in that form from the Fiji command or the command line to the
 * hyperstack layer, which maps it onto the unit range with {@link #toUnitRange} once the intensities are normalised;
 * the solvers take only the unit-range form ({@link #isOnUnitRange}).
 * <p>
 * A resolved &sigma; can still be 0 when it was estimated on noise-free data; the arithmetic that divides by it keeps
 * its own floor there (&Pi;GDM: &sigma;&sup2; = 1e-16, as in the official code; the M-step: &sigma; = 1e-4).
 */
public final class NoiseSigma {

	private static final NoiseSigma ESTIMATE = new NoiseSigma(Double.NaN, true);
	private static final NoiseSigma ESTIMATE_IN_IMAGE_UNITS = new NoiseSigma(Double.NaN, false);

	/** The given value, NaN when estimated. */
	private final double value;
	/** False for the user's value in the image's own units ({@link #inImageUnits}). */
	private final boolean unitRange;

	private NoiseSigma(double value) {
		this(value, true);
	}

	private NoiseSigma(double value, boolean unitRange) {
		this.value = value;
		this.unitRange = unitRange;
	}

	/**
	 * The user's parameter (macro key and option {@code sigma}) in the image's own intensity units: 0 = estimate it,
	 * else the given &sigma;.
	 *
	 * @throws IllegalArgumentException unless sigma is finite and &ge; 0
	 */
	public static NoiseSigma inImageUnits(double sigma) {
		if (!(sigma >= 0) || !Double.isFinite(sigma)) {
			throw new IllegalArgumentException("sigma must be >= 0 and finite (0 = estimate it), got " + sigma);
		}
		return sigma == 0 ? ESTIMATE_IN_IMAGE_UNITS : new NoiseSigma(sigma, false);
	}

	/** False for a value in the image's own units, which {@link #toUnitRange} maps before a solver sees it. */
	public boolean isOnUnitRange() {
		return unitRange;
	}

	/**
	 * This &sigma; on the unit range: estimate stays estimate; a given value in image units is mapped by
	 * {@code toUnit} (the intensity normalisation's scale).
	 *
	 * @throws IllegalArgumentException when the mapped value is not in (0, 1)
	 */
	public NoiseSigma toUnitRange(java.util.function.DoubleUnaryOperator toUnit) {
		if (unitRange) {
			return this;
		}
		return isEstimated() ? ESTIMATE : given(toUnit.applyAsDouble(value));
	}

	/** &sigma; to be estimated from the measured pixels of y. */
	public static NoiseSigma estimate() {
		return ESTIMATE;
	}

	/**
	 * A given &sigma; on the unit range.
	 *
	 * @throws IllegalArgumentException unless 0 &lt; sigma &lt; 1
	 */
	public static NoiseSigma given(double sigma) {
		if (!(sigma > 0 && sigma < 1)) {
			throw new IllegalArgumentException("sigma must be in (0, 1) on the unit range, got " + sigma);
		}
		return new NoiseSigma(sigma);
	}

	/**
	 * The convention of the user fields, on the unit range: 0 = estimate, else a given &sigma; in (0, 1).
	 *
	 * @throws IllegalArgumentException unless 0 &le; sigma &lt; 1
	 */
	public static NoiseSigma ofField(double sigma) {
		if (sigma == 0) {
			return ESTIMATE;
		}
		if (!(sigma > 0 && sigma < 1)) {
			throw new IllegalArgumentException("sigma must be 0 (estimate it) or in (0, 1) on the unit range, got "
					+ sigma);
		}
		return new NoiseSigma(sigma);
	}

	/** True when &sigma; is to be estimated from the measurement. */
	public boolean isEstimated() {
		return Double.isNaN(value);
	}

	/**
	 * The given &sigma;.
	 *
	 * @throws IllegalStateException when it is to be estimated
	 */
	public double value() {
		if (isEstimated()) {
			throw new IllegalStateException("sigma is to be estimated: resolve it on the measurement");
		}
		return value;
	}

	/** The user-field form: the given &sigma;, or 0 when estimated ({@link #ofField} inverts it). */
	public double fieldValue() {
		return isEstimated() ? 0 : value;
	}

	/** The given &sigma;, or the {@link NoiseEstimator} estimate (median over planes) of these w&times;h planes. */
	public double resolve(float[][] planes, int w, int h) {
		return isEstimated() ? NoiseEstimator.estimate(planes, w, h) : value;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof NoiseSigma s && Double.compare(s.value, value) == 0 && s.unitRange == unitRange;
	}

	@Override
	public int hashCode() {
		return Double.hashCode(value);
	}

	@Override
	public String toString() {
		return isEstimated() ? "estimate" : unitRange ? Double.toString(value) : value + " (image units)";
	}
}
