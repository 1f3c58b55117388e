package org.fde.cli;

import static org.fde.stack.ParameterRanges.BLIND_STEPS_DEFAULT;
import static org.fde.stack.ParameterRanges.CHANNELS_DEFAULT;
import static org.fde.stack.ParameterRanges.CHANNELS_SEPARATE;
import static org.fde.stack.ParameterRanges.CHANNELS_SHARED;
import static org.fde.stack.ParameterRanges.DEVICE_AUTO;
import static org.fde.stack.ParameterRanges.DEVICE_CPU;
import static org.fde.stack.ParameterRanges.DEVICE_DEFAULT;
import static org.fde.stack.ParameterRanges.DEVICE_GPU;
import static org.fde.stack.ParameterRanges.FAMILY_AIRY;
import static org.fde.stack.ParameterRanges.FAMILY_DEFAULT;
import static org.fde.stack.ParameterRanges.FAMILY_DEFOCUS;
import static org.fde.stack.ParameterRanges.FAMILY_GAUSSIAN;
import static org.fde.stack.ParameterRanges.FAMILY_MOTION;
import static org.fde.stack.ParameterRanges.GUIDANCE_DEFAULT;
import static org.fde.stack.ParameterRanges.GUIDANCE_DPS;
import static org.fde.stack.ParameterRanges.GUIDANCE_PIGDM;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_DEFAULT;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.KERNEL_SIZE_MIN;
import static org.fde.stack.ParameterRanges.LAMBDA_DEFAULT;
import static org.fde.stack.ParameterRanges.NON_BLIND_STEPS_DEFAULT;
import static org.fde.stack.ParameterRanges.OUTER_ITERATIONS_DEFAULT;
import static org.fde.stack.ParameterRanges.PARTICLES_DEFAULT;
import static org.fde.stack.ParameterRanges.RESTARTS_DEFAULT;
import static org.fde.stack.ParameterRanges.RESTARTS_MAX;
import static org.fde.stack.ParameterRanges.RESTARTS_MIN;
import static org.fde.stack.ParameterRanges.SCOPE_DEFAULT;
import static org.fde.stack.ParameterRanges.SCOPE_PLANE;
import static org.fde.stack.ParameterRanges.SCOPE_STACK;
import static org.fde.stack.ParameterRanges.SEED_DEFAULT;
import static org.fde.stack.ParameterRanges.SIGMA_DEFAULT;
import static org.fde.stack.ParameterRanges.SIMULATE_KERNEL_SIZE_MAX;
import static org.fde.stack.ParameterRanges.THREADS_DEFAULT;
import static org.fde.stack.ParameterRanges.TILE_SIZE_DEFAULT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.fde.cli.CliFixtures.Run;
import org.fde.options.CommandLineOptions;
import org.fde.stack.KnownKernels;
import org.fde.stack.ParameterRanges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ij.IJ;
import ij.ImagePlus;

/** Invalid command lines: exit status 2 and a message naming the option; no network is loaded. */
class CliOptionsTest {

	@TempDir
	Path dir;

	private Path in;

