package org.fde.sampler;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.fde.parallel.Chunks;

import org.fde.schedule.RespacedSchedule;

/**
 * DDIM step (Song et al. 2021, eq. 12) with &eta;: &epsilon;' = (x_t &minus; sqrt(&alpha;&#772;) x&#770;0)/sqrt(1
 * &minus; &alpha;&#772;), &sigma; = &eta; sqrt((1 &minus; &alpha;&#772;')/(1 &minus; &alpha;&#772;)) sqrt(1 &minus;
 * &alpha;&#772;/&alpha;&#772;'), x' = sqrt(&alpha;&#772;') x&#770;0 + sqrt(1 &minus; &alpha;&#772;' &minus; &sigma;&sup2;)
 * &epsilon;' + &sigma; z.
 */
final class Ddim implements Sampler {

	private final double eta;

	Ddim(double eta) {
		if (!(eta >= 0 && eta <= 1)) {
			throw new IllegalArgumentException("eta must be in [0, 1], got " + eta);
		}
		this.eta = eta;
	}

	@Override
	public float[] step(RespacedSchedule s, int k, float[] xt, float[] x0, RandomGenerator rng) {
		double ab = s.alphaBar(k);
		double abp = s.alphaBarPrev(k);
		double sigma = k > 0 ? eta * Math.sqrt((1 - abp) / (1 - ab)) * Math.sqrt(1 - ab / abp) : 0.0;
		double dir = Math.sqrt(Math.max(0, 1 - abp - sigma * sigma));
		double sa = Math.sqrt(ab);
		double sb = Math.sqrt(1 - ab);
		double sap = Math.sqrt(abp);
		float[] out = new float[xt.length];
		SplittableRandom[] noise = sigma > 0 ? Chunks.streams(out.length, rng) : null; // one stream per chunk
		Chunks.forEachChunk(out.length, (c, from, to) -> {
			for (int i = from; i < to; i++) {
				double eps = (xt[i] - sa * x0[i]) / sb;
				double v = sap * x0[i] + dir * eps;
				if (noise != null) {
					v += sigma * noise[c].nextGaussian();
				}
				out[i] = (float) v;
			}
		});
		return out;
	}

	@Override
	public String toString() {
		return "ddim(eta=" + eta + ")";
	}
}
