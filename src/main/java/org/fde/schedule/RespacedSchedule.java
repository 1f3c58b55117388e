package org.fde.schedule;

/**
 * A respaced chain of K steps (index k = 0..K&minus;1, sampled from K&minus;1 down to 0) over retained original
 * timesteps m(k), with &beta;'_k = 1 &minus; &alpha;&#772;_{m(k)}/&alpha;&#772;_{m(k&minus;1)} and
 * &alpha;&#772;_{m(&minus;1)} := 1 (ALGORITHM.md &sect;2). Immutable.
 */
public final class RespacedSchedule {

	private final int[] timesteps;
	private final double[] betas;
	private final double[] alphaBar;
	private final double[] alphaBarPrev;

	RespacedSchedule(NoiseSchedule base, int[] timesteps) {
		this.timesteps = timesteps.clone();
		int k = timesteps.length;
		betas = new double[k];
		alphaBar = new double[k];
		alphaBarPrev = new double[k];
		double last = 1.0;
		for (int i = 0; i < k; i++) {
			double ab = base.alphaBar(timesteps[i]);
			alphaBar[i] = ab;
			alphaBarPrev[i] = last;
			betas[i] = 1.0 - ab / last;
			last = ab;
		}
	}

	/** Number of sampling steps K. */
	public int length() {
		return timesteps.length;
	}

	/** The original timestep m(k) given to the network (no rescaling). */
	public int timestep(int k) {
		return timesteps[k];
	}

	public int[] timesteps() {
		return timesteps.clone();
	}

	/** &beta;'_k. */
	public double beta(int k) {
		return betas[k];
	}

	/** &alpha;&#772;_k of the respaced chain. */
	public double alphaBar(int k) {
		return alphaBar[k];
	}

	/** &alpha;&#772;_{k&minus;1} (1 at k = 0). */
	public double alphaBarPrev(int k) {
		return alphaBarPrev[k];
	}

	/** Posterior variance &beta;&#771;_k = &beta;'_k (1 &minus; &alpha;&#772;_{k&minus;1})/(1 &minus; &alpha;&#772;_k) ("fixed small"). */
	public double posteriorVariance(int k) {
		return betas[k] * (1.0 - alphaBarPrev[k]) / (1.0 - alphaBar[k]);
	}

	/** Coefficient of x&#770;0 in the posterior mean: &beta;'_k sqrt(&alpha;&#772;_{k&minus;1})/(1 &minus; &alpha;&#772;_k). */
	public double posteriorMeanCoefX0(int k) {
		return betas[k] * Math.sqrt(alphaBarPrev[k]) / (1.0 - alphaBar[k]);
	}

	/** Coefficient of x_t in the posterior mean: (1 &minus; &alpha;&#772;_{k&minus;1}) sqrt(1 &minus; &beta;'_k)/(1 &minus; &alpha;&#772;_k). */
	public double posteriorMeanCoefXt(int k) {
		return (1.0 - alphaBarPrev[k]) * Math.sqrt(1.0 - betas[k]) / (1.0 - alphaBar[k]);
	}

	/**
	 * &Pi;GDM's v_k = ((1 &minus; &alpha;&#772;_{k&minus;1})/(1 &minus; &alpha;&#772;_k))(1 &minus;
	 * &alpha;&#772;_k/&alpha;&#772;_{k&minus;1}) (ALGORITHM.md &sect;3 step 2), which equals the posterior variance.
	 */
	public double pigdmV(int k) {
		return ((1.0 - alphaBarPrev[k]) / (1.0 - alphaBar[k])) * (1.0 - alphaBar[k] / alphaBarPrev[k]);
	}

	/** r_k&sup2; = v/(1 + v). */
	public double pigdmR2(int k) {
		double v = pigdmV(k);
		return v / (1.0 + v);
	}

	/** Step weight w_k = sqrt(&alpha;&#772;_k) r_k&sup2; sqrt(1/(1 + v)) (ALGORITHM.md &sect;3 step 5). */
	public double pigdmWeight(int k) {
		double v = pigdmV(k);
		return Math.sqrt(alphaBar[k]) * (v / (1.0 + v)) * Math.sqrt(1.0 / (1.0 + v));
	}
}
