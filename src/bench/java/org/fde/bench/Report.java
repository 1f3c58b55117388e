package org.fde.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.fde.metrics.ErrorRatio;

/**
 * Writes a run's report into a folder: {@value #MARKDOWN} (run information, Table 1 per protocol, Table 2 on the
 * effect of n, the ablation table and the figures), {@value #CSV} (every row) and the PNG figures ({@link Figures}).
 * Means are over the successful rows; failed rows are counted, and count as failures in the success rates.
 */
public final class Report {

	public static final String MARKDOWN = "report.md";
	public static final String CSV = "results.csv";
	/** The columns of Table 1. */
	public static final List<String> TABLE1_COLUMNS = List.of("method", "cases", "failed", "PSNR (dB)", "SSIM",
			"kernel MSE", "kernel MSE (aligned)", "reblur / value", "ratio <= 2", "ratio <= 3", "ratio <= 5",
			"time / image (s)", "peak heap (MiB)");

	private static final Pattern PARTICLES = Pattern.compile("fem-pigdm-n(\\d+)");

	private Report() {
	}

	/**
	 * @param out     the report folder
	 * @param info    run information
	 * @param rows    every row of the run
	 * @param methods the deblurring methods, in table order
	 * @param cache   where the per-result images are (for Figure 3)
	 * @param casesDir where the cases' sharp and observed images are
	 */
	public static void write(Path out, RunInfo info, List<MetricRow> rows, List<Method> methods, ResultCache cache,
			Path casesDir) throws IOException {
		write(out, info, rows, methods, cache, casesDir, false);
	}

	/**
	 * As {@link #write(Path, RunInfo, List, List, ResultCache, Path)}; with {@code publish}, the figures that show
	 * pixels of the data folder's images (Figure 3's grids, Figure 2's x&#770;0 strip) are left out, so that the
	 * report can be committed: the data's terms allow no crops or copies of its images in the repository.
	 */
	public static void write(Path out, RunInfo info, List<MetricRow> rows, List<Method> methods, ResultCache cache,
			Path casesDir, boolean publish) throws IOException {
		Files.createDirectories(out);
		StringBuilder csv = new StringBuilder(String.join(",", MetricRow.COLUMNS)).append('\n');
		for (MetricRow r : rows) {
			csv.append(r.csv()).append('\n');
		}
		Files.writeString(out.resolve(CSV), csv.toString(), StandardCharsets.UTF_8);

		StringBuilder md = new StringBuilder();
		md.append("# Fast Diffusion EM benchmark (preset ").append(info.preset()).append(")\n\n");
		md.append("| run | |\n|---|---|\n");
		row(md, "started", info.started());
		row(md, "command", "`" + info.command() + "`");
		row(md, "seed", Long.toString(info.seed()));
		row(md, "diffusion steps", Integer.toString(info.steps()));
		row(md, "Diffusion EM outer iterations L", Integer.toString(info.outer()));
		row(md, "commit", info.commit());
		row(md, "machine", info.machine());
		info.models().forEach((k, v) -> row(md, k, v));
		row(md, "wall time", String.format(Locale.ROOT, "%.1f s (this invocation; cached results cost nothing)",
				info.wallSeconds()));
		md.append('\n');
		for (String n : info.notes()) {
			md.append("- ").append(n).append('\n');
		}
		if (!info.notes().isEmpty()) {
			md.append('\n');
		}
		md.append("Metrics: PSNR (peak 1) and SSIM (Wang et al. 2004: 11x11 Gaussian window, sigma 1.5, K1 0.01, K2 0.03, "
				+ "data range 1), for P3 at the best shift within +-5 px over a 15 px crop; kernel MSE per pixel on "
				+ "sum-1 kernels, plain and after the best integer shift within +-size/4; reblur loss "
				+ "(||k*x - y||^2 - sigma^2 M)/M (paper eq. 34, per measured value); Levin's error ratio with his sparse "
				+ "deconvolution (derivative exponent 0.8, weight 0.0068, 70 CG iterations per pass) as the common "
				+ "non-blind deconvolution, success = ratio <= 2, 3, 5 (the same ratio with Wiener as the reference, the "
				+ "benchmark's earlier reference, is in the CSV as error_ratio_wiener); "
				+ "time per image; peak JVM heap (upper bound, excludes native PyTorch memory).\n\n");

		List<String> order = methods.stream().map(Method::name).collect(Collectors.toList());
		Set<String> protocols = new LinkedHashSet<>();
		for (MetricRow r : rows) {
			protocols.add(r.protocol());
		}
		int table = 1;
		for (String p : protocols) {
			if (p.equals(Protocol.F4.name())) {
				continue;
			}
			List<MetricRow> pr = rows.stream().filter(r -> r.protocol().equals(p)).collect(Collectors.toList());
			md.append("## Table 1").append(table == 1 ? "" : "." + table).append(" - ").append(p).append(": ")
					.append(Protocol.valueOf(p).description()).append("\n\n");
			table++;
			table1(md, pr, order);
			if (p.equals(Protocol.P5.name())) {
				SigmaTable.write(md, p, pr, order);
			}
		}
		table2(md, rows, protocols);
		if (publish) {
			md.append("Published version: the figures that show pixels of the data folder's images (Figure 3's grids, "
					+ "Figure 2's x^0 strip) are left out, because the data may not be copied into the repository; "
					+ "the same command without `--publish` writes them locally.\n\n");
		}
		Figures.Written figs = Figures.write(out, rows, order, cache, methods, casesDir, publish);
		for (Map.Entry<String, String> f : figs.figures().entrySet()) {
			md.append("## ").append(f.getValue()).append("\n\n![").append(f.getValue()).append("](").append(f.getKey())
					.append(")\n\n");
		}
		if (protocols.contains(Protocol.F4.name())) {
			ablationTable(md, rows.stream().filter(r -> r.protocol().equals(Protocol.F4.name())).collect(Collectors.toList()));
		}
		Files.writeString(out.resolve(MARKDOWN), md.toString(), StandardCharsets.UTF_8);
	}