	@BeforeEach
	void image() {
		in = CliFixtures.saveTiff(CliFixtures.gray16("x", 1, 1, 1), dir.resolve("x.tif"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { //
			"--steps|1|--steps must be in [2, 1000], got 1", //
			"--steps|many|--steps must be an integer", //
			"--kernelsize|4|--kernelsize must be odd", //
			"--kernelsize|131|--kernelsize must be odd and in [3, 129], got 131", //
			"--particles|0|--particles must be in [1, 64], got 0", //
			"--sigma|-1|--sigma must be >= 0 and finite, got -1.0", //
			"--lambda|NaN|--lambda must be >= 0 and finite, got NaN", //
			"--threads|300|--threads must be in [0, 256], got 300", //
			"--ensemble|3|--ensemble must be in [1, 2], got 3", //
			"--method|richardson|--method must be one of fast-em, diffusion-em, nonblind", //
			"--guidance|none|--guidance must be one of [PiGDM, DPS]", //
			"--kernelscope|all|--kernelscope must be one of [plane, stack]", //
			"--channelkernels|x|--channelkernels must be one of [shared, separate]", //
			"--device|tpu|--device must be one of [auto, cpu, gpu]", //
			"--outeriterations|5|--outeriterations applies to --method diffusion-em only", //
			"--restarts|11|--restarts must be in [0, 10], got 11", //
			"--psf|k.tif|--psf is read by --method nonblind only", //
			"--uncertainty-output|u.tif|--uncertainty-output needs particles >= 2", //
			"--model|/no/such/folder|--model: the model folder", //
			"--tilesize|9|--tilesize must be 0 (automatic) or in [66 (twice the kernel size), 65536]", //
			"--tilesize|70000|--tilesize must be 0 (automatic) or in [66 (twice the kernel size), 65536], got 70000", //
			"--stepz|3|unknown option --stepz" })
	void badOptionIsNamed(String option, String value, String message) {
		Run r = CliFixtures.run("deblur", "--input", in.toString(), "--output", dir.resolve("o.tif").toString(),
				option, value);
		assertEquals(2, r.status(), r.out() + r.err());
		assertTrue(r.err().contains(message), r.err());
	}

	/** deblur's steps default by method: 50 blind (fast-em, diffusion-em), 100 non-blind; an explicit value wins. */
	@ParameterizedTest
	@CsvSource({ "fast-em,,50", "diffusion-em,,50", "nonblind,,100", "fast-em,70,70", "nonblind,30,30" })
	void stepsDefaultDependsOnTheMethod(String method, String steps, int expected) {
		Path psf = CliFixtures.saveTiff(CliFixtures.gray16("k", 1, 1, 1), dir.resolve("k.tif"));
		List<String> args = new ArrayList<>(List.of("--input", in.toString(), "--output",
				dir.resolve("o.tif").toString(), "--method", method));
		if (method.equals("nonblind")) {
			args.addAll(List.of("--psf", psf.toString()));
		}
		if (steps != null) {
			args.addAll(List.of("--steps", steps));
		}
		DeblurOptions o = DeblurOptions.parse(CommandLineOptions.parse(args.toArray(String[]::new), 0));
		assertEquals(expected, o.request(method.equals("nonblind") ? KnownKernels.fromPsf(Deblur.psf(o), 1) : null)
				.steps());
	}

	@Test
	void missingAndMisplacedFilesAreNamed() throws Exception {
		assertError(CliFixtures.run("deblur", "--output", "o.tif"), "--input is required");
		assertError(CliFixtures.run("deblur", "--input", in.toString()), "--output is required");
		assertError(CliFixtures.run("deblur", "--input", dir.resolve("nope.tif").toString(), "--output", "o.tif"),
				"--input");
		assertError(CliFixtures.run("deblur", "--input", in.toString(), "--output", dir.resolve("o.jpg").toString()),
				"--output must end with .tif, .tiff or .png");
		assertError(CliFixtures.run("deblur", "--input", in.toString(), "--output", in.toString(), "--overwrite"),
				"is the input file");
		assertError(CliFixtures.run("deblur", "--input", dir.toString(), "--output", dir.toString()),
				"--output must not be the input folder");
		assertError(CliFixtures.run("deblur", "--input", in.toString(), "--output", "o.tif", "--method", "nonblind"),
				"--psf is required");
		assertError(CliFixtures.run("deblur", "--input", in.toString(), "--output", "o.tif", "--method", "nonblind",
				"--psf", in.toString(), "--kernelsize", "9"), "--kernelsize does not apply to --method nonblind");
		Path empty = Files.createDirectories(dir.resolve("empty"));
		assertError(CliFixtures.run("deblur", "--input", empty.toString(), "--output", dir.resolve("o").toString()),
				"holds no images");
		assertError(CliFixtures.run("frobnicate"), "unknown command 'frobnicate'");
	}

	@Test
	void simulateWritesBlurredImageAndKernel() {
		Path out = dir.resolve("sim/blurred.tif");
		Path kernel = dir.resolve("sim/kernel.tif");
		Run r = CliFixtures.run("simulate", "--input", in.toString(), "--output", out.toString(), "--kernel-output",
				kernel.toString(), "--family", "gaussian", "--kernelsize", "9", "--sigma", "10", "--seed", "4");
		assertEquals(0, r.status(), r.out() + r.err());
		ImagePlus b = IJ.openImage(out.toString());
		assertEquals(CliFixtures.W, b.getWidth());
		assertEquals(32, b.getBitDepth());
		assertEquals(0.25, b.getCalibration().pixelWidth, 1e-6);
		ImagePlus k = IJ.openImage(kernel.toString());
		assertEquals(9, k.getWidth());
		assertEquals(1.0, sum((float[]) k.getProcessor().getPixels()), 1e-4);
	}

	@Test
	void simulateOptionsAreChecked() {
		Path out = dir.resolve("b.tif");
		Path kernel = dir.resolve("k.tif");
		assertError(CliFixtures.run("simulate", "--input", in.toString(), "--output", out.toString(),
				"--kernel-output", kernel.toString(), "--family", "box"), "--family must be one of motion, gaussian");
		assertError(CliFixtures.run("simulate", "--input", in.toString(), "--output", out.toString(),
				"--kernel-output", kernel.toString(), "--kernelsize", "31"), "--kernelsize 31 is too large");
		assertError(CliFixtures.run("simulate", "--input", in.toString(), "--output", out.toString()),
				"--kernel-output is required");
	}

	/** The usage text states the defaults and ranges of {@link ParameterRanges} (it is written out, for reading). */
	@Test
	void usageStatesTheSharedDefaultsAndRanges() {
		for (String part : new String[] {
				"[--kernelsize " + KERNEL_SIZE_DEFAULT + " (odd, " + KERNEL_SIZE_MIN + "-" + KERNEL_SIZE_MAX + ")]",
				"[--sigma " + (int) SIGMA_DEFAULT + " (image units, 0 = estimate)]",
				"[--steps " + BLIND_STEPS_DEFAULT + " (fast-em, diffusion-em) or " + NON_BLIND_STEPS_DEFAULT
						+ " (nonblind)]",
				"[--sigma 5 (on 255)] [--steps " + BLIND_STEPS_DEFAULT + "]",
				"[--particles " + PARTICLES_DEFAULT + "]", "[--guidance " + GUIDANCE_PIGDM + "|" + GUIDANCE_DPS + "]",
				"[--lambda " + (int) LAMBDA_DEFAULT + "]", "[--kernelscope " + SCOPE_PLANE + "|" + SCOPE_STACK + "]",
				"[--channelkernels " + CHANNELS_SHARED + "|" + CHANNELS_SEPARATE + "]", "[--seed " + SEED_DEFAULT + "]",
				"[--device " + DEVICE_AUTO + "|" + DEVICE_CPU + "|" + DEVICE_GPU + "]",
				"[--threads " + THREADS_DEFAULT + "]", "[--tilesize " + TILE_SIZE_DEFAULT + " (0 = automatic)]",
				"[--outeriterations " + OUTER_ITERATIONS_DEFAULT + " (diffusion-em)]",
				"[--restarts " + RESTARTS_DEFAULT + " (fast-em, hybrid, " + RESTARTS_MIN + "-" + RESTARTS_MAX + ")]",
				"[--family " + FAMILY_MOTION + "|" + FAMILY_GAUSSIAN + "|" + FAMILY_DEFOCUS + "|" + FAMILY_AIRY + "]",
				"[--kernelsize " + KERNEL_SIZE_DEFAULT + " (odd, " + KERNEL_SIZE_MIN + "-" + SIMULATE_KERNEL_SIZE_MAX
						+ ")]" }) {
			assertTrue(Usage.all().contains(part), "the usage texts should contain " + part + ":\n" + Usage.all());
		}
		assertTrue(FAMILY_DEFAULT.equals(FAMILY_MOTION) && GUIDANCE_DEFAULT.equals(GUIDANCE_PIGDM)
				&& SCOPE_DEFAULT.equals(SCOPE_PLANE) && CHANNELS_DEFAULT.equals(CHANNELS_SHARED)
				&& DEVICE_DEFAULT.equals(DEVICE_AUTO), "the usage text lists the default choice first");
	}

	private static void assertError(Run r, String message) {
		assertEquals(2, r.status(), r.out() + r.err());
		assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
	}

	private static double sum(float[] a) {
		double s = 0;
		for (float v : a) {
			s += v;
		}
		return s;
	}
}
