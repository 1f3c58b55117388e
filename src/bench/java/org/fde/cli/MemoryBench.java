package org.fde.cli;

import static org.fde.stack.ParameterRanges.KERNEL_SIZE_DEFAULT;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MIN;
import static org.fde.stack.ParameterRanges.THREADS_DEFAULT;
import static org.fde.stack.ParameterRanges.THREADS_MAX;

import java.io.PrintStream;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.fde.djl.DeviceChoice;
import org.fde.em.EmConfig;
import org.fde.imagej.FastDiffusionEmCommand;
import org.fde.options.CommandLineOptions;
import org.fde.stack.Hyperstack;
import org.fde.stack.StackDeblur;
import org.fde.stack.StackRequest;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogService;

import ij.ImagePlus;
import ij.process.FloatProcessor;

/**
 * {@code bench-memory}: issue #3's check "repeated runs (20 in one JVM) keep resident memory flat, within 10 %".
 * Runs the same Fast EM deblur of a generated image {@code --runs} times in this JVM and, after each run and a
 * garbage collection, reads the resident set (VmRSS, /proc/self/status) and the Java heap; prints a table and the
 * growth of the resident set from run 2 (after the warm-up run) to the last run against the 10 % bar.
 * <p>
 * {@code --path command} (the default) runs the Fiji command {@link FastDiffusionEmCommand} through SciJava's
 * {@link CommandService} in a headless {@link Context} with an {@link ImagePlus} input, pre- and postprocessing
 * included, as Fiji or a macro would: every run loads the two networks, deblurs and closes them.
 * {@code --path stack} does the same without SciJava (the networks loaded and closed per run, {@link StackDeblur}
 * in between, as {@code deblur} does for one file).
 */
final class MemoryBench {

	private MemoryBench() {
	}

	static void run(CommandLineOptions a, PrintStream out) {
		int runs = a.integer("runs", 20, 2, 1000);
		int steps = a.integer("steps", 5, 2, 1000);
		int size = a.integer("size", 256, 66, 1024);
		int ks = a.integer("kernelsize", KERNEL_SIZE_DEFAULT, KERNEL_SIZE_MIN, KERNEL_SIZE_MAX);
		String path = a.choice("path", "command", "command", "stack");
		DeviceChoice device = Models.device(a);
		int threads = a.integer("threads", THREADS_DEFAULT, 0, THREADS_MAX);
		long seed = a.longInteger("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
		Path model = a.path("model");
		Path kernelModel = a.path("kernelmodel");
		a.checkAllUsed();
		if (ks % 2 == 0 || 2 * ks > size) {
			throw new IllegalArgumentException("--kernelsize must be odd and at most half of --size, got " + ks);
		}
		quietLibraries();
		boolean rss = ResidentMemory.available();
		out.printf(Locale.ROOT, "bench-memory: %d runs of Fast EM (%s) on one %dx%d image, kernel %d, %d steps, "
				+ "device %s; every run loads the two networks, deblurs, closes them%n", runs, path.equals("command")
						? "the Fiji command '" + FastDiffusionEmCommand.NAME + "' via SciJava's CommandService, "
								+ "headless Context, ImagePlus input"
						: "StackDeblur, no SciJava", size, size, ks, steps, device.name().toLowerCase(Locale.ROOT));
		if (!rss) {
			out.println("resident memory: unavailable (no readable /proc/self/status, not Linux): the verdict uses "
					+ "the Java heap after GC, which does NOT see PyTorch's native memory");
		}
		float[] pixels = TilingBench.blurredImage(size, ks, seed);
		long[] rssAfter = new long[runs];
		long[] heapAfter = new long[runs];
		MemoryUsage start = ResidentMemory.heapAfterGc();
		out.printf(Locale.ROOT, "before run 1: RSS %s MiB, heap used %s MiB%n", BenchFigures.mib(ResidentMemory
				.rssBytes()), BenchFigures.mib(start.getUsed()));
		out.println(" run  seconds   RSS MiB  heap used MiB  heap committed MiB  RSS - committed MiB");
		Runner runner = path.equals("command") ? new CommandRunner(pixels, size, ks, steps, device, threads, seed,
				model, kernelModel) : new StackRunner(pixels, size, ks, steps, device, threads, seed, model,
						kernelModel);
		try {
			for (int i = 0; i < runs; i++) {
				long t0 = System.nanoTime();
				runner.once();
				double s = (System.nanoTime() - t0) * 1e-9;
				MemoryUsage heap = ResidentMemory.heapAfterGc();
				rssAfter[i] = ResidentMemory.rssBytes();
				heapAfter[i] = heap.getUsed();
				out.printf(Locale.ROOT, "%4d %8.1f %9s %14s %19s %20s%n", i + 1, s, BenchFigures.mib(rssAfter[i]),
						BenchFigures.mib(heap.getUsed()), BenchFigures.mib(heap.getCommitted()), rssAfter[i] < 0
								? "n/a" : BenchFigures.mib(rssAfter[i] - heap.getCommitted()));
				out.flush();
			}
		} finally {
			runner.close();
		}
		report(out, rss ? rssAfter : heapAfter, rss ? "resident memory (VmRSS)" : "Java heap after GC", heapAfter);
	}

	/** DJL's and the adapters' INFO lines (one per model load) would break up the table: warnings only. */
	static void quietLibraries() {
		if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
			System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		}
	}

