package org.fde.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.fde.kernel.ProjectionPrior;
import org.fde.score.GaussianScoreModel;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;

/**
 * Models without weights, for tests and smoke runs: the analytic {@link GaussianScoreModel} (power law, exponent
 * 1.5, pixel variance 0.05 on the signed range, one per image size) and a given kernel prior (by default the plain
 * projection), which also stands in for the PnP prior of the ablation.
 */
public final class AnalyticModels implements ModelFactory {

	private final KernelPrior prior;
	private final Map<Long, GaussianScoreModel> models = new HashMap<>();

	public AnalyticModels() {
		this(new ProjectionPrior());
	}

	public AnalyticModels(KernelPrior prior) {
		this.prior = prior;
	}

	@Override
	public synchronized ScoreModel imagePrior(int h, int w) {
		return models.computeIfAbsent(((long) h << 32) | w, k -> GaussianScoreModel.powerLaw(h, w, 0, 0.05, 1.5));
	}

	@Override
	public KernelPrior kernelPrior() {
		return prior;
	}

	@Override
	public KernelPrior pnpKernelPrior() {
		return prior;
	}

	@Override
	public int sizeMultiple() {
		return 1;
	}

	@Override
	public String tag() {
		return "analytic-" + prior.name();
	}

	@Override
	public Map<String, String> versions() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("image prior", "analytic Gaussian power law (GaussianScoreModel, exponent 1.5, variance 0.05)");
		m.put("kernel prior", prior.name());
		return m;
	}

	@Override
	public void close() {
		models.clear();
	}
}
