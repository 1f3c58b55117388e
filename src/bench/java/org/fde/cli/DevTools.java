package org.fde.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.fde.bench.BenchCli;
import org.fde.bench.KnownSharpBench;
import org.fde.bench.MStepPairsExport;
import org.fde.bench.ReadmeFigure;
import org.fde.kernel.gen.KernelDatasetExport;
import org.fde.options.CommandLineOptions;

/**
 * The developer tools of {@code dev <tool>}: the benchmarks and the training-data exports, in {@code src/bench/java}
 * (found by {@link Main} through {@link DevCommands#find}).
 */
final class DevTools implements DevCommands {

	private static final String BENCH_COST = String.join("\n", //
			"usage: " + Usage.JAR + " dev bench-cost [options]", //
			"Cost split of a Fast EM step (network vs M-step vs guidance).", //
			"  [--size 256] [--steps 30] [--warmup 10] [--padded (as the Fiji commands pad: masked guidance)]", //
			"  [--kernelsize 33] [--ensemble 1|2] [--particles 1] [--prior pnp|l1|l2|projection] [--device auto|cpu|gpu]", //
			"  [--model DIR]");

	private static final String BENCH_DENOISE = String.join("\n", //
			"usage: " + Usage.JAR + " dev bench-denoise [options]", //
			"One-step denoising PSNR of the image prior.", //
			"  [--data DIR] [--sigmas 15,25,50] [--limit N] [--ensemble 1|2] [--model DIR]");

	private static final String BENCH_MEMORY = String.join("\n", //
			"usage: " + Usage.JAR + " dev bench-memory [options]", //
			"Resident memory over repeated Fast EM runs in one JVM (flat within 10 % is the bar).", //
			"  [--runs 20] [--steps 5] [--size 256] [--path command|stack] [--kernelsize 33]", //
			"  [--device auto|cpu|gpu] [--threads 0] [--seed 1] [--model DIR] [--kernelmodel DIR]");

	private static final String BENCH_TILING = String.join("\n", //
			"usage: " + Usage.JAR + " dev bench-tiling [options]", //
			"Per-image time of 1024x1024 against 16 times that of 256x256 (within 1.2x is the bar); peak RSS.", //
			"  [--small 256] [--factor 4] [--steps 5] [--warmup-steps 3] [--repeats 3] [--project 100]", //
			"  [--tiles-per-batch default,all (list; numbers, default, all)] [--tilesize 0]", //
			"  [--kernelsize 33] [--device auto|cpu|gpu] [--threads 0] [--seed 1] [--model DIR] [--kernelmodel DIR]");

	private static final Map<String, String> TOOLS = new LinkedHashMap<>();
	private static final Map<String, String> USAGES = new LinkedHashMap<>();

	static {
		tool("bench", "benchmark methods x protocols (P1-P5, F4): Markdown report, CSV, figures", BenchCli.USAGE);
		tool("bench-cost", "cost split of one Fast EM step", BENCH_COST);
		tool("bench-denoise", "one-step denoising PSNR of the image prior", BENCH_DENOISE);
		tool("bench-known-kernel", "the M-step's ceiling on Levin's pairs, from the known sharp image",
				KnownSharpBench.USAGE);
		tool("bench-memory", "resident memory over repeated runs in one JVM", BENCH_MEMORY);
		tool("bench-tiling", "per-image time of a large image against tiles of a small one", BENCH_TILING);
		tool("kernels", "export a kernel data set (.npy) for training the kernel prior", KernelDatasetExport.USAGE);
		tool("mstep-pairs", "record M-step / true kernel pairs for kernel-prior training", MStepPairsExport.USAGE);
		tool("readme-figure", "draw the documentation's before/after and kernel pictures from a demo folder",
				ReadmeFigure.USAGE);
	}

	private static void tool(String name, String line, String usage) {
		TOOLS.put(name, line);
		USAGES.put(name, usage);
	}

	@Override
	public Map<String, String> tools() {
		return TOOLS;
	}

	@Override
	public String usage(String tool) {
		return USAGES.get(tool);
	}

	@Override
	public int run(String tool, String[] rest, String hint, PrintStream out, PrintStream err) throws Exception {
		switch (tool) {
		case "bench-cost" -> CostBench.run(CommandLineOptions.parse(rest, 0, hint));
		case "bench-denoise" -> DenoiseBench.run(CommandLineOptions.parse(rest, 0, hint));
		case "bench-memory" -> MemoryBench.run(CommandLineOptions.parse(rest, 0, hint), out);
		case "bench-tiling" -> TilingBench.run(CommandLineOptions.parse(rest, 0, hint), out);
		case "bench" -> BenchCli.main(rest);
		case "bench-known-kernel" -> KnownSharpBench.main(rest);
		case "kernels" -> KernelDatasetExport.main(rest);
		case "mstep-pairs" -> MStepPairsExport.main(rest);
		case "readme-figure" -> ReadmeFigure.main(rest);
		default -> throw new IllegalArgumentException("unknown developer tool '" + tool + "'");
		}
		return 0;
	}
}
