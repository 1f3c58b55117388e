package org.fde.sampler;

import java.util.random.RandomGenerator;

import org.fde.schedule.RespacedSchedule;

/** One reverse-diffusion step x_k &rarr; x_{k&minus;1} from the clipped x&#770;0 (signed range). */
public interface Sampler {

	/**
	 * @param s        the respaced schedule
	 * @param k        step index (K&minus;1 down to 0)
	 * @param xt       current x_k (not modified)
	 * @param x0       clipped x&#770;0 at this step
	 * @param rng      the noise source (not used at k = 0)
	 * @return the un-guided sample for step k&minus;1
	 */
	float[] step(RespacedSchedule s, int k, float[] xt, float[] x0, RandomGenerator rng);

	/** DDPM ancestral sampling with the "fixed small" variance (the paper's sampler). */
	static Sampler ddpm() {
		return new Ddpm();
	}
}
