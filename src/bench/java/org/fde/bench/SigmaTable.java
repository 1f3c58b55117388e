package org.fde.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * P5's report section: mean PSNR per noise level and method, then issue 31's three checks of the hybrid, once on the
 * diffusion runs' samples ({@code fem-hybrid} against {@code fem-pigdm-n1}, {@code classical-l0} and
 * {@code nonblind-pigdm}) and once on the faithful estimates ({@code fem-hybrid-faithful} against
 * {@code fem-faithful}, {@code classical-l0} and {@code nonblind-faithful}), where those methods ran.
 */
final class SigmaTable {

	/** At &sigma; &le; this (1/255) the hybrid must lead by {@link #LEAD} dB. */
	static final double LOW_NOISE_255 = 2.55;
	static final double LEAD = 0.5;
	/** At &sigma; &ge; this (1/255) the hybrid may trail Fast EM by {@link #SLACK} dB at most. */
	static final double HIGH_NOISE_255 = 5;
	static final double SLACK = 0.1;
	/** At every &sigma; the hybrid is within this many dB of the non-blind run. */
	static final double BOUND_GAP = 1.5;

	private SigmaTable() {
	}

	/** Appends the table and the checks for one protocol's rows. */
	static void write(StringBuilder md, String protocol, List<MetricRow> rows, List<String> order) {
		TreeSet<Double> sigmas = rows.stream().map(r -> round(r.sigma255())).collect(Collectors.toCollection(TreeSet::new));
		md.append("### ").append(protocol).append(": mean PSNR (dB) per noise level (cases in brackets)\n\n");
		md.append("| method |");
		for (double s : sigmas) {
			md.append(String.format(Locale.ROOT, " sigma %s/255 |", P5Cases.sigmaLabel(s)));
		}
		md.append("\n|---|");
		sigmas.forEach(s -> md.append("---:|"));
		md.append('\n');
		for (String m : Report.orderedMethods(rows, order)) {
			md.append("| ").append(m).append(" |");
			for (double s : sigmas) {
				List<MetricRow> ok = select(rows, m, s);
				md.append(ok.isEmpty() ? " - |" : String.format(Locale.ROOT, " %.2f (%d) |", Report.mean(ok,
						MetricRow::psnr), ok.size()));
			}
			md.append('\n');
		}
		md.append('\n');
		List<String> checks = new ArrayList<>();
		checks(checks, rows, sigmas, "samples", "fem-hybrid", "fem-pigdm-n1", "nonblind-pigdm");
		checks(checks, rows, sigmas, "faithful estimates", "fem-hybrid-faithful", "fem-faithful", "nonblind-faithful");
		if (!checks.isEmpty()) {
			md.append("Issue 31's checks (means over the cases of each level that every compared method finished):\n\n");
			checks.forEach(l -> md.append("- ").append(l).append('\n'));
			md.append('\n');
		}
	}

	/** The three checks at each level, or nothing when a method of the set did not run. */
	static void checks(List<String> out, List<MetricRow> rows, Iterable<Double> sigmas, String what, String hybrid,
			String fem, String nonblind) {
		String classical = "classical-l0";
		for (String m : List.of(hybrid, fem, classical, nonblind)) {
			if (rows.stream().noneMatch(r -> r.method().equals(m) && r.ok())) {
				return;
			}
		}
		for (double s : sigmas) {
			List<String> cases = common(rows, s, List.of(hybrid, fem, classical, nonblind));
			if (cases.isEmpty()) {
				continue;
			}
			double h = mean(rows, hybrid, s, cases);
			double f = mean(rows, fem, s, cases);
			double c = mean(rows, classical, s, cases);
			double nb = mean(rows, nonblind, s, cases);
			String head = String.format(Locale.ROOT, "%s, sigma %s/255 (%d cases): %s %.2f", what, P5Cases.sigmaLabel(s),
					cases.size(), hybrid, h);
			List<String> parts = new ArrayList<>();
			if (s <= LOW_NOISE_255 + 1e-9) {
				double better = Math.max(f, c);
				parts.add(String.format(Locale.ROOT, "%s by %+.2f dB over the better of %s %.2f and %s %.2f (needs "
						+ ">= %.1f)", verdict(h - better >= LEAD), h - better, fem, f, classical, c, LEAD));
			}
			if (s >= HIGH_NOISE_255 - 1e-9) {
				parts.add(String.format(Locale.ROOT, "%s: %+.2f dB against %s %.2f (needs >= -%.1f)", verdict(h - f
						>= -SLACK), h - f, fem, f, SLACK));
			}
			parts.add(String.format(Locale.ROOT, "%s: %.2f dB below %s %.2f (needs <= %.1f)", verdict(nb - h
					<= BOUND_GAP), nb - h, nonblind, nb, BOUND_GAP));
			out.add(head + "; " + String.join("; ", parts));
		}
	}

	private static String verdict(boolean met) {
		return met ? "MET" : "MISSED";
	}

	/** The ids of the cases at level s where every one of the methods has a successful row. */
	static List<String> common(List<MetricRow> rows, double s, List<String> methods) {
		List<String> ids = select(rows, methods.get(0), s).stream().map(MetricRow::caseId).collect(Collectors.toList());
		for (String m : methods.subList(1, methods.size())) {
			List<String> has = select(rows, m, s).stream().map(MetricRow::caseId).collect(Collectors.toList());
			ids.retainAll(has);
		}
		return ids;
	}

	private static double mean(List<MetricRow> rows, String m, double s, List<String> cases) {
		return Report.mean(select(rows, m, s).stream().filter(r -> cases.contains(r.caseId())).collect(Collectors
				.toList()), MetricRow::psnr);
	}

	private static List<MetricRow> select(List<MetricRow> rows, String m, double s) {
		return rows.stream().filter(r -> r.method().equals(m) && r.ok() && round(r.sigma255()) == s).collect(
				Collectors.toList());
	}

	/** The level to two decimals (the rows store &sigma; &times; 255 as computed). */
	static double round(double sigma255) {
		return Math.round(sigma255 * 100) / 100.0;
	}
}
