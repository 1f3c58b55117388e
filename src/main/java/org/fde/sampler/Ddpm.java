package org.fde.sampler;

import java.util.random.RandomGenerator;

import org.fde.schedule.RespacedSchedule;

/**
 * DDPM step in the x&#770;0-parameterised posterior-mean form (ALGORITHM.md &sect;2):
 * &mu; = c1 x&#770;0 + c2 x_t, sample = &mu; + sqrt(&beta;&#771;) z, no noise at k = 0.
 */
final class Ddpm implements Sampler {

	@Override
	public float[] step(RespacedSchedule s, int k, float[] xt, float[] x0, RandomGenerator rng) {
		double c1 = s.posteriorMeanCoefX0(k);
		double c2 = s.posteriorMeanCoefXt(k);
		double sd = k > 0 ? Math.sqrt(s.posteriorVariance(k)) : 0.0;
		float[] out = new float[xt.length];
		for (int i = 0; i < out.length; i++) {
			double v = c1 * x0[i] + c2 * xt[i];
			if (sd > 0) {
				v += sd * rng.nextGaussian();
			}
			out[i] = (float) v;
		}
		return out;
	}

	@Override
	public String toString() {
		return "ddpm";
	}
}
