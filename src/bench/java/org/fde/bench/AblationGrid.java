package org.fde.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.fde.kernel.PriorLevel;
import org.fde.score.KernelPrior;

/**
 * One prior's tuning grid in the kernel-prior ablation (protocol F4): every HQS penalty &beta; with every weight.
 * The weight is &lambda;/&beta; ({@code ratio}: the soft threshold of &ell;1, the squared level of the paper's PnP,
 * the filter strength of &ell;2) or &lambda; itself (the data-noise level's factor). The report picks the best
 * (&beta;, &lambda;) per noise level and flags a choice on the grid's edge.
 *
 * @param label     the prior's label in tables
 * @param levelMode the level told to the prior
 * @param betas     the &beta; values
 * @param weights   the weights, ascending, 1-2-5 values (the method names write one significant digit)
 * @param ratio     whether a weight is &lambda;/&beta; (else &lambda;)
 */
public record AblationGrid(String label, PriorLevel levelMode, List<Double> betas, List<Double> weights,
		boolean ratio) {

	public AblationGrid {
		betas = List.copyOf(betas);
		weights = List.copyOf(weights);
		if (betas.isEmpty() || weights.isEmpty()) {
			throw new IllegalArgumentException("empty ablation grid for " + label);
		}
		for (int i = 1; i < weights.size(); i++) {
			if (!(weights.get(i) > weights.get(i - 1))) {
				throw new IllegalArgumentException("the weights of " + label + " must be ascending: " + weights);
			}
		}
	}

	/** The grid's estimators, &beta; by &beta;. */
	public List<KernelPriorMethod> methods(KernelPrior prior) {
		List<KernelPriorMethod> out = new ArrayList<>();
		for (double b : betas) {
			for (double w : weights) {
				out.add(new KernelPriorMethod(label, prior, ratio ? w * b : w, b, levelMode));
			}
		}
		return out;
	}

	/** One line for the report. */
	public String describe() {
		return String.format(Locale.ROOT, "%s: beta in {%s} x %s in {%s}%s", label, join(betas),
				ratio ? "lambda/beta" : "lambda", join(weights),
				levelMode == PriorLevel.DATA_NOISE ? " (level sqrt(lambda) x the data step's noise std)" : "");
	}

	private static String join(List<Double> v) {
		return v.stream().map(x -> x == 0 ? "0" : String.format(Locale.ROOT, "%.0e", x).replace("e+0", "e").replace("e-0", "e-"))
				.collect(Collectors.joining(", "));
	}
}
