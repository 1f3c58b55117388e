package org.fde.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;

import org.fde.em.Snapshot;
import org.fde.em.StepDiagnostics;
import org.fde.image.Image;

/**
 * Runs every method on every case, reusing cached results ({@link ResultCache}): a (method, case) whose result file
 * exists is not recomputed, so an interrupted run resumes where it stopped. F4 cases get the ablation's kernel
 * estimators, the others the deblurring methods. A failing run is logged and reported as a failed row (and retried
 * next time). The sharp and observed images of every case are written once to {@code casesDir} for the figures.
 */
public final class Harness {

	private final ResultCache cache;
	private final Path casesDir;
	private final PrintStream log;
	private final Evaluator evaluator = new Evaluator();
	private int computed;
	private int reused;
	private boolean cachedOnly;

	/**
	 * With true, {@link #run} computes nothing: it reports the cached results only (a partial run's report; the
	 * command line's {@code --cached-only}).
	 */
	public Harness cachedOnly(boolean only) {
		cachedOnly = only;
		return this;
	}

	public Harness(ResultCache cache, Path casesDir, PrintStream log) {
		this.cache = cache;
		this.casesDir = casesDir;
		this.log = log;
	}

	/** (method, case) pairs computed by the last {@link #run}. */
	public int computed() {
		return computed;
	}

	/** (method, case) pairs taken from the cache by the last {@link #run}. */
	public int reused() {
		return reused;
	}

	/** Where a case's sharp image is written. */
	public static Path sharpPng(Path casesDir, String caseId) {
		return casesDir.resolve(caseId + "-sharp.png");
	}

	/** Where a case's measurement is written. */
	public static Path observedPng(Path casesDir, String caseId) {
		return casesDir.resolve(caseId + "-observed.png");
	}

	public List<MetricRow> run(List<BenchCase> cases, List<Method> methods, List<Method> ablation) throws IOException {
		return run(cases, methods, ablation, (m, p) -> true);
	}

	/** As {@link #run(List, List, List)}, running a method on a case only where {@code runs(name, protocol)}. */
	public List<MetricRow> run(List<BenchCase> cases, List<Method> methods, List<Method> ablation,
			BiPredicate<String, Protocol> runs) throws IOException {
		computed = 0;
		reused = 0;
		List<MetricRow> rows = new ArrayList<>();
		int index = 0;
		for (BenchCase c : cases) {
			index++;
			List<Method> ms = (c.protocol() == Protocol.F4 ? ablation : methods).stream()
					.filter(m -> runs.test(m.name(), c.protocol())).toList();
			CaseData data = null;
			if (!Files.isRegularFile(sharpPng(casesDir, c.id())) || !Files.isRegularFile(observedPng(casesDir, c.id()))) {
				data = materialise(c);
				if (data == null) {
					continue;
				}
				writeCase(data);
			}
			for (Method m : ms) {
				var cached = cache.load(m.cacheKey(), c.id());
				if (cached.isPresent()) {
					rows.add(cached.get());
					reused++;
					continue;
				}
				if (cachedOnly) {
					continue;
				}
				if (data == null) {
					data = materialise(c);
					if (data == null) {
						break;
					}
				}
				MetricRow row;
				try {
					Problem p = data.problem();
					if (c.protocol() == Protocol.F4) {
						p = new Problem(p.observed(), p.sigma(), p.estimateSize(), p.trueKernel(), p.trueKernelSize(),
								p.seed(), p.periodic(), data.sharp());
					}
					MethodResult r = m.run(p);
					row = evaluator.evaluate(data, m, r);
					store(m, c, r, row);
					computed++;
				} catch (Exception | OutOfMemoryError e) {
					String why = e.getClass().getSimpleName() + ": " + e.getMessage();
					row = MetricRow.failed(c.protocol().name(), c.id(), m.name(), data.sigma() * 255, why);
					log.println("  FAILED " + m.name() + " on " + c.id() + ": " + why);
				}
				rows.add(row);
				if (row.ok()) {
					log.printf(Locale.ROOT, "[%d/%d] %-22s %-16s PSNR %6.2f  SSIM %.3f  kMSE %s  %.1f s%n", index,
							cases.size(), c.id(), m.name(), row.psnr(), row.ssim(), MetricRow.num(row.kernelMse()),
							row.seconds());
				}
			}
		}
		log.printf(Locale.ROOT, "%d results computed, %d reused from %s%n", computed, reused, cache.root());
		return rows;
	}

	private CaseData materialise(BenchCase c) {
		try {
			return CaseData.materialise(c);
		} catch (RuntimeException e) {
			log.println("  SKIPPED case " + c.id() + ": " + e.getMessage());
			return null;
		}
	}

	private void writeCase(CaseData d) {
		Image s = d.sharp();
		Image y = d.observed();
		ImageFiles.writePng(s.plane(0), s.width(), s.height(), sharpPng(casesDir, d.benchCase().id()), false);
		ImageFiles.writePng(y.plane(0), y.width(), y.height(), observedPng(casesDir, d.benchCase().id()), false);
	}

	/**
	 * Figure 2's raw strips: the snapshots' x&#770;0 side by side (unit range, as is) and their kernels side by side,
	 * each scaled to its own maximum.
	 */
	static void writeStrips(List<Snapshot> snaps, Path x0File, Path kernelFile) {
		int w = snaps.get(0).x0().width();
		int h = snaps.get(0).x0().height();
		int ks = snaps.get(0).kernelSize();
		int n = snaps.size();
		float[] x0 = new float[n * w * h];
		float[] k = new float[n * ks * ks];
		for (int j = 0; j < n; j++) {
			float[] img = snaps.get(j).x0().plane(0);
			for (int y = 0; y < h; y++) {
				System.arraycopy(img, y * w, x0, y * n * w + j * w, w);
			}
			float[] kj = snaps.get(j).kernel();
			float max = 0;
			for (float v : kj) {
				max = Math.max(max, v);
			}
			for (int y = 0; y < ks; y++) {
				for (int x = 0; x < ks; x++) {
					k[y * n * ks + j * ks + x] = max > 0 ? kj[y * ks + x] / max : 0f;
				}
			}
		}
		ImageFiles.writePng(x0, n * w, h, x0File, false);
		ImageFiles.writePng(k, n * ks, ks, kernelFile, false);
	}

	private void store(Method m, BenchCase c, MethodResult r, MetricRow row) throws IOException {
		String key = m.cacheKey();
		Image img = r.image();
		ImageFiles.writePng(img.plane(0), img.width(), img.height(), cache.image(key, c.id()), false);
		if (r.kernel() != null) {
			ImageFiles.writePng(r.kernel(), r.kernelSize(), r.kernelSize(), cache.kernel(key, c.id()), true);
		}
		if (!r.diagnostics().isEmpty()) {
			StringBuilder sb = new StringBuilder("outer,step,timestep,residual,kernel_change,seconds\n");
			for (StepDiagnostics d : r.diagnostics()) {
				sb.append(String.format(Locale.ROOT, "%d,%d,%d,%.6g,%.6g,%.6g%n", d.outer(), d.step(), d.timestep(),
						d.residual(), d.kernelChange(), d.totalSeconds()));
			}
			Files.writeString(cache.steps(key, c.id()), sb.toString(), StandardCharsets.UTF_8);
		}
		if (!r.snapshots().isEmpty()) {
			writeStrips(r.snapshots(), cache.x0Strip(key, c.id()), cache.kernelStrip(key, c.id()));
		}
		cache.store(key, row); // last, so that a result file means everything above is there
	}
}