	private static void row(StringBuilder md, String k, String v) {
		md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n");
	}

	private static void header(StringBuilder md, List<String> cols) {
		md.append("| ").append(String.join(" | ", cols)).append(" |\n|");
		for (int i = 0; i < cols.size(); i++) {
			md.append(i == 0 ? "---|" : "---:|");
		}
		md.append('\n');
	}

	static void table1(StringBuilder md, List<MetricRow> rows, List<String> order) {
		header(md, TABLE1_COLUMNS);
		for (String m : orderedMethods(rows, order)) {
			List<MetricRow> mr = rows.stream().filter(r -> r.method().equals(m)).collect(Collectors.toList());
			List<MetricRow> ok = mr.stream().filter(MetricRow::ok).collect(Collectors.toList());
			boolean blind = ok.stream().anyMatch(r -> !Double.isNaN(r.errorRatio()));
			double[] ratios = mr.stream().mapToDouble(MetricRow::errorRatio).toArray();
			List<String> cells = new ArrayList<>();
			cells.add(m);
			cells.add(Integer.toString(ok.size()));
			cells.add(Integer.toString(mr.size() - ok.size()));
			cells.add(fmt(mean(ok, MetricRow::psnr), "%.2f"));
			cells.add(fmt(mean(ok, MetricRow::ssim), "%.3f"));
			cells.add(fmt(mean(ok, MetricRow::kernelMse), "%.2e"));
			cells.add(fmt(mean(ok, MetricRow::kernelMseAligned), "%.2e"));
			cells.add(fmt(mean(ok, MetricRow::reblur), "%.2e"));
			for (double t : ErrorRatio.THRESHOLDS) {
				cells.add(blind ? fmt(100 * ErrorRatio.successRate(ratios, t), "%.0f%%") : "-");
			}
			cells.add(fmt(mean(ok, MetricRow::seconds), "%.2f"));
			cells.add(fmt(mean(ok, MetricRow::peakMemoryMb), "%.0f"));
			md.append("| ").append(String.join(" | ", cells)).append(" |\n");
		}
		md.append('\n');
	}

