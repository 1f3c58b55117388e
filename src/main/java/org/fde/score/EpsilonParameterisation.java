package org.fde.score;

import org.fde.parallel.Chunks;

import org.fde.image.BatchShape;

/**
 * The network's parameterisation (&epsilon;-prediction), owned here and nowhere else (ALGORITHM.md &sect;2):
 * x&#770;0 = sqrt(1/&alpha;&#772;) x_t &minus; sqrt(1/&alpha;&#772; &minus; 1) &epsilon;&#770;, clipped to [&minus;1, 1].
 * Its vector&ndash;Jacobian product with respect to x_t, for a vector u on the raw x&#770;0, is
 * (u &minus; sqrt(1 &minus; &alpha;&#772;) (&part;&epsilon;&#770;/&part;x_t)<sup>T</sup> u)/sqrt(&alpha;&#772;).
 */
public final class EpsilonParameterisation {

	private EpsilonParameterisation() {
	}

	/** A prediction at one step: the raw and the clipped x&#770;0 (signed range). */
	public record Prediction(float[] x0Raw, float[] x0Clipped) {
	}

	/** x&#770;0 from x_t and &epsilon;&#770; at &alpha;&#772;. */
	public static Prediction x0(float[] xt, float[] eps, double alphaBar) {
		double a = Math.sqrt(1.0 / alphaBar);
		double b = Math.sqrt(1.0 / alphaBar - 1.0);
		float[] raw = new float[xt.length];
		float[] clipped = new float[xt.length];
		Chunks.forEach(xt.length, (from, to) -> {
			for (int i = from; i < to; i++) {
				float v = (float) (a * xt[i] - b * eps[i]);
				raw[i] = v;
				clipped[i] = v < -1f ? -1f : (v > 1f ? 1f : v); // = max(-1, min(1, v)) incl. NaN and -0, cheaper
			}
		});
		return new Prediction(raw, clipped);
	}

	/** &epsilon; implied by x_t and a given x0: (x_t &minus; sqrt(&alpha;&#772;) x0)/sqrt(1 &minus; &alpha;&#772;). */
	public static float[] epsFromX0(float[] xt, float[] x0, double alphaBar) {
		double a = Math.sqrt(alphaBar);
		double b = Math.sqrt(1.0 - alphaBar);
		float[] out = new float[xt.length];
		for (int i = 0; i < out.length; i++) {
			out[i] = (float) ((xt[i] - a * x0[i]) / b);
		}
		return out;
	}

	/**
	 * J<sup>T</sup> u where J = &part;x&#770;0_raw/&part;x_t, using one VJP of the network.
	 *
	 * @param tracked the forward pass at this step (its single VJP is consumed)
	 * @param u       a vector on the raw x&#770;0 (signed range), e.g. from {@link ValueRange#pullBackUnitToSigned}
	 */
	public static float[] vjpX0(ScoreModel.TrackedEpsilon tracked, float[] u, double alphaBar) {
		return vjpX0(u, tracked.vjp(u), alphaBar);
	}

	/**
	 * {@link #vjpX0(ScoreModel.TrackedEpsilon, float[], double)} from the network's own VJP
	 * {@code epsilonVjp} = (&part;&epsilon;&#770;/&part;x_t)<sup>T</sup> u (for callers that time the network alone).
	 */
	public static float[] vjpX0(float[] u, float[] epsilonVjp, double alphaBar) {
		if (epsilonVjp.length != u.length) {
			throw new IllegalArgumentException("the VJP has " + epsilonVjp.length + " values, u has " + u.length);
		}
		double inv = 1.0 / Math.sqrt(alphaBar);
		double b = Math.sqrt(1.0 - alphaBar);
		float[] out = new float[u.length];
		Chunks.forEach(out.length, (from, to) -> {
			for (int i = from; i < to; i++) {
				out[i] = (float) (inv * (u[i] - b * epsilonVjp[i]));
			}
		});
		return out;
	}

	/** Checks that the batch fits the model: channels equal, or a one-channel model run per channel. */
	public static BatchShape networkShape(BatchShape image, ModelSpec spec) {
		if (image.h() % spec.sizeMultiple() != 0 || image.w() % spec.sizeMultiple() != 0) {
			throw new IllegalArgumentException("image size " + image.w() + "x" + image.h()
					+ " must be a multiple of the model's size multiple " + spec.sizeMultiple());
		}
		if (spec.channels() == image.c()) {
			return image;
		}
		if (spec.channels() == 1) {
			return new BatchShape(image.n() * image.c(), 1, image.h(), image.w());
		}
		throw new IllegalArgumentException("the model takes " + spec.channels() + " channels; the image has "
				+ image.c() + " (a one-channel model runs per channel)");
	}
}
