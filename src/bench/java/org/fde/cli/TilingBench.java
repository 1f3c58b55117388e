package org.fde.cli;

import static org.fde.stack.ParameterRanges.KERNEL_SIZE_DEFAULT;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MIN;
import static org.fde.stack.ParameterRanges.THREADS_DEFAULT;
import static org.fde.stack.ParameterRanges.THREADS_MAX;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.fde.djl.DeviceChoice;
import org.fde.djl.DjlEnvironment;
import org.fde.djl.NativeMemory;
import org.fde.em.EmConfig;
import org.fde.image.PadFrame;
import org.fde.image.Synthetic;
import org.fde.image.TileGrid;
import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.fde.operator.CircularConvolution;
import org.fde.options.CommandLineOptions;
import org.fde.stack.Hyperstack;
import org.fde.stack.StackDeblur;
import org.fde.stack.StackRequest;

/**
 * {@code bench-tiling}: issue #3's check "the per-image runtime of a 1024&times;1024 image stays within 1.2&times; of
 * 16 times that of a 256&times;256 image, with the same settings". Times Fast EM with the shipped networks through
 * {@link StackDeblur} (normalisation, mirror padding, automatic tiling: what {@code deblur} and the Fiji commands
 * run) on a generated small and a generated large image (side &times; {@code --factor}), networks loaded once, each
 * configuration after an untimed warm-up run; prints the times, the ratio to the pixel count's multiple against the
 * 1.2 bar, the tile plan, and the peak resident set of each run (memory bounded by the tile size, not the image).
 * Besides the wall time (the figure) it gives the process's CPU time, which other processes on a loaded
 * machine disturb much less, and it times the small image again after every large run, so that a change of load
 * shows in the spread of the small image's times (their median is used).
 * Several {@code --tiles-per-batch} values can be compared (the solver's {@link EmConfig#tilesPerBatch()}).
 * <p>
 * The ratio is also given projected to {@code --project} steps (the middle steps' median time in place of the
 * measured middle steps), because the first step carries the set-up and the last one has no guidance, which weigh
 * more in a short run than in a 100-step one (the default of --project; the blind commands run 50).
 */
final class TilingBench {

	private TilingBench() {
	}

	/** One timed run. */
	private record Timed(double seconds, double cpuSeconds, double[] stepSeconds, double[] cpuStepSeconds,
			long startRss, long peakRss, boolean exactPeak) {

		/** Wall time projected to that many steps. */
		double projected(int steps) {
			return BenchFigures.projectedSeconds(seconds, stepSeconds, steps);
		}

		/** CPU time projected to that many steps (NaN where there is no CPU time). */
		double projectedCpu(int steps) {
			return cpuSeconds > 0 ? BenchFigures.projectedSeconds(cpuSeconds, cpuStepSeconds, steps) : Double.NaN;
		}
	}

	/** The tiles of a padded plane: its size, the tile side (0 = the whole plane) and the grid. */
	private record Plan(int size, PadFrame frame, int tileSize, TileGrid grid) {

		String tiles() {
			return tileSize == 0 ? "1 (whole plane)" : String.format(Locale.ROOT, "%dx%d of %dx%d (overlap >= %d)",
					grid.columns(), grid.rows(), grid.tileWidth(), grid.tileHeight(), grid.overlap());
		}

		String padded() {
			return frame.paddedWidth() + "x" + frame.paddedHeight();
		}
	}

