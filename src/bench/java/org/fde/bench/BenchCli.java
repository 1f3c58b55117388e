package org.fde.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.fde.djl.DeviceChoice;
import org.fde.options.CommandLineOptions;
import org.fde.stack.ParameterRanges;

/**
 * The {@code bench} command:
 * {@code bench --preset smoke|quick|full --out DIR [--protocols P1,P2,P3,P4,P5,F4] [--methods a,b] [--limit N]
 * [--seed S] [--steps N] [--outer L] [--data DIR] [--device auto|cpu|gpu] [--model DIR] [--kernelmodel DIR]
 * [--prior-model pnp|l1|l2|projection] [--ensemble 1|2] [--em key=value,...] [--analytic] [--dry-run] [--publish] [--cached-only]}. Prints
 * progress and the report; writes report.md, results.csv, the figures and the per-result cache into DIR. Rerunning
 * with the same DIR reuses every cached result.
 * {@code --protocols F4} alone runs the kernel-prior ablation only (no deblurring method, no image prior):
 * {@code --preset full --protocols F4} is the 20-crop protocol.
 */
public final class BenchCli {

	public static final String USAGE = String.join("\n", //
			"usage: bench [--preset smoke|quick|full] [--out DIR] [--protocols P1,P2,P3,P4,P5,F4] [--methods m1,m2]",
			"             [--limit N] [--seed S] [--steps N] [--outer L] [--data ../shared/data]",
			"             [--device auto|cpu|gpu] [--model DIR] [--kernelmodel DIR] [--prior-model pnp|l1|l2|projection]",
			"             [--ensemble 1|2]   (2: the image prior's two-member rotation ensemble, twice the network cost)",
			"             [--em key=value,...]   (the diffusion methods' settings changed, for ablations; keys: "
					+ String.join(", ", EmOverrides.KEYS) + ")",
			"             [--analytic]   (analytic Gaussian image prior instead of the networks: smoke tests)",
			"             [--dry-run]    (list the cases and the work ahead, run nothing)",
			"             [--publish]    (leave out the figures that show the data's pixels: for a committed report)",
			"             [--cached-only]   (compute nothing: the report of the results cached in DIR so far)",
			"--protocols F4 alone: the kernel-prior ablation only (no image prior); --preset full: 20 crops",
			"methods: " + String.join(", ", Methods.ALL) + " (the default); diagnostic, only when named: "
					+ String.join(", ", Methods.DIAGNOSTIC));

	private BenchCli() {
	}

	public static void main(String[] args) throws IOException {
		run(args, System.out);
	}

