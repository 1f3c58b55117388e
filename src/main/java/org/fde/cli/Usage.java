package org.fde.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage texts of the command line: the top-level listing (user commands apart from the developer tools) and one
 * text per command, printed by {@code <command> --help}.
 */
final class Usage {

	static final String JAR = "java -jar fast-diffusion-em.jar";

	/** Usage texts by command name (developer tools whose text lives with their code are looked up by {@link Main}). */
	static final Map<String, String> USAGES = new LinkedHashMap<>();

	static final String DEBLUR = String.join("\n", //
			"usage: " + JAR + " deblur --input FILE|FOLDER --output FILE|FOLDER [options]", //
			"Deblurs an image file, or every image of a folder (TIFF incl. stacks/hyperstacks, PNG, JPEG).", //
			"The options are the Fiji commands' macro keys.", //
			"  --input FILE|FOLDER --output FILE|FOLDER", //
			"                  (.tif: 32-bit with the calibration; .png: 8-bit or RGB, clamped to the input's range)",
			"  [--method hybrid|fast-em|diffusion-em|nonblind|classical] [--psf FILE (nonblind)]", //
			"  (hybrid, the default: Fast EM started from the classical kernel;", //
			"  classical: the classical kernel and a sparse deconvolution, a fast preview without the networks)", //
			"  [--kernel-output FILE|FOLDER]", //
			"  [--output-kind estimate|sample (estimate: the faithful image given the kernel, the default;", //
			"  sample: the diffusion sample; Fiji's output key)]", //
			"  [--uncertainty-output FILE|FOLDER (needs --particles >= 2)]", //
			"  [--kernelsize 33 (odd, 3-129)] [--sigma 0 (image units, 0 = estimate)]", //
			"  (kernelsize: the side of the square window that must hold the whole blur)", //
			"  [--steps 50 (fast-em, diffusion-em) or 100 (nonblind)] [--particles 1]", //
			"  [--guidance PiGDM|DPS] [--lambda 30] [--kernelscope plane|stack]", //
			"  [--channelkernels shared|separate] [--seed 0] [--device auto|cpu|gpu] [--threads 0]", //
			"  [--tilesize 0 (0 = automatic)] [--model DIR] [--kernelmodel DIR]", //
			"  [--ensemble 1|2 (2: rotation ensemble of the image prior, twice the network time)]", //
			"  [--outeriterations 10 (diffusion-em)] [--restarts 1 (fast-em, hybrid, 0-10)] [--overwrite] [--verbose]", //
			"example: " + JAR + " deblur --input blurred.tif --output deblurred.tif --kernel-output kernel.tif");

	static final String SIMULATE = String.join("\n", //
			"usage: " + JAR + " simulate --input FILE --output FILE --kernel-output FILE [options]", //
			"Blurs an image with a generated kernel and adds Gaussian noise (as Process > Deblur > Simulate Blur).", //
			"  [--family motion|gaussian|defocus|airy] [--kernelsize 33 (odd, 3-127)]", //
			"  [--psf-sigma S (gaussian only: the PSF's standard deviation in pixels; default: random)]", //
			"  [--noise 0 (standard deviation of the added noise, in image units, at most 1e30; --sigma is the same option)]", //
			"  [--seed 0] [--overwrite]", //
			"example: " + JAR + " simulate --input sharp.png --output blurred.tif --kernel-output kernel.tif "
					+ "--family gaussian --psf-sigma 2 --noise 0.01");

	static final String DEMO = String.join("\n", //
			"usage: " + JAR + " demo [options]", //
			"Generates a test image, blurs it with a motion kernel plus noise, deblurs it with Fast EM, and writes the",
			"images, the kernels and the figures.", //
			"  [--out demo-output] [--size 256] [--seed 1] [--sigma 5 (on 255)] [--steps 50]", //
			"  [--kernelsize 33] [--particles 1] [--prior pnp|l1|l2|projection] [--guidance pigdm|dps]", //
			"  [--device auto|cpu|gpu] [--model DIR] [--kernelmodel DIR] [--verbose]");

	static final String BENCH_COST = String.join("\n", //
			"usage: " + JAR + " dev bench-cost [options]", //
			"Cost split of a Fast EM step (network vs M-step vs guidance).", //
			"  [--size 256] [--steps 30] [--warmup 10] [--padded (as the Fiji commands pad: masked guidance)]", //
			"  [--kernelsize 33] [--ensemble 1|2] [--particles 1] [--prior pnp|l1|l2|projection] [--device auto|cpu|gpu]", //
			"  [--model DIR]");

