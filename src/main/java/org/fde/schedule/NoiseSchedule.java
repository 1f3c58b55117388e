package org.fde.schedule;

/**
 * The training noise schedule of the diffusion model (ALGORITHM.md &sect;2): linear betas over T steps, computed once
 * in double precision. &alpha;_i = 1 &minus; &beta;_i, &alpha;&#772;_i = &prod;_{j&le;i} &alpha;_j.
 */
public final class NoiseSchedule {

	private final double[] betas;
	private final double[] alphasCumprod;

	private NoiseSchedule(double[] betas) {
		this.betas = betas;
		this.alphasCumprod = new double[betas.length];
		double p = 1.0;
		for (int i = 0; i < betas.length; i++) {
			p *= 1.0 - betas[i];
			alphasCumprod[i] = p;
		}
	}

	/** &beta;_i = linspace(betaStart, betaEnd, T), as numpy.linspace in float64. */
	public static NoiseSchedule linear(int steps, double betaStart, double betaEnd) {
		if (steps < 2) {
			throw new IllegalArgumentException("schedule steps must be >= 2, got " + steps);
		}
		if (!(betaStart > 0 && betaStart < betaEnd && betaEnd < 1)) {
			throw new IllegalArgumentException("need 0 < betaStart < betaEnd < 1, got " + betaStart + ", " + betaEnd);
		}
		double[] b = new double[steps];
		double delta = (betaEnd - betaStart) / (steps - 1);
		for (int i = 0; i < steps; i++) {
			b[i] = betaStart + i * delta;
		}
		b[steps - 1] = betaEnd;
		return new NoiseSchedule(b);
	}

	/** The paper's schedule: linear 1e-4..0.02 over T = 1000. */
	public static NoiseSchedule paper() {
		return linear(1000, 1e-4, 0.02);
	}

	public int length() {
		return betas.length;
	}

	public double beta(int i) {
		return betas[i];
	}

	public double alphaBar(int i) {
		return alphasCumprod[i];
	}

	/**
	 * &alpha;&#772; at a continuous timestep, by log-linear interpolation between the integer steps (used by one-step
	 * denoising at an arbitrary noise level).
	 */
	public double alphaBarAt(double t) {
		if (t <= 0) {
			return alphasCumprod[0];
		}
		if (t >= betas.length - 1) {
			return alphasCumprod[betas.length - 1];
		}
		int i = (int) Math.floor(t);
		double f = t - i;
		return Math.exp((1 - f) * Math.log(alphasCumprod[i]) + f * Math.log(alphasCumprod[i + 1]));
	}

	/**
	 * The continuous timestep whose &alpha;&#772; gives x_t/sqrt(&alpha;&#772;) = x0 + s&middot;&epsilon; with noise
	 * standard deviation {@code s} on the model's [&minus;1, 1] scale, i.e. (1 &minus; &alpha;&#772;)/&alpha;&#772;
	 * = s&sup2;.
	 */
	public double timestepForNoise(double s) {
		double target = 1.0 / (1.0 + s * s);
		if (target >= alphasCumprod[0]) {
			return 0;
		}
		for (int i = 1; i < betas.length; i++) {
			if (alphasCumprod[i] <= target) {
				double la = Math.log(alphasCumprod[i - 1]);
				double lb = Math.log(alphasCumprod[i]);
				return i - 1 + (la - Math.log(target)) / (la - lb);
			}
		}
		return betas.length - 1;
	}

	/**
	 * Respacing as the official code's {@code space_timesteps} with one section (ALGORITHM.md &sect;2): retained
	 * indices round(c) for c = 0, s, 2s, ... accumulated as a double sum, s = (T&minus;1)/(steps&minus;1), round half to
	 * even; new betas from the retained &alpha;&#772;.
	 */
	public RespacedSchedule respace(int steps) {
		int total = betas.length;
		if (steps < 2 || steps > total) {
			throw new IllegalArgumentException("steps must be in [2, " + total + "], got " + steps);
		}
		int[] kept = new int[steps];
		if (steps == total) {
			for (int i = 0; i < total; i++) {
				kept[i] = i;
			}
		} else {
			double stride = (total - 1) / (double) (steps - 1);
			double cur = 0;
			for (int i = 0; i < steps; i++) {
				kept[i] = (int) Math.rint(cur);
				cur += stride;
			}
		}
		return new RespacedSchedule(this, kept);
	}
}