	private static void report(PrintStream out, long[] v, String what, long[] heap) {
		int last = v.length - 1;
		double growth = BenchFigures.growthPercent(v, 1, last);
		out.printf(Locale.ROOT, "verdict: %s from run 2 to run %d: %s -> %s MiB, %+.1f %% (bar: within %.0f %%): "
				+ "%s%n", what, last + 1, BenchFigures.mib(v[1]), BenchFigures.mib(v[last]), growth,
				BenchFigures.MEMORY_GROWTH_BAR_PERCENT, BenchFigures.verdict(Math.abs(growth),
						BenchFigures.MEMORY_GROWTH_BAR_PERCENT));
		out.printf(Locale.ROOT, "  trend over runs 2-%d (least squares): %+.2f MiB per run; Java heap after GC: %s "
				+ "-> %s MiB (%+.2f MiB per run)%n", last + 1, ResidentMemory.mib((long) BenchFigures.slope(v, 1)),
				BenchFigures.mib(heap[1]), BenchFigures.mib(heap[last]), ResidentMemory.mib((long) BenchFigures
						.slope(heap, 1)));
	}

	/** One deblurring run, repeated. */
	private interface Runner extends AutoCloseable {
		void once();

		@Override
		void close();
	}

	/** The Fiji command through SciJava, headless. */
	private static final class CommandRunner implements Runner {

		private final Context context = quietContext();
		private final ImagePlus input;
		private final Map<String, Object> args = new LinkedHashMap<>();

		CommandRunner(float[] pixels, int size, int ks, int steps, DeviceChoice device, int threads, long seed,
				Path model, Path kernelModel) {
			input = new ImagePlus("bench-memory", new FloatProcessor(size, size, pixels));
			args.put("input", input);
			args.put("kernelSize", ks);
			args.put("steps", steps);
			args.put("seed", seed);
			args.put("classicalSeed", false); // plain Fast EM, the figures' method before the hybrid
			args.put("device", device.name().toLowerCase(Locale.ROOT));
			args.put("threads", threads);
			args.put("model", model == null ? null : model.toFile());
			args.put("kernelModel", kernelModel == null ? null : kernelModel.toFile());
		}

		/** A headless context whose log shows errors only (not every run's progress and output notes). */
		private static Context quietContext() {
			Context c = new Context();
			c.service(LogService.class).setLevel(LogLevel.ERROR);
			return c;
		}

		@Override
		public void once() {
			CommandModule m;
			try {
				m = context.service(CommandService.class).run(FastDiffusionEmCommand.class, true, args).get();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", e);
			} catch (ExecutionException e) {
				throw new IllegalStateException("the command failed: " + Main.message(e.getCause()), e.getCause());
			}
			if (m.isCanceled() || !(m.getOutput("deblurred") instanceof ImagePlus)) {
				throw new IllegalStateException("the command gave no output" + (m.isCanceled() ? " (cancelled: "
						+ m.getCancelReason() + ")" : ""));
			}
		}

		@Override
		public void close() {
			context.dispose();
		}
	}

	/** The networks and StackDeblur without SciJava. */
	private static final class StackRunner implements Runner {

		private final Hyperstack y;
		private final StackRequest request;
		private final DeviceChoice device;
		private final int threads;
		private final Path model;
		private final Path kernelModel;

		StackRunner(float[] pixels, int size, int ks, int steps, DeviceChoice device, int threads, long seed,
				Path model, Path kernelModel) {
			this.y = new Hyperstack(size, size, 1, 1, 1, new float[][] { pixels });
			this.request = StackRequest.blind(StackRequest.Method.FAST_EM, EmConfig.builder().kernelSize(ks).steps(
					steps).seed(seed).build(), 0, false, false, 0, 0, false);
			this.device = device;
			this.threads = threads;
			this.model = model;
			this.kernelModel = kernelModel;
		}

		@Override
		public void once() {
			try (Priors p = Priors.load(model, kernelModel, true, device, threads)) {
				StackDeblur.run(y, request, p.imagePrior(), p.kernelPrior(), null, null);
			}
		}

		@Override
		public void close() {
		}
	}
}
