package org.fde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.fde.cli.CliFixtures.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

/** {@code --help} per command, the user / developer listing, typo suggestions and simulate's --psf-sigma / --noise. */
class CliHelpTest {

	@Test
	void everyCommandsHelpPrintsItsUsageAndExitsZero() {
		for (String c : new String[] { "deblur", "simulate", "demo", "bench", "bench-cost", "bench-denoise",
				"bench-memory", "bench-tiling", "bench-known-kernel", "mstep-pairs" }) {
			Run r = CliFixtures.run(c, "--help");
			assertEquals(0, r.status(), c + ": " + r.err());
			assertTrue(r.out().startsWith("usage:"), c + ": " + r.out());
			assertTrue(r.out().contains(c), c + ": " + r.out());
			assertEquals(0, CliFixtures.run("dev", c, "-h").status(), "dev " + c);
		}
		// the help wins over missing required options
		Run r = CliFixtures.run("deblur", "--kernelsize", "5", "--help");
		assertEquals(0, r.status(), r.err());
		assertTrue(r.out().contains("--input FILE|FOLDER"), r.out());
	}

	@Test
	void theTopLevelListingShowsUserCommandsApartFromDeveloperTools() {
		Run top = CliFixtures.run("--help");
		assertEquals(0, top.status());
		for (String c : new String[] { "deblur", "simulate", "demo" }) {
			assertTrue(top.out().contains("  " + c + " "), top.out());
		}
		assertFalse(top.out().contains("bench-"), "developer tools are listed by 'dev --help':\n" + top.out());
		assertFalse(top.out().matches("(?s).*issue\\s*#?\\d.*"), top.out());
		Run dev = CliFixtures.run("dev", "--help");
		assertEquals(0, dev.status());
		assertTrue(dev.out().contains("bench-memory") && dev.out().contains("kernels"), dev.out());
		assertFalse(Usage.all().matches("(?s).*[Ii]ssue\\s*#?\\d.*"), "no issue numbers in the help texts");
	}

	@Test
	void typosGetASuggestion() {
		Run c = CliFixtures.run("deblr");
		assertEquals(2, c.status());
		assertTrue(c.err().contains("unknown command 'deblr' (did you mean deblur?)"), c.err());
		Run t = CliFixtures.run("dev", "bench-tilng");
		assertTrue(t.err().contains("did you mean bench-tiling?"), t.err());
		Run o = CliFixtures.run("simulate", "--inptu", "a.tif", "--output", "b.tif", "--kernel-output", "k.tif");
		assertEquals(2, o.status());
		assertTrue(o.err().contains("--input is required (the sharp image file); --inptu was given: did you mean "
				+ "--input?"), o.err());
		Run o2 = CliFixtures.run("simulate", "--input", "a.tif", "--output", "b.tif", "--kernel-output", "k.tif",
				"--famliy", "gaussian");
		assertTrue(o2.err().contains("unknown option --famliy (did you mean --family?)"), o2.err());
		Run far = CliFixtures.run("zzzzzz");
		assertFalse(far.err().contains("did you mean"), far.err());
	}

	@Test
	void simulateSetsTheGaussianPsfWidthAndNamesTheNoiseExplicitly(@TempDir Path tmp) {
		Path in = CliFixtures.saveTiff(CliFixtures.plane("sharp", 8), tmp.resolve("sharp.tif"));
		Path out = tmp.resolve("blurred.tif");
		Path kernel = tmp.resolve("kernel.tif");
		Run r = CliFixtures.run("simulate", "--input", in.toString(), "--output", out.toString(), "--kernel-output",
				kernel.toString(), "--family", "gaussian", "--kernelsize", "9", "--psf-sigma", "1.5", "--noise", "0");
		assertEquals(0, r.status(), r.err());
		float[] k = kernelOf(kernel, 9);
		// an isotropic Gaussian of sigma 1.5 px (plus the pixel integration's 1/12): its variance along x
		double vx = 0;
		for (int y = 0; y < 9; y++) {
			for (int x = 0; x < 9; x++) {
				vx += k[y * 9 + x] * (x - 4) * (x - 4);
			}
		}
		assertEquals(1.5 * 1.5 + 1.0 / 12, vx, 0.08, "variance of the kernel along x");
		assertEquals(k[4 * 9 + 2], k[2 * 9 + 4], 1e-6, "isotropic");

		Run wrongFamily = CliFixtures.run("simulate", "--input", in.toString(), "--output", out.toString(),
				"--kernel-output", kernel.toString(), "--overwrite", "--family", "motion", "--psf-sigma", "2");
		assertEquals(2, wrongFamily.status());
		assertTrue(wrongFamily.err().contains("--psf-sigma sets the width of a gaussian PSF"), wrongFamily.err());
		Run both = CliFixtures.run("simulate", "--input", in.toString(), "--output", out.toString(),
				"--kernel-output", kernel.toString(), "--overwrite", "--noise", "1", "--sigma", "1");
		assertEquals(2, both.status());
		assertTrue(both.err().contains("--noise and --sigma are the same option"), both.err());
		Run tooWide = CliFixtures.run("simulate", "--input", in.toString(), "--output", out.toString(),
				"--kernel-output", kernel.toString(), "--overwrite", "--family", "gaussian", "--kernelsize", "9",
				"--psf-sigma", "5");
		assertEquals(2, tooWide.status());
		assertTrue(tooWide.err().contains("--psf-sigma must be in [0.25, 4.5]"), tooWide.err());
		// the old spelling still works
		Run old = CliFixtures.run("simulate", "--input", in.toString(), "--output", out.toString(),
				"--kernel-output", kernel.toString(), "--overwrite", "--kernelsize", "9", "--sigma", "2");
		assertEquals(0, old.status(), old.err());
		assertTrue(Files.exists(out));
	}

	private static float[] kernelOf(Path file, int size) {
		ImagePlus imp = IJ.openImage(file.toString());
		float[] k = (float[]) imp.getProcessor().convertToFloat().getPixels();
		assertEquals(size * size, k.length);
		double sum = 0;
		for (float v : k) {
			sum += v;
		}
		assertEquals(1, sum, 1e-4, "the written kernel sums to 1");
		return k;
	}
}
