package org.fde.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.fde.kernel.gen.KernelFamily;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

/**
 * P4's cases: microscopy that the shipped image prior never saw, in three modalities, with optical PSFs.
 * <ul>
 * <li><b>Electron microscopy</b>: the ISBI 2012 ssTEM test slices 20&ndash;29 ({@link Manifest#MICROSCOPY_HOLDOUT},
 * models/training/data.py HOLDOUT).</li>
 * <li><b>Fluorescence</b>: the NIH3T3 Hoechst images of that hold-out (nuclei), then DSB 2018 fluorescence images.</li>
 * <li><b>Brightfield</b>: DSB 2018 brightfield and stained-histology images (colour converted to luminance).</li>
 * </ul>
 * DSB 2018's test part is a fixed rule on the file names, which are hexadecimal SHA-256 ids: the ids that begin with
 * {@value #DSB_TEST_PREFIXES} (86 of 664, about 13 %; the rest stays free for training). Within it, a gray image
 * whose median lies below the mid-point of its 1st and 99th percentiles (dark background) is fluorescence, any other
 * (bright background, or colour) brightfield. No image of DSB 2018 was used to train the shipped prior.
 * <p>
 * The cases alternate EM, fluorescence, brightfield (so that {@code --limit} keeps the mix); in each modality the
 * j-th image gets the PSF family j mod 3 (Gaussian, defocus, Airy) and a noise level from {1, 3, 10}/255 that
 * shifts every third image, so each modality covers 8 of the 9 (family, &sigma;) pairs. Percentile-normalised
 * {@value #CROP}&times;{@value #CROP} centre crops (DSB's smallest images are 256&sup2;, which leaves room for the
 * valid-region blur's margin), generated {@link Manifest#KERNEL}&times;{@link Manifest#KERNEL} PSFs.
 */
final class MicroscopyCases {

	/** Crop side of P4. */
	static final int CROP = 128;
	/** Noise levels of P4, in 1/255. */
	static final double[] SIGMAS_255 = { 1, 3, 10 };
	/** First hexadecimal digits of DSB 2018's test ids. */
	static final String DSB_TEST_PREFIXES = "01";
	private static final String DSB = "dsb2018_stage1";

	private MicroscopyCases() {
	}

	/** The three modalities, in case order. */
	enum Modality {
		EM("em"), FLUORESCENCE("fluo"), BRIGHTFIELD("bf");

		final String label;

		Modality(String label) {
			this.label = label;
		}
	}

	/** The first n cases (at most 3 &times; the smallest modality's image count). */
	static List<BenchCase> build(Path microscopy, int n, long seed, List<String> notes) {
		List<List<Path>> pools = pools(microscopy);
		for (Modality m : Modality.values()) {
			if (pools.get(m.ordinal()).isEmpty()) {
				notes.add("P4: no " + m.name().toLowerCase(Locale.ROOT) + " image found under " + microscopy);
			}
		}
		KernelFamily[] fams = { KernelFamily.GAUSSIAN, KernelFamily.DEFOCUS, KernelFamily.AIRY };
		List<BenchCase> out = new ArrayList<>();
		int[] next = new int[3];
		for (int q = 0; out.size() < n && q < 3 * 64; q++) {
			int c = q % 3;
			List<Path> pool = pools.get(c);
			if (next[c] >= pool.size()) {
				if (Arrays.stream(new int[] { 0, 1, 2 }).allMatch(i -> next[i] >= pools.get(i).size())) {
					break;
				}
				continue;
			}
			Path file = pool.get(next[c]);
			int j = next[c]++;
			ImageSource img = Manifest.centreCrop(file, Manifest.KERNEL / 2, true, CROP);
			if (img == null) {
				notes.add("P4: " + file + " is too small; skipped");
				continue;
			}
			long s = Manifest.caseSeed(seed, Protocol.P4, q);
			KernelSource k = new KernelSource.Generated(fams[j % 3], Manifest.KERNEL, s);
			double sig = SIGMAS_255[(j / 3 + j + c) % 3];
			String name = img.label();
			String id = "P4-" + Modality.values()[c].label + "-" + (name.length() > 12 ? name.substring(0, 12) : name)
					+ "-" + k.label() + "-s" + (int) sig;
			out.add(new BenchCase(id, Protocol.P4, img, k, sig / 255, Boundary.VALID, null, Manifest.KERNEL, s));
		}
		return out;
	}

	/** EM, fluorescence and brightfield test images, each list sorted by path. */
	static List<List<Path>> pools(Path microscopy) {
		List<Path> em = new ArrayList<>();
		List<Path> fluo = new ArrayList<>();
		List<Path> bright = new ArrayList<>();
		for (String rel : Manifest.MICROSCOPY_HOLDOUT) {
			Path f = microscopy.resolve(rel);
			if (Files.isRegularFile(f)) {
				(rel.startsWith("isbi") ? em : fluo).add(f);
			}
		}
		for (Path f : Manifest.list(microscopy.resolve(DSB))) {
			if (DSB_TEST_PREFIXES.indexOf(f.getFileName().toString().charAt(0)) < 0) {
				continue;
			}
			(isFluorescence(f) ? fluo : bright).add(f);
		}
		return List.of(em, fluo, bright);
	}

	/** A gray image with a dark background (median below the mid-point of its 1st and 99th percentiles). */
	static boolean isFluorescence(Path f) {
		ImagePlus imp = IJ.openImage(f.toString());
		if (imp == null) {
			return false;
		}
		if (imp.getProcessor() instanceof ColorProcessor cp) {
			int[] px = (int[]) cp.getPixels();
			int coloured = 0;
			for (int v : px) {
				int r = (v >> 16) & 255;
				int g = (v >> 8) & 255;
				int b = v & 255;
				if (Math.abs(r - g) > 8 || Math.abs(g - b) > 8) {
					coloured++;
				}
			}
			if (coloured > px.length / 100) {
				return false; // stained histology: brightfield
			}
		}
		float[] g = ImageFiles.readGray(f, false).data().clone();
		Arrays.sort(g);
		double lo = ImageFiles.quantile(g, 0.01);
		double hi = ImageFiles.quantile(g, 0.99);
		return ImageFiles.quantile(g, 0.5) < 0.5 * (lo + hi);
	}
}