	static void table2(StringBuilder md, List<MetricRow> rows, Set<String> protocols) {
		List<String> lines = new ArrayList<>();
		for (String p : protocols) {
			Map<Integer, List<MetricRow>> byN = new LinkedHashMap<>();
			rows.stream().filter(r -> r.protocol().equals(p) && r.ok()).forEach(r -> {
				Matcher m = PARTICLES.matcher(r.method());
				if (m.matches()) {
					byN.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(r);
				}
			});
			byN.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
				List<MetricRow> l = e.getValue();
				lines.add(String.join(" | ", p, Integer.toString(e.getKey()), Integer.toString(l.size()),
						fmt(mean(l, MetricRow::psnr), "%.2f"), fmt(mean(l, MetricRow::psnrMean), "%.2f"),
						fmt(mean(l, MetricRow::kernelMse), "%.2e"), fmt(mean(l, MetricRow::kernelMseAligned), "%.2e"),
						fmt(mean(l, MetricRow::seconds), "%.2f")));
			});
		}
		if (lines.isEmpty()) {
			return;
		}
		md.append("## Table 2 - effect of the number of particles n (Fast EM, PiGDM)\n\n");
		header(md, List.of("protocol", "n", "cases", "PSNR (dB)", "PSNR of the particle average (dB)", "kernel MSE",
				"kernel MSE (aligned)", "time / image (s)"));
		for (String l : lines) {
			md.append("| ").append(l).append(" |\n");
		}
		md.append('\n');
	}

	/**
	 * Figure 4's tables: mean kernel MSE per prior and noise level, each prior at the best (&beta;, &lambda;) of its
	 * grid for that level; then the same with &beta; held at the paper's 1e5 (&lambda; tuned), with the paper's PnP
	 * setting (&lambda; = 1) untuned for reference; the grids; and, for each PnP prior and table, whether it beats every
	 * other tuned prior at each &sigma; &gt; 0.
	 */
	static void ablationTable(StringBuilder md, List<MetricRow> rows) {
		md.append("## Figure 4 - kernel-prior ablation: mean kernel MSE from a KNOWN sharp image\n\n");
		md.append("The M-step alone (").append(KernelPriorMethod.ITERATIONS).append(" HQS iterations from a delta) "
				+ "with the known sharp image. Each prior at the best setting of its grid for each noise level, chosen "
				+ "on these same images (oracle tuning, the same rule for every prior). pnp: the paper's level "
				+ "sqrt(lambda/beta); pnp-data: level sqrt(lambda) x the noise std the data step leaves in the kernel. "
				+ "[edge]: the choice is on the edge of the grid (the optimum may lie outside); [lambda 0]: lambda = 0 "
				+ "was best (l1, l2: projection only; PnP: the network at level 0).\n\n");
		md.append("### Tuned over (lambda, beta)\n\n");
		Map<String, Map<Double, AblationResults.Best>> best = AblationResults.best(rows);
		table(md, best, Map.of());
		md.append("### At the paper's beta = ").append(AblationResults.number(KernelPriorMethod.BETA))
				.append(", lambda tuned\n\n");
		Map<String, Map<Double, AblationResults.Best>> paperBeta = AblationResults.best(rows, KernelPriorMethod.BETA);
		Map<Double, AblationResults.Best> paper = AblationResults.fixed(rows, "pnp", KernelPriorMethod.BETA, 1.0);
		table(md, paperBeta, paper.isEmpty() ? Map.of() : Map.of("pnp, paper's lambda 1 (not tuned)", paper));
		md.append("Grids:\n\n");
		for (AblationGrid g : Methods.ablationGrids()) {
			md.append("- ").append(g.describe()).append('\n');
		}
		md.append('\n');
	}

	private static void table(StringBuilder md, Map<String, Map<Double, AblationResults.Best>> best,
			Map<String, Map<Double, AblationResults.Best>> extra) {
		Set<Double> sigmas = new java.util.TreeSet<>();
		best.values().forEach(m -> sigmas.addAll(m.keySet()));
		List<String> cols = new ArrayList<>();
		cols.add("prior");
		for (double s : sigmas) {
			cols.add(String.format(Locale.ROOT, "sigma = %.0f/255", s));
		}
		cols.add("images");
		header(md, cols);
		Map<String, Map<Double, AblationResults.Best>> all = new LinkedHashMap<>(best);
		all.putAll(extra);
		all.forEach((prior, m) -> {
			List<String> cells = new ArrayList<>();
			cells.add(prior);
			for (double s : sigmas) {
				AblationResults.Best b = m.get(s);
				cells.add(b == null ? "-" : b.cell());
			}
			cells.add(Integer.toString(m.values().stream().mapToInt(AblationResults.Best::images).max().orElse(0)));
			md.append("| ").append(String.join(" | ", cells)).append(" |\n");
		});
		md.append('\n');
		AblationResults.pnpWins(best).forEach((prior, wins) -> {
			md.append("- ").append(prior).append(" below every other tuned prior: ");
			List<String> parts = new ArrayList<>();
			wins.forEach((s, w) -> parts.add(String.format(Locale.ROOT, "sigma %.0f/255 %s", s, w ? "yes" : "NO")));
			md.append(String.join(", ", parts)).append('\n');
		});
		md.append('\n');
	}

	static List<String> orderedMethods(List<MetricRow> rows, List<String> order) {
		Set<String> present = rows.stream().map(MetricRow::method).collect(Collectors.toCollection(LinkedHashSet::new));
		List<String> out = new ArrayList<>();
		for (String m : order) {
			if (present.remove(m)) {
				out.add(m);
			}
		}
		out.addAll(present);
		return out;
	}

	static double mean(List<MetricRow> rows, ToDoubleFunction<MetricRow> f) {
		double s = 0;
		int n = 0;
		for (MetricRow r : rows) {
			double v = f.applyAsDouble(r);
			if (Double.isFinite(v)) {
				s += v;
				n++;
			}
		}
		return n == 0 ? Double.NaN : s / n;
	}

	static String fmt(double v, String f) {
		return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, f, v);
	}
}
