package org.fde.score;

import org.fde.parallel.Chunks;

/**
 * The one class that owns the two value ranges: the <em>unit</em> range [0, 1] of measurements, likelihoods and the
 * M-step, and the <em>signed</em> range [&minus;1, 1] inside the diffusion model (ALGORITHM.md &sect;1).
 * <p>
 * toUnit(x) = clamp((clamp(x, &minus;1, 1) + 1)/2, 0, 1); its derivative is &frac12; where &minus;1 &le; x &le; 1
 * and 0 elsewhere (torch's clamp passes the gradient at the boundary values).
 */
public final class ValueRange {

	private ValueRange() {
	}

	/** 2x &minus; 1, element-wise, into a new array. */
	public static float[] toSigned(float[] unit) {
		float[] out = new float[unit.length];
		for (int i = 0; i < out.length; i++) {
			out[i] = 2f * unit[i] - 1f;
		}
		return out;
	}

	/** clamp((x + 1)/2, 0, 1) into a new array. */
	public static float[] toUnit(float[] signed) {
		float[] out = new float[signed.length];
		Chunks.forEach(out.length, (from, to) -> {
			for (int i = from; i < to; i++) {
				out[i] = Math.min(1f, Math.max(0f, (signed[i] + 1f) * 0.5f));
			}
		});
		return out;
	}

	/** A standard deviation on the unit scale expressed on the signed scale (&times;2). */
	public static double sigmaToSigned(double sigmaUnit) {
		return 2.0 * sigmaUnit;
	}

	/**
	 * Pulls a vector g given in unit-range coordinates back to the raw (unclipped) signed x&#770;0:
	 * g &middot; d toUnit(clip(x&#770;0))/dx&#770;0 = &frac12; g where |x&#770;0 raw| &le; 1, else 0.
	 */
	public static float[] pullBackUnitToSigned(float[] g, float[] x0Raw) {
		float[] out = new float[g.length];
		Chunks.forEach(out.length, (from, to) -> {
			for (int i = from; i < to; i++) {
				float v = x0Raw[i];
				out[i] = (v >= -1f && v <= 1f) ? 0.5f * g[i] : 0f;
			}
		});
		return out;
	}
}
