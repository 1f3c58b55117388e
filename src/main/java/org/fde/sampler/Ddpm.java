package org.fde.sampler;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.fde.parallel.Chunks;

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
		SplittableRandom[] noise = sd > 0 ? Chunks.streams(out.length, rng) : null; // one stream per chunk
		Chunks.forEachChunk(out.length, (c, from, to) -> {
			for (int i = from; i < to; i++) {
				double v = c1 * x0[i] + c2 * xt[i];
				if (noise != null) {
					v += sd * noise[c].nextGaussian();
				}
				out[i] = (float) v;
			}
		});
		return out;
	}

	@Override
	public String toString() {
		return "ddpm";
	}
}