	/** Parses the options, runs the benchmark and writes the report; returns the report folder. */
	public static Path run(String[] args, PrintStream out) throws IOException {
		CommandLineOptions opt = CommandLineOptions.parse(args, 0, USAGE);
		Preset preset = Preset.named(opt.string("preset", "quick"));
		Path dir = Path.of(opt.string("out", "target/bench-" + preset.name()));
		Set<Protocol> protocols = protocols(opt.string("protocols", "P1,P2,P3,P4,P5,F4"));
		List<String> methodNames = Arrays.asList(opt.string("methods", String.join(",", Methods.ALL)).split(","));
		int limit = opt.integer("limit", 0, 0, 100000);
		long seed = opt.integer("seed", 1, 0, Integer.MAX_VALUE);
		int steps = opt.integer("steps", preset.steps(), 2, 1000);
		int outer = opt.integer("outer", preset.outer(), 1, 100);
		Path data = Path.of(opt.string("data", "../shared/data"));
		String device = opt.string("device", "auto");
		String model = opt.string("model", null);
		String kernelModel = opt.string("kernelmodel", null);
		String prior = opt.string("prior-model", "pnp");
		int ensemble = opt.integer("ensemble", ParameterRanges.ENSEMBLE_DEFAULT, ParameterRanges.ENSEMBLE_MIN,
				ParameterRanges.ENSEMBLE_MAX);
		EmOverrides overrides = EmOverrides.parse(opt.string("em", null));
		boolean analytic = opt.flag("analytic");
		boolean dryRun = opt.flag("dry-run");
		boolean publish = opt.flag("publish");
		boolean cachedOnly = opt.flag("cached-only");
		opt.checkAllUsed();
		String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
		long t0 = System.nanoTime();
		List<String> notes = new ArrayList<>();
		try (ModelFactory models = analytic ? new AnalyticModels()
				: new ShippedModels(model == null ? null : Path.of(model), kernelModel == null ? null : Path.of(kernelModel),
						prior, deviceChoice(device), ensemble)) {
			List<String> names = new ArrayList<>(methodNames);
			if (protocols.equals(EnumSet.of(Protocol.F4))) {
				names.clear(); // the ablation alone: no deblurring method, no image prior to load
			}
			if (names.stream().anyMatch(Methods::needsModels)) {
				try {
					models.imagePrior(64, 64);
				} catch (RuntimeException e) {
					notes.add("skipping the diffusion methods: the image prior could not be loaded (" + e.getMessage() + ")");
					names.removeIf(Methods::needsModels);
				}
			}
			List<Method> methods = Methods.create(names, steps, outer, models, overrides);
			if (!overrides.isEmpty()) {
				notes.add("the diffusion methods ran with changed settings (--em): " + overrides);
			}
			List<Method> ablation = new ArrayList<>();
			if (protocols.contains(Protocol.F4)) {
				org.fde.score.KernelPrior pnp = null;
				try {
					pnp = models.pnpKernelPrior();
				} catch (RuntimeException e) {
					notes.add("F4 without the PnP prior: it could not be loaded (" + e.getMessage() + ")");
				}
				ablation.addAll(Methods.ablation(pnp));
			}
			Manifest manifest = Manifest.build(preset, data, protocols, limit, seed);
			notes.addAll(manifest.notes());
			for (String n : notes) {
				out.println(n);
			}
			out.printf(Locale.ROOT, "bench: preset %s, %d cases, %d methods (+%d ablation estimators), %d steps, out %s%n",
					preset.name(), manifest.cases().size(), methods.size(), ablation.size(), steps, dir.toAbsolutePath());
			ResultCache cache = new ResultCache(dir.resolve("cache"));
			out.printf(Locale.ROOT, "work ahead: about %.0f network evaluations (forward + VJP, 256x256-equivalent), "
					+ "not counting cached results%n", work(manifest.cases(), methods, cache, preset));
			if (dryRun) {
				return dir;
			}
			Path casesDir = dir.resolve("cases");
			Harness h = new Harness(cache, casesDir, out).cachedOnly(cachedOnly);
			List<MetricRow> rows = h.run(manifest.cases(), methods, ablation, preset::runs);
			double wall = (System.nanoTime() - t0) * 1e-9;
			boolean usesModels = names.stream().anyMatch(Methods::needsModels)
					|| ablation.stream().anyMatch(m -> m instanceof KernelPriorMethod k && k.prior().startsWith("pnp"));
			Map<String, String> versions;
			try {
				versions = usesModels ? models.versions() : Map.of("models", "none used");
			} catch (RuntimeException e) {
				versions = Map.of("models", "unavailable: " + e.getMessage());
			}
			RunInfo info = new RunInfo(preset.name(), seed, steps, outer, RunInfo.gitCommit(Path.of("")),
					RunInfo.describeMachine(), versions, wall, started, "bench " + String.join(" ", args), notes);
			Report.write(dir, info, rows, methods, cache, casesDir, publish);
			out.println();
			out.print(Files.readString(dir.resolve(Report.MARKDOWN), StandardCharsets.UTF_8));
			out.printf(Locale.ROOT, "wrote %s (%.1f s)%n", dir.resolve(Report.MARKDOWN).toAbsolutePath(), wall);
		}
		return dir;
	}

	/**
	 * The diffusion methods' network evaluations still to do, each weighted by its padded image area over
	 * 256&sup2;: the unit of {@code bench-cost}'s time per step, to estimate a run's length before it starts.
	 */
	static double work(List<BenchCase> cases, List<Method> methods, ResultCache cache, Preset preset) {
		double units = 0;
		for (BenchCase c : cases) {
			if (c.protocol() == Protocol.F4) {
				continue;
			}
			int w = c.image().width();
			int h = c.image().height();
			double area = c.boundary().periodic() ? (double) w * h
					: (double) org.fde.image.Padding.roundUp(w + 2 * (c.estimateSize() / 2), PaddedMethod.FFT_MULTIPLE)
							* org.fde.image.Padding.roundUp(h + 2 * (c.estimateSize() / 2), PaddedMethod.FFT_MULTIPLE);
			for (Method m : methods) {
				Method inner = m instanceof PaddedMethod p ? p.inner() : m;
				if (inner instanceof DiffusionMethod d && preset.runs(m.name(), c.protocol())
						&& cache.load(m.cacheKey(), c.id()).isEmpty()) {
					units += d.evaluations() * area / (256.0 * 256.0);
				}
			}
		}
		return units;
	}

	static Set<Protocol> protocols(String list) {
		Set<Protocol> s = EnumSet.noneOf(Protocol.class);
		for (String p : list.split(",")) {
			try {
				s.add(Protocol.valueOf(p.trim().toUpperCase(Locale.ROOT)));
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("--protocols takes a comma-separated list of P1, P2, P3, P4, P5, F4; got "
						+ p);
			}
		}
		return s;
	}

	static DeviceChoice deviceChoice(String s) {
		try {
			return DeviceChoice.valueOf(s.toUpperCase(Locale.ROOT));
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("--device must be auto, cpu or gpu; got " + s);
		}
	}
}
