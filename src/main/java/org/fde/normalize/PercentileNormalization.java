package org.fde.normalize;

import java.util.Arrays;

/**
 * An affine map from an image's own intensity scale to the solvers' unit range: v &#8614; (v &minus; low) / scale,
 * with {@code low} and {@code high} two percentiles of the data (by default {@value #DEFAULT_LOW} and
 * {@value #DEFAULT_HIGH}) and {@code scale = high - low}. Values outside [low, high] are NOT clipped: they map
 * slightly below 0 or above 1. Immutable.
 * <p>
 * Fitting rules ({@link #fit}):
 * <ul>
 * <li>percentiles use linear interpolation between order statistics (numpy's default); above
 * {@value #EXACT_LIMIT} values a deterministic regular subsample of that many values is used;</li>
 * <li>if the two percentiles coincide but the data are not constant (sparse bright spots on a flat background), the
 * minimum and maximum are used instead;</li>
 * <li>constant data give {@code low == high} and {@link #isConstant()}; the map is then a plain shift (scale 1), so
 * that {@link #forward} and {@link #inverse} stay finite and inverse to each other.</li>
 * </ul>
 * Standard deviations (noise &sigma;, uncertainty maps) scale by {@link #scale()} only: {@link #sigmaToUnit},
 * {@link #sigmaFromUnit}.
 *
 * @param low  the value mapped to 0
 * @param high the value mapped to 1 (equal to {@code low} for constant data)
 */
public record PercentileNormalization(double low, double high) {

	/** Default lower percentile, in percent. */
	public static final double DEFAULT_LOW = 0.1;

	/** Default upper percentile, in percent. */
	public static final double DEFAULT_HIGH = 99.9;

	/** Largest number of values sorted exactly by {@link #fit}; larger inputs are subsampled regularly. */
	public static final int EXACT_LIMIT = 1 << 22;

	public PercentileNormalization {
		if (!Double.isFinite(low) || !Double.isFinite(high)) {
			throw new IllegalArgumentException("low and high must be finite, got low=" + low + ", high=" + high);
		}
		if (high < low) {
			throw new IllegalArgumentException("high must be >= low, got low=" + low + ", high=" + high);
		}
	}

	/** {@link #fit(float[][], double, double)} with the default percentiles 0.1 and 99.9. */
	public static PercentileNormalization fit(float[]... planes) {
		return fit(planes, DEFAULT_LOW, DEFAULT_HIGH);
	}

	/**
	 * Fits the map to all values of all planes jointly.
	 *
	 * @param planes         at least one value in all, every value finite
	 * @param lowPercentile  in [0, 100), below highPercentile
	 * @param highPercentile in (0, 100]
	 * @throws IllegalArgumentException for empty input, non-finite values or percentiles out of range
	 */
	public static PercentileNormalization fit(float[][] planes, double lowPercentile, double highPercentile) {
		if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
			throw new IllegalArgumentException("percentiles must satisfy 0 <= lowPercentile < highPercentile <= 100, "
					+ "got " + lowPercentile + " and " + highPercentile);
		}
		long total = 0;
		for (float[] p : planes) {
			total += p.length;
		}
		if (total == 0) {
			throw new IllegalArgumentException("cannot normalise an empty image (no pixels)");
		}
		long stride = Math.max(1, (total + EXACT_LIMIT - 1) / EXACT_LIMIT);
		float[] values = new float[(int) ((total + stride - 1) / stride)];
		int n = 0;
		long index = 0;
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (float[] p : planes) {
			for (float v : p) {
				if (!Float.isFinite(v)) {
					throw new IllegalArgumentException("cannot normalise non-finite values (NaN or infinite pixels)");
				}
				min = Math.min(min, v);
				max = Math.max(max, v);
				if (index++ % stride == 0 && n < values.length) {
					values[n++] = v;
				}
			}
		}
		float[] sample = n == values.length ? values : Arrays.copyOf(values, n);
		Arrays.sort(sample);
		double lo = percentile(sample, lowPercentile);
		double hi = percentile(sample, highPercentile);
		if (!(hi > lo)) {
			lo = min;
			hi = max;
		}
		return new PercentileNormalization(lo, hi);
	}

	/** The p-th percentile (p in [0, 100]) of sorted values, interpolated linearly between order statistics. */
	static double percentile(float[] sorted, double p) {
		double pos = p / 100.0 * (sorted.length - 1);
		int i = (int) Math.floor(pos);
		if (i >= sorted.length - 1) {
			return sorted[sorted.length - 1];
		}
		double f = pos - i;
		return sorted[i] + f * ((double) sorted[i + 1] - sorted[i]);
	}

	/** True when the fitted data were constant ({@code low == high}). */
	public boolean isConstant() {
		return !(high > low);
	}

	/** high &minus; low, or 1 for constant data. */
	public double scale() {
		return isConstant() ? 1.0 : high - low;
	}

	/** (v &minus; low) / scale for every value, into a new array; the input is not modified. */
	public float[] forward(float[] values) {
		double s = scale();
		float[] out = new float[values.length];
		for (int i = 0; i < values.length; i++) {
			out[i] = (float) ((values[i] - low) / s);
		}
		return out;
	}

	/** u &middot; scale + low for every value, into a new array: the inverse of {@link #forward}. */
	public float[] inverse(float[] unit) {
		double s = scale();
		float[] out = new float[unit.length];
		for (int i = 0; i < unit.length; i++) {
			out[i] = (float) (unit[i] * s + low);
		}
		return out;
	}

	/** A standard deviation in image units expressed on the unit range (divided by the scale). */
	public double sigmaToUnit(double sigma) {
		return sigma / scale();
	}

	/** A standard deviation on the unit range expressed in image units (multiplied by the scale). */
	public double sigmaFromUnit(double unitSigma) {
		return unitSigma * scale();
	}

	/** {@link #sigmaFromUnit} for every value (an uncertainty map), into a new array. */
	public float[] stdFromUnit(float[] unitStd) {
		double s = scale();
		float[] out = new float[unitStd.length];
		for (int i = 0; i < unitStd.length; i++) {
			out[i] = (float) (unitStd[i] * s);
		}
		return out;
	}
}