	static void run(CommandLineOptions a, PrintStream out) {
		int small = a.integer("small", 256, 66, 4096);
		int factor = a.integer("factor", 4, 2, 16);
		int steps = a.integer("steps", 5, 3, 1000);
		int warmup = a.integer("warmup-steps", 3, 2, 1000);
		int repeats = a.integer("repeats", 3, 1, 50);
		int project = a.integer("project", 100, 3, 1000);
		String perBatch = a.string("tiles-per-batch", "default,all");
		int tileSize = a.integer("tilesize", 0, 0, 65536);
		int ks = a.integer("kernelsize", KERNEL_SIZE_DEFAULT, KERNEL_SIZE_MIN, KERNEL_SIZE_MAX);
		DeviceChoice device = Models.device(a);
		int threads = a.integer("threads", THREADS_DEFAULT, 0, THREADS_MAX);
		long seed = a.longInteger("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
		Path model = a.path("model");
		Path kernelModel = a.path("kernelmodel");
		a.checkAllUsed();
		int large = small * factor;
		if (ks % 2 == 0 || 2 * ks > small) {
			throw new IllegalArgumentException("--kernelsize must be odd and at most half of --small, got " + ks);
		}
		if (tileSize != 0 && tileSize < 2 * ks) {
			throw new IllegalArgumentException("--tilesize must be 0 (automatic) or at least twice the kernel size ("
					+ 2 * ks + "), got " + tileSize);
		}
		MemoryBench.quietLibraries();
		int defaultPerBatch = EmConfig.builder().build().tilesPerBatch();
		try (Priors priors = Priors.load(model, kernelModel, true, device, threads)) {
			int multiple = priors.imagePrior().spec().sizeMultiple();
			Plan ps = plan(small, ks, tileSize, multiple);
			Plan pl = plan(large, ks, tileSize, multiple);
			List<Integer> batches = perBatch(perBatch, defaultPerBatch, pl.grid.count());
			out.printf(Locale.ROOT, "bench-tiling: Fast EM, kernel %d, %d steps (each configuration after an untimed "
					+ "%d-step warm-up run), %s, %d PyTorch threads%n", ks, steps, warmup, priors, DjlEnvironment
							.threads());
			out.printf(Locale.ROOT, "  per-image times through StackDeblur (normalisation, padding, automatic "
					+ "tiling), networks loaded once; %dx%d timed %d times, then again after each %dx%d run%n", small,
					small, repeats, large, large);
			if (!ResidentMemory.available()) {
				out.println("  peak resident memory: unavailable (no /proc/self/status, not Linux)");
			}
			float[] ys = blurredImage(small, ks, seed);
			float[] yl = blurredImage(large, ks, seed);
			out.printf(Locale.ROOT, "%-10s %-10s %-30s %-13s %7s %8s %8s %10s %10s %10s %10s%n", "image",
					"padded", "tiles", "per batch", "batches", "wall s", "CPU s", "wall " + project + "st", "CPU "
							+ project + "st", "RSS start", "peak RSS");
			out.flush();
			List<Timed> smallRuns = new ArrayList<>();
			once(ys, small, ks, warmup, defaultPerBatch, tileSize, seed, priors);
			for (int i = 0; i < repeats; i++) {
				Timed ts = once(ys, small, ks, steps, defaultPerBatch, tileSize, seed, priors);
				smallRuns.add(ts);
				out.println(row(ps, "-", 1, ts, project));
				out.flush();
			}
			List<Timed> largeRuns = new ArrayList<>();
			for (int b : batches) {
				once(yl, large, ks, warmup, b, tileSize, seed, priors);
				Timed tl = once(yl, large, ks, steps, b, tileSize, seed, priors);
				largeRuns.add(tl);
				int count = pl.grid.count();
				out.println(row(pl, label(b, defaultPerBatch, count), (count + b - 1) / b, tl, project));
				// the small image again after every large run, so that a change in the machine's load shows
				Timed ts = once(ys, small, ks, steps, defaultPerBatch, tileSize, seed, priors);
				smallRuns.add(ts);
				out.println(row(ps, "-", 1, ts, project));
				out.flush();
			}
			double[] wall = smallRuns.stream().mapToDouble(Timed::seconds).toArray();
			double[] cpu = smallRuns.stream().mapToDouble(Timed::cpuSeconds).toArray();
			double[] proj = smallRuns.stream().mapToDouble(x -> x.projected(project)).toArray();
			double[] projCpu = smallRuns.stream().mapToDouble(x -> x.projectedCpu(project)).toArray();
			double sw = BenchFigures.median(wall);
			double sc = BenchFigures.median(cpu);
			double sp = BenchFigures.median(proj);
			double spc = BenchFigures.median(projCpu);
			int f2 = factor * factor;
			out.printf(Locale.ROOT, "%dx%d, median of %d runs: wall %.2f s (range %.2f-%.2f), CPU %.2f s (range "
					+ "%.2f-%.2f); projected to %d steps: wall %.1f s, CPU %.1f s%n", small, small, wall.length, sw,
					min(wall), max(wall), sc, min(cpu), max(cpu), project, sp, spc);
			out.printf(Locale.ROOT, "ratio t%d / (%d x t%d), bar %.1f; wall time is the issue's figure, CPU time "
					+ "(this process, all threads) is less disturbed by other processes:%n", large, f2, small,
					BenchFigures.SCALING_BAR);
			for (int i = 0; i < batches.size(); i++) {
				Timed tl = largeRuns.get(i);
				double rw = BenchFigures.scalingRatio(tl.seconds, large, sw, small);
				double rc = tl.cpuSeconds > 0 && sc > 0 ? BenchFigures.scalingRatio(tl.cpuSeconds, large, sc, small)
						: Double.NaN; // NaN: no CPU time from this JVM
				double rp = BenchFigures.scalingRatio(tl.projected(project), large, sp, small);
				double rpc = tl.cpuSeconds > 0 && sc > 0 ? BenchFigures.scalingRatio(tl.projectedCpu(project), large,
						spc, small) : Double.NaN;
				out.printf(Locale.ROOT, "  tiles per batch %-12s wall: %.2f / (%d x %.2f) = %.3f %s;  CPU: %.2f / (%d "
						+ "x %.2f) = %.3f %s;  projected to %d steps: wall %.3f %s, CPU %.3f %s%n", label(batches.get(
								i), defaultPerBatch, pl.grid.count()), tl.seconds, f2, sw, rw, verdict(rw),
						tl.cpuSeconds, f2, sc, rc, verdict(rc), project, rp, verdict(rp), rpc, verdict(rpc));
			}
			boolean exact = smallRuns.stream().allMatch(Timed::exactPeak) && largeRuns.stream().allMatch(
					Timed::exactPeak);
			out.println("  peak RSS (MiB): " + (exact ? "VmHWM, reset before each run" : "the largest VmRSS sampled "
					+ "every 20 ms (VmHWM could not be reset)") + "; it includes the JVM and the networks, so "
					+ "compare it with the RSS at the start of the run");
		}
	}

	private static String verdict(double ratio) {
		return BenchFigures.verdict(ratio, BenchFigures.SCALING_BAR);
	}

	private static String label(int perBatch, int defaultValue, int all) {
		return perBatch + (perBatch == defaultValue ? " (default)" : perBatch >= all ? " (all)" : "");
	}

	private static double min(double[] v) {
		return java.util.Arrays.stream(v).min().orElse(Double.NaN);
	}

	private static double max(double[] v) {
		return java.util.Arrays.stream(v).max().orElse(Double.NaN);
	}

	private static String row(Plan p, String perBatch, int batches, Timed t, int project) {
		return String.format(Locale.ROOT, "%-10s %-10s %-30s %-13s %7d %8.2f %8.2f %10.1f %10.1f %10s %10s", p.size
				+ "x" + p.size, p.padded(), p.tiles(), perBatch, batches, t.seconds, t.cpuSeconds, t.projected(
						project), t.projectedCpu(project), BenchFigures.mib(t.startRss), BenchFigures.mib(t.peakRss));
	}

	/** The tile plan StackDeblur will use for a size&times;size plane. */
	private static Plan plan(int size, int ks, int tileSize, int multiple) {
		PadFrame f = PadFrame.around(size, size, ks / 2, multiple);
		int t = org.fde.image.TileSize.of(tileSize).forPlane(f.paddedWidth(), f.paddedHeight(), ks, multiple);
		TileGrid g = t == 0 ? TileGrid.single(f.paddedWidth(), f.paddedHeight()) : TileGrid.of(f.paddedWidth(), f
				.paddedHeight(), t, TileGrid.defaultOverlap(t, ks));
		return new Plan(size, f, t, g);
	}

	/**
	 * The --tiles-per-batch list: comma-separated numbers, "default" (EmConfig's) or "all" (every tile of the large
	 * image in one batch), in the given order without repeats.
	 */
	static List<Integer> perBatch(String list, int defaultValue, int all) {
		Set<Integer> out = new LinkedHashSet<>();
		for (String s : list.split(",")) {
			String v = s.trim().toLowerCase(Locale.ROOT);
			int n;
			if (v.equals("default")) {
				n = defaultValue;
			} else if (v.equals("all")) {
				n = all;
			} else {
				try {
					n = Integer.parseInt(v);
				} catch (NumberFormatException e) {
					throw new IllegalArgumentException("--tiles-per-batch takes numbers, 'default' and 'all', "
							+ "comma-separated; got '" + s + "'");
				}
				if (n < 1 || n > 4096) {
					throw new IllegalArgumentException("--tiles-per-batch values must be in [1, 4096], got " + n);
				}
			}
			out.add(Math.min(n, all));
		}
		return new ArrayList<>(out);
	}

	/** One run of Fast EM on a size&times;size plane, timed per step, with its peak resident set. */
	private static Timed once(float[] pixels, int size, int ks, int steps, int perBatch, int tileSize, long seed,
			Priors priors) {
		Hyperstack y = new Hyperstack(size, size, 1, 1, 1, new float[][] { pixels });
		EmConfig c = EmConfig.builder().kernelSize(ks).steps(steps).seed(seed).tilesPerBatch(perBatch).build();
		StackRequest r = StackRequest.blind(StackRequest.Method.FAST_EM, c, 0, false, false, 0, 0, false)
				.withTileSize(tileSize);
		long[] ends = new long[steps];
		long[] cpuEnds = new long[steps];
		ResidentMemory.heapAfterGc(); // start every run from a collected heap
		NativeMemory.releaseFree(); // and a trimmed C heap, as deblur does after each image
		long startRss = ResidentMemory.rssBytes();
		long t0;
		long t1;
		long c0;
		long c1;
		long peak;
		boolean exact;
		try (ResidentMemory.Peak p = new ResidentMemory.Peak()) {
			exact = p.exact();
			c0 = processCpuNanos();
			t0 = System.nanoTime();
			StackDeblur.run(y, r, priors.imagePrior(), priors.kernelPrior(), (done, total, stage) -> {
				if (done >= 1 && done <= ends.length) {
					ends[(int) done - 1] = System.nanoTime();
					cpuEnds[(int) done - 1] = processCpuNanos();
				}
			}, null);
			t1 = System.nanoTime();
			c1 = processCpuNanos();
			peak = p.stop();
		}
		return new Timed((t1 - t0) * 1e-9, (c1 - c0) * 1e-9, BenchFigures.durations(t0, ends), BenchFigures
				.durations(c0, cpuEnds), startRss, peak, exact);
	}

	/** CPU time of this process, all threads, in ns; -1 where the JVM cannot tell. */
	private static long processCpuNanos() {
		java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
	}

	/**
	 * The benchmark image: {@link Synthetic#shapes} blurred by a generated motion kernel (periodic) plus Gaussian
	 * noise of 0.02 on [0, 1]. Deterministic per seed.
	 */
	static float[] blurredImage(int size, int ks, long seed) {
		float[] x = Synthetic.shapes(size, size, seed);
		float[] k = KernelGenerator.random(KernelFamily.MOTION, ks, seed + 2);
		return Synthetic.addNoise(new CircularConvolution(k, ks, ks, size, size).apply(x), 0.02, seed + 3);
	}
}
