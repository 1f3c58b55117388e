package org.fde.cli;

import java.io.PrintStream;
import java.util.Arrays;

import org.fde.djl.InvalidModelException;
import org.fde.kernel.gen.KernelDatasetExport;
import org.fde.options.CommandLineOptions;

/**
 * Command-line entry point: {@code java -jar target/fast-diffusion-em.jar <command> [--option value ...]}.
 * <p>
 * Exit status: 0 success, 1 a failure while running (for a folder: some image failed, the others were written),
 * 2 invalid options or input.
 */
public final class Main {

	static final String USAGE = String.join("\n", //
			"usage: java -jar fast-diffusion-em.jar <command> [options]", //
			"commands:", //
			"  deblur          deblur an image file, or every image of a folder (TIFF incl. stacks/hyperstacks, PNG,",
			"                  JPEG); options as the Fiji commands' macro keys:",
			"                  --input FILE|FOLDER --output FILE|FOLDER",
			"                  (.tif: 32-bit with the calibration; .png: 8-bit or RGB, clamped to the input's range)",
			"                  [--method fast-em|diffusion-em|nonblind] [--psf FILE (nonblind)]",
			"                  [--kernel-output FILE|FOLDER]",
			"                  [--uncertainty-output FILE|FOLDER (needs --particles >= 2)]",
			"                  [--kernelsize 33 (odd, 3-129)] [--sigma 0 (image units, 0 = estimate)]",
			"                  (kernelsize: the side of the square window that must hold the whole blur)",
			"                  [--steps 50 (fast-em, diffusion-em) or 100 (nonblind)] [--particles 1]",
			"                  [--guidance PiGDM|DPS] [--lambda 30] [--kernelscope plane|stack]",
			"                  [--channelkernels shared|separate] [--seed 0] [--device auto|cpu|gpu] [--threads 0]",
			"                  [--tilesize 0 (0 = automatic)] [--model DIR] [--kernelmodel DIR]",
			"                  [--ensemble 1|2 (2: rotation ensemble of the image prior, twice the network time)]",
			"                  [--outeriterations 10 (diffusion-em)] [--restarts 1 (fast-em, 0-10)] [--overwrite]",
			"  simulate        blur an image with a generated kernel plus noise (as Process > Deblur > Simulate Blur)",
			"                  --input FILE --output FILE --kernel-output FILE [--family motion|gaussian|defocus|airy]",
			"                  [--kernelsize 33 (odd, 3-127)] [--sigma 0 (image units)] [--seed 0] [--overwrite]",
			"  demo            generate, blur and deblur a test image; write images, kernels and figures",
			"                  [--out demo-output] [--size 256] [--seed 1] [--sigma 5 (on 255)] [--steps 50]",
			"                  [--kernelsize 33] [--particles 1] [--prior pnp|l1|l2|projection] [--guidance pigdm|dps]",
			"                  [--device auto|cpu|gpu] [--model DIR] [--kernelmodel DIR]",
			"  bench-cost      cost split of a Fast EM step (network vs M-step vs guidance) [--size 256] [--steps 30]",
			"                  [--warmup 10] [--kernelsize 33] [--padded (as the Fiji commands pad: masked guidance)]",
			"                  [--ensemble 1|2]",
			"  bench-denoise   one-step denoising PSNR of the image prior [--data DIR] [--sigmas 15,25,50] [--limit N]",
			"                  [--ensemble 1|2 (2: the prior's two-member rotation ensemble)] [--model DIR]",
			"  bench-memory    resident memory over repeated Fast EM runs in one JVM (issue #3: flat within 10 %)",
			"                  [--runs 20] [--steps 5] [--size 256] [--path command|stack] [--kernelsize 33]",
			"                  [--device auto|cpu|gpu] [--threads 0] [--seed 1] [--model DIR] [--kernelmodel DIR]",
			"  bench-tiling    per-image time of 1024x1024 vs 16x that of 256x256 (issue #3: within 1.2x); peak RSS",
			"                  [--small 256] [--factor 4] [--steps 5] [--warmup-steps 3] [--repeats 3] [--project 100]",
			"                  [--tiles-per-batch default,all (list; numbers, default, all)] [--tilesize 0]",
			"                  [--kernelsize 33] [--device auto|cpu|gpu] [--threads 0] [--seed 1] [--model DIR]",
			"                  [--kernelmodel DIR]",
			"  bench           benchmark methods x protocols [--preset smoke|quick|full] [--out DIR] (bench --help)",
			"  bench-known-kernel  the M-step's ceiling on Levin's pairs (P3): the kernel from the known sharp image,",
			"                  scored by P3's error ratio [--data DIR] [--limit N] [--lambda 30] (bench-known-kernel --help)",
			"  kernels         export a kernel data set for training (see KernelDatasetExport)",
			"  mstep-pairs     record the M-step's data-step kernels and the true ones from Fast EM runs on the",
			"                  training photographs (kernel-prior training pairs; see MStepPairsExport)");

	private Main() {
	}

	public static void main(String[] args) {
		int status = run(args, System.out, System.err);
		// always exit explicitly: JTransforms' worker pool (JLargeArrays' ConcurrencyUtils) has non-daemon threads
		// with a 60 s keep-alive, which would otherwise hold the JVM for a minute after the last FFT
		System.out.flush();
		System.exit(status);
	}

	/**
	 * Runs a command and returns its exit status instead of exiting (for tests and embedding).
	 *
	 * @param out progress and results
	 * @param err error lines ({@code error: ...})
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		System.setProperty("java.awt.headless", "true");
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
			out.println(USAGE);
			return 0;
		}
		try {
			switch (args[0]) {
			case "deblur" -> {
				return Deblur.run(CommandLineOptions.parse(args, 1), out, err);
			}
			case "simulate" -> {
				return Simulate.run(CommandLineOptions.parse(args, 1), out);
			}
			case "demo" -> Demo.run(CommandLineOptions.parse(args, 1));
			case "bench-cost" -> CostBench.run(CommandLineOptions.parse(args, 1));
			case "bench-denoise" -> DenoiseBench.run(CommandLineOptions.parse(args, 1));
			case "bench-memory" -> MemoryBench.run(CommandLineOptions.parse(args, 1), out);
			case "bench-tiling" -> TilingBench.run(CommandLineOptions.parse(args, 1), out);
			case "bench" -> org.fde.bench.BenchCli.main(Arrays.copyOfRange(args, 1, args.length));
			case "bench-known-kernel" -> org.fde.bench.KnownSharpBench.main(Arrays.copyOfRange(args, 1, args.length));
			case "kernels" -> KernelDatasetExport.main(Arrays.copyOfRange(args, 1, args.length));
			case "mstep-pairs" -> org.fde.bench.MStepPairsExport.main(Arrays.copyOfRange(args, 1, args.length));
			default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'\n" + USAGE);
			}
			return 0;
		} catch (IllegalArgumentException e) {
			err.println("error: " + e.getMessage());
			return 2;
		} catch (InvalidModelException | IllegalStateException e) {
			err.println("error: " + e.getMessage());
			return 1;
		} catch (Exception e) {
			err.println("error: " + message(e));
			e.printStackTrace(err);
			return 1;
		}
	}

	/** An exception's message, or its class name when it has none. */
	static String message(Throwable e) {
		return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
	}
}