	static final String BENCH_DENOISE = String.join("\n", //
			"usage: " + JAR + " dev bench-denoise [options]", //
			"One-step denoising PSNR of the image prior.", //
			"  [--data DIR] [--sigmas 15,25,50] [--limit N] [--ensemble 1|2] [--model DIR]");

	static final String BENCH_MEMORY = String.join("\n", //
			"usage: " + JAR + " dev bench-memory [options]", //
			"Resident memory over repeated Fast EM runs in one JVM (flat within 10 % is the bar).", //
			"  [--runs 20] [--steps 5] [--size 256] [--path command|stack] [--kernelsize 33]", //
			"  [--device auto|cpu|gpu] [--threads 0] [--seed 1] [--model DIR] [--kernelmodel DIR]");

	static final String BENCH_TILING = String.join("\n", //
			"usage: " + JAR + " dev bench-tiling [options]", //
			"Per-image time of 1024x1024 against 16 times that of 256x256 (within 1.2x is the bar); peak RSS.", //
			"  [--small 256] [--factor 4] [--steps 5] [--warmup-steps 3] [--repeats 3] [--project 100]", //
			"  [--tiles-per-batch default,all (list; numbers, default, all)] [--tilesize 0]", //
			"  [--kernelsize 33] [--device auto|cpu|gpu] [--threads 0] [--seed 1] [--model DIR] [--kernelmodel DIR]");

	/** The user commands, in the order of the listing. */
	static final Map<String, String> USER = commands( //
			"deblur", "deblur an image file, or every image of a folder", DEBLUR, //
			"simulate", "blur an image with a generated kernel plus noise, to test deblurring", SIMULATE, //
			"demo", "generate, blur and deblur a test image; write the images and kernels", DEMO);

	/** One-line descriptions of the developer tools (their usage texts live with their code). */
	static final Map<String, String> DEV = commands( //
			"bench", "benchmark methods x protocols (P1-P5, F4): Markdown report, CSV, figures", null, //
			"bench-cost", "cost split of one Fast EM step", BENCH_COST, //
			"bench-denoise", "one-step denoising PSNR of the image prior", BENCH_DENOISE, //
			"bench-known-kernel", "the M-step's ceiling on Levin's pairs, from the known sharp image", null, //
			"bench-memory", "resident memory over repeated runs in one JVM", BENCH_MEMORY, //
			"bench-tiling", "per-image time of a large image against tiles of a small one", BENCH_TILING, //
			"kernels", "export a kernel data set (.npy) for training the kernel prior", null, //
			"mstep-pairs", "record M-step / true kernel pairs for kernel-prior training", null, //
			"readme-figure", "draw the documentation's before/after and kernel pictures from a demo folder", null);

	static final String TOP = top();

	static final String DEV_LISTING = devListing();

	private Usage() {
	}

	private static Map<String, String> commands(String... nameLineUsage) {
		Map<String, String> m = new LinkedHashMap<>();
		for (int i = 0; i < nameLineUsage.length; i += 3) {
			m.put(nameLineUsage[i], nameLineUsage[i + 1]);
			if (nameLineUsage[i + 2] != null) {
				USAGES.put(nameLineUsage[i], nameLineUsage[i + 2]);
			}
		}
		return m;
	}

	private static String top() {
		StringBuilder b = new StringBuilder("usage: " + JAR + " <command> [options]\n\ncommands:\n");
		USER.forEach((name, line) -> b.append(String.format("  %-10s %s%n", name, line)));
		b.append("\n'<command> --help' lists a command's options. Developer tools (benchmarks, exports): "
				+ "'dev --help'.");
		return b.toString();
	}

	private static String devListing() {
		StringBuilder b = new StringBuilder("usage: " + JAR + " dev <tool> [options]\n\ndeveloper tools:\n");
		DEV.forEach((name, line) -> b.append(String.format("  %-19s %s%n", name, line)));
		b.append("\n'dev <tool> --help' lists a tool's options (the tools also run without 'dev').");
		return b.toString();
	}

	/** Every command name, user commands first (for typo suggestions). */
	static List<String> allNames() {
		List<String> names = new java.util.ArrayList<>(USER.keySet());
		names.add("dev");
		names.addAll(DEV.keySet());
		return names;
	}

	/** Every usage text together (for tests that check the documented defaults). */
	static String all() {
		return String.join("\n", USAGES.values());
	}
}
