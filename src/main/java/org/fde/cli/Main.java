package org.fde.cli;

import java.util.Arrays;

import org.fde.kernel.gen.KernelDatasetExport;

/**
 * Command-line entry point: {@code java -jar target/fast-diffusion-em.jar <command> [--option value ...]}.
 */
public final class Main {

	static final String USAGE = String.join("\n", //
			"usage: java -jar fast-diffusion-em.jar <command> [options]", //
			"commands:", //
			"  demo            generate, blur and deblur a test image; write images, kernels and figures",
			"                  [--out demo-output] [--size 256] [--seed 1] [--sigma 5 (on 255)] [--steps 100]",
			"                  [--kernel-size 33] [--particles 1] [--prior pnp|l1|l2|projection] [--guidance pigdm|dps]",
			"                  [--device auto|cpu|gpu] [--model DIR] [--kernel-model DIR]",
			"  bench-cost      cost split of a Fast EM step (network vs M-step vs guidance) [--size 256] [--steps 12]",
			"  bench-denoise   one-step denoising PSNR of the image prior [--data DIR] [--sigmas 15,25,50] [--limit N]",
			"  bench           benchmark methods x protocols [--preset smoke|quick|full] [--out DIR] (bench --help)",
			"  kernels         export a kernel data set for training (see KernelDatasetExport)");

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
			System.out.println(USAGE);
			return;
		}
		try {
			switch (args[0]) {
			case "demo" -> Demo.run(new Args(args, 1));
			case "bench-cost" -> CostBench.run(new Args(args, 1));
			case "bench-denoise" -> DenoiseBench.run(new Args(args, 1));
			case "bench" -> org.fde.bench.BenchCli.main(Arrays.copyOfRange(args, 1, args.length));
			case "kernels" -> KernelDatasetExport.main(Arrays.copyOfRange(args, 1, args.length));
			default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'\n" + USAGE);
			}
		} catch (IllegalArgumentException e) {
			System.err.println("error: " + e.getMessage());
			System.exit(2);
		}
	}
}
