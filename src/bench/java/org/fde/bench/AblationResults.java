package org.fde.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel-prior ablation's results (protocol F4, Figure 4): for each prior and noise level, the (&beta;, &lambda;)
 * of its grid with the lowest mean kernel MSE over the images (oracle tuning: chosen on the images it is scored on,
 * the same rule for every prior), and whether that choice sits on the edge of the grid that was run.
 */
final class AblationResults {

	/** {@code kp-<label>-b<beta>-l<lambda>} ({@link KernelPriorMethod#name()}). */
	private static final Pattern NAME = Pattern.compile("kp-([a-z0-9-]+)-b([0-9.e+-]+)-l([0-9.e+-]+)");

	private AblationResults() {
	}

	/**
	 * A prior's best setting at one noise level.
	 *
	 * @param prior  the prior's label
	 * @param sigma255 the noise level in 1/255
	 * @param mse    the mean kernel MSE at the chosen setting
	 * @param beta   the chosen &beta;
	 * @param lambda the chosen &lambda;
	 * @param images the images the mean is over
	 * @param edge   whether the choice is the largest &lambda; run at that &beta;, the smallest when it is not 0, or
	 *               the smallest or largest of several &beta;: the grid may not hold the optimum
	 */
	record Best(String prior, double sigma255, double mse, double beta, double lambda, int images, boolean edge) {

		/** &lambda; = 0 (&ell;1, &ell;2: projection only; PnP: the network at level 0). */
		boolean off() {
			return lambda == 0;
		}

		/** "MSE (lambda L, beta B)" with " [lambda 0]" or " [edge]". */
		String cell() {
			return String.format(Locale.ROOT, "%.2e (lambda %s, beta %s)%s", mse, lambda == 0 ? "0" : number(lambda),
					number(beta), off() ? " [lambda 0]" : edge ? " [edge]" : "");
		}
	}

	/** A number with one significant digit, as in the method names: 1e05, 2e-03, 0e00. */
	static String number(double v) {
		return String.format(Locale.ROOT, "%.0e", v).replace("+", "");
	}

	/** prior &rarr; (&sigma;/255 &rarr; best setting), priors in the order first seen, &sigma; ascending. */
	static Map<String, Map<Double, Best>> best(List<MetricRow> rows) {
		return best(rows, Double.NaN);
	}

	/**
	 * The mean kernel MSE of one fixed setting (no tuning), &sigma;/255 &rarr; mean; empty if it was not run.
	 *
	 * @return a {@link Best} per noise level, never on an edge
	 */
	static Map<Double, Best> fixed(List<MetricRow> rows, String prior, double beta, double lambda) {
		String name = "kp-" + prior + "-b" + number(beta) + "-l" + number(lambda);
		Map<Double, List<Double>> bySigma = new TreeMap<>();
		for (MetricRow r : rows) {
			if (r.method().equals(name) && r.ok() && Double.isFinite(r.kernelMse())) {
				bySigma.computeIfAbsent((double) Math.round(r.sigma255()), k -> new ArrayList<>()).add(r.kernelMse());
			}
		}
		Map<Double, Best> out = new TreeMap<>();
		bySigma.forEach((s, v) -> out.put(s, new Best(prior, s, v.stream().mapToDouble(Double::doubleValue).average()
				.orElse(Double.NaN), beta, lambda, v.size(), false)));
		return out;
	}

	/**
	 * As {@link #best(List)}, restricted to one &beta; ({@code onlyBeta}; NaN: every &beta; run).
	 */
	static Map<String, Map<Double, Best>> best(List<MetricRow> rows, double onlyBeta) {
		// prior -> sigma -> beta -> lambda -> kernel MSEs
		Map<String, Map<Double, Map<Double, Map<Double, List<Double>>>>> acc = new LinkedHashMap<>();
		for (MetricRow r : rows) {
			Matcher m = NAME.matcher(r.method());
			if (!m.matches() || !r.ok() || !Double.isFinite(r.kernelMse())
					|| !Double.isNaN(onlyBeta) && Double.parseDouble(m.group(2)) != Double.parseDouble(number(onlyBeta))) {
				continue;
			}
			acc.computeIfAbsent(m.group(1), k -> new TreeMap<>())
					.computeIfAbsent((double) Math.round(r.sigma255()), k -> new TreeMap<>())
					.computeIfAbsent(Double.parseDouble(m.group(2)), k -> new TreeMap<>())
					.computeIfAbsent(Double.parseDouble(m.group(3)), k -> new ArrayList<>()).add(r.kernelMse());
		}
		Map<String, Map<Double, Best>> out = new LinkedHashMap<>();
		acc.forEach((prior, bySigma) -> bySigma.forEach((s, byBeta) -> {
			Best best = null;
			for (Map.Entry<Double, Map<Double, List<Double>>> b : byBeta.entrySet()) {
				for (Map.Entry<Double, List<Double>> l : b.getValue().entrySet()) {
					double mean = l.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
					if (best == null || mean < best.mse()) {
						best = new Best(prior, s, mean, b.getKey(), l.getKey(), l.getValue().size(), false);
					}
				}
			}
			TreeSet<Double> betas = new TreeSet<>(byBeta.keySet());
			TreeSet<Double> lambdas = new TreeSet<>(byBeta.get(best.beta()).keySet());
			boolean edge = betas.size() > 1 && (best.beta() == betas.first() || best.beta() == betas.last())
					|| best.lambda() == lambdas.last() || best.lambda() == lambdas.first() && best.lambda() > 0;
			out.computeIfAbsent(prior, k -> new TreeMap<>()).put(s, new Best(prior, s, best.mse(), best.beta(),
					best.lambda(), best.images(), edge));
		}));
		return out;
	}

	/**
	 * For each PnP prior (label starting with "pnp") and each noise level &gt; 0: whether its best mean kernel MSE is
	 * below the best of every non-PnP prior (the claim: lower than tuned &ell;1 and &ell;2 at every &sigma;
	 * &ge; 5). Priors missing at a level do not count.
	 *
	 * @return prior &rarr; (&sigma;/255 &rarr; wins)
	 */
	static Map<String, Map<Double, Boolean>> pnpWins(Map<String, Map<Double, Best>> best) {
		Map<String, Map<Double, Boolean>> out = new LinkedHashMap<>();
		best.forEach((prior, bySigma) -> {
			if (!prior.startsWith("pnp")) {
				return;
			}
			bySigma.forEach((s, b) -> {
				if (s <= 0) {
					return;
				}
				double others = Double.POSITIVE_INFINITY;
				for (Map.Entry<String, Map<Double, Best>> e : best.entrySet()) {
					Best o = e.getKey().startsWith("pnp") ? null : e.getValue().get(s);
					if (o != null) {
						others = Math.min(others, o.mse());
					}
				}
				out.computeIfAbsent(prior, k -> new TreeMap<>()).put(s, b.mse() < others);
			});
		});
		return out;
	}
}
