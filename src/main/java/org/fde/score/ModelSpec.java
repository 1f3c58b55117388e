package org.fde.score;

/**
 * What an image-prior model accepts (the numeric part of its model card).
 *
 * @param name          model name, for logs and result metadata
 * @param channels      image channels the network takes (1 = gray; colour runs per channel)
 * @param sizeMultiple  height and width must be multiples of this
 * @param trainingSteps T of the linear training schedule (the timestep range is 0..T-1)
 * @param betaStart     first beta of the linear schedule
 * @param betaEnd       last beta of the linear schedule
 */
public record ModelSpec(String name, int channels, int sizeMultiple, int trainingSteps, double betaStart,
		double betaEnd) {

	public ModelSpec {
		if (channels < 1 || sizeMultiple < 1 || trainingSteps < 2) {
			throw new IllegalArgumentException("invalid model spec: channels=" + channels + ", sizeMultiple="
					+ sizeMultiple + ", T=" + trainingSteps);
		}
	}

	/** The linear schedule of the paper: betas 1e-4..0.02 over T = 1000. */
	public static ModelSpec linear1000(String name, int channels, int sizeMultiple) {
		return new ModelSpec(name, channels, sizeMultiple, 1000, 1e-4, 0.02);
	}
}
