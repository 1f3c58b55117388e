package org.fde.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.fde.kernel.gen.KernelFamily;

/**
 * The list of cases of a run, built from a preset and the shared data folder (never copied into the repository).
 * <ul>
 * <li>P1: centre 256&times;256 crops of test/natural/bsd68 (evenly spaced over the sorted files), generated
 * 33&times;33 motion kernels, circular blur, &sigma; cycling through {5, 10, 20}/255.</li>
 * <li>P2: paired with P1: P2's case i is one of P1's cases (spread evenly over them) with the same image crop, the
 * same kernel and the same &sigma;, but a valid-region blur of the crop enlarged by the kernel footprint instead of
 * the circular blur. So the difference between a method's P1 and P2 figures on the paired cases is the boundary's
 * alone (issue #4: "same kernels and noise"; the noise realisation differs).</li>
 * <li>P3: Levin et al.'s 32 captures (test/blur_pairs/levin09_selfdeblur), enumerated so that each block of 8
 * consecutive cases holds each of the 8 kernels once (im1-k1, im2-k2, im3-k3, im4-k4, im1-k5, ..., im4-k8, then
 * im1-k2, ...); true kernel = kernels/levin09/*.npy rotated by 180&deg; (MANIFEST.md &sect;4).</li>
 * <li>P4: held-out microscopy ({@link MicroscopyCases}: electron microscopy, fluorescence, brightfield), percentile-
 * normalised centre 128&times;128 crops, generated 33&times;33 Gaussian/defocus/Airy PSFs, valid-region blur, &sigma;
 * &isin; {1, 3, 10}/255.</li>
 * <li>P5: real kernels on bsd68 and sun80 crops under noise ({@link P5Cases}).</li>
 * <li>F4: bsd68 crops (other images again), motion kernels, circular blur, each at &sigma; &isin; {0, 5, 10, 20}/255.</li>
 * </ul>
 * The smoke preset uses generated 64&times;64 images and 15&times;15 kernels for P1, P2 and F4, and no files.
 * Protocols whose data folder is missing are skipped with a note.
 *
 * @param cases the cases, protocol by protocol
 * @param notes lines for the log and the report (skipped protocols and why)
 */
public record Manifest(List<BenchCase> cases, List<String> notes) {

	/** models/training/data.py HOLDOUT: microscopy images kept out of training, relative to train/microscopy. */
	public static final List<String> MICROSCOPY_HOLDOUT = holdout();

	/** Noise levels of P1 and P2, in 1/255, assigned in turn (P4: {@link MicroscopyCases#SIGMAS_255}). */
	public static final double[] SIGMAS_255 = { 5, 10, 20 };
	/** Noise levels of the ablation, in 1/255. */
	public static final double[] ABLATION_SIGMAS_255 = { 0, 5, 10, 20 };
	/** Crop side of P1, P2 and F4 (P4: {@link MicroscopyCases#CROP}). */
	public static final int CROP = 256;
	/** Kernel side of the generated kernels and of the estimates. */
	public static final int KERNEL = 33;

	private static List<String> holdout() {
		List<String> l = new ArrayList<>();
		for (int i = 20; i < 30; i++) {
			l.add("isbi2012_em_ssTEM/test_image/" + i + ".png");
		}
		for (int i : new int[] { 45, 46, 47, 49 }) {
			l.add("coelho2009_nih3t3_hoechst/dna-" + i + ".png");
		}
		return Collections.unmodifiableList(l);
	}

	/**
	 * @param preset    the sizes
	 * @param dataRoot  the shared data folder (holding test/, train/, kernels/)
	 * @param protocols which protocols
	 * @param limit     at most this many cases (images for F4) per protocol; 0 = no limit
	 * @param seed      the run's seed (kernels, noise and samplers derive from it)
	 */
	public static Manifest build(Preset preset, Path dataRoot, Set<Protocol> protocols, int limit, long seed) {
		List<BenchCase> cases = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		for (Protocol p : Protocol.values()) {
			if (!protocols.contains(p)) {
				continue;
			}
			int n = preset.count(p);
			if (limit > 0) {
				n = Math.min(n, limit);
			}
			if (n == 0) {
				notes.add("skipping " + p + ": the " + preset.name() + " preset has no " + p + " cases");
				continue;
			}
			// P2 pairs with P1's cases as P1 would have them in this run (P1 need not be run)
			int p1Count = limit > 0 ? Math.min(preset.count(Protocol.P1), limit) : preset.count(Protocol.P1);
			List<BenchCase> got = preset == Preset.SMOKE ? smoke(p, n, seed)
					: fromData(p, n, Math.max(n, p1Count), dataRoot, seed, notes);
			cases.addAll(got);
		}
		return new Manifest(List.copyOf(cases), List.copyOf(notes));
	}

	private static List<BenchCase> smoke(Protocol p, int n, long seed) {
		List<BenchCase> out = new ArrayList<>();
		int size = 64;
		int ks = 15;
		for (int i = 0; i < n; i++) {
			long s = caseSeed(seed, p == Protocol.P2 ? Protocol.P1 : p, i); // P2's case i pairs with P1's case i
			ImageSource img = new ImageSource.Generated(size, size, s);
			KernelSource k = new KernelSource.Generated(KernelFamily.MOTION, ks, s);
			if (p == Protocol.F4) {
				for (double sig : new double[] { 0, 10 }) {
					out.add(new BenchCase(id(p, img, k, sig), p, img, k, sig / 255, Boundary.CIRCULAR, null, ks, s));
				}
			} else if (p == Protocol.P1 || p == Protocol.P2) {
				double sig = SIGMAS_255[i % SIGMAS_255.length];
				Boundary b = p == Protocol.P1 ? Boundary.CIRCULAR : Boundary.VALID;
				out.add(new BenchCase(id(p, img, k, sig), p, img, k, sig / 255, b, null, ks, s));
			}
		}
		return out;
	}

	/** @param p1Count P1's case count in this run (P2 picks its cases among P1's) */
	private static List<BenchCase> fromData(Protocol p, int n, int p1Count, Path root, long seed, List<String> notes) {
		List<BenchCase> out = new ArrayList<>();
		switch (p) {
		case P1, P2, F4: {
			Path dir = root.resolve("test/natural/bsd68");
			List<Path> files = list(dir);
			if (files.isEmpty()) {
				notes.add("skipping " + p + ": data folder " + dir + " not found or empty");
				return out;
			}
			// P1 (and P2, paired with it) and F4 take interleaved images so that they do not share crops
			boolean paired = p == Protocol.P2;
			int phase = p == Protocol.F4 ? 2 : 0;
			List<Path> picked = spread(files, paired ? p1Count : n, phase, 3);
			List<Integer> which = new ArrayList<>();
			for (int i = 0; i < picked.size(); i++) {
				which.add(i);
			}
			if (paired) {
				which = spread(which, n, 0, 1);
			}
			for (int i : which) {
				long s = caseSeed(seed, paired ? Protocol.P1 : p, i); // the paired P1 case's kernel
				int margin = p == Protocol.P2 ? KERNEL / 2 : 0; // the valid blur needs KERNEL - 1 more pixels in all
				ImageSource img = centreCrop(picked.get(i), margin, false);
				if (img == null) {
					notes.add(p + ": " + picked.get(i) + " is too small for a " + CROP + " crop; skipped");
					continue;
				}
				KernelSource k = new KernelSource.Generated(KernelFamily.MOTION, KERNEL, s);
				if (p == Protocol.F4) {
					for (double sig : ABLATION_SIGMAS_255) {
						out.add(new BenchCase(id(p, img, k, sig), p, img, k, sig / 255, Boundary.CIRCULAR, null, KERNEL,
								s));
					}
				} else {
					double sig = SIGMAS_255[i % SIGMAS_255.length];
					Boundary b = p == Protocol.P1 ? Boundary.CIRCULAR : Boundary.VALID;
					out.add(new BenchCase(id(p, img, k, sig), p, img, k, sig / 255, b, null, KERNEL, s));
				}
			}
			return out;
		}
		case P3: {
			Path dir = root.resolve("test/blur_pairs/levin09_selfdeblur");
			Path kdir = root.resolve("kernels/levin09");
			if (!Files.isDirectory(dir.resolve("blurred")) || !Files.isDirectory(kdir)) {
				notes.add("skipping P3: data folders " + dir + " and " + kdir + " not found");
				return out;
			}
			for (int q = 0; q < Math.min(n, 32); q++) {
				// kernel q mod 8 shifted by one every 8 cases, image q mod 4: each block of 8 consecutive cases holds
				// every kernel once and every image twice. Earlier the cases ran in the order 9q mod 32 (with
				// the same seed per pair), whose first 8 held only the odd kernels.
				int im = q % 4 + 1;
				int ker = (q + q / 8) % 8 + 1;
				Path sharp = dir.resolve("gt/im" + im + ".png");
				Path captured = dir.resolve("blurred/im" + im + "_kernel" + ker + "_img.png");
				Path npy = kdir.resolve("levin09_kernel" + ker + ".npy");
				if (!Files.isRegularFile(sharp) || !Files.isRegularFile(captured) || !Files.isRegularFile(npy)) {
					notes.add("P3: missing one of " + sharp + ", " + captured + ", " + npy + "; skipped");
					continue;
				}
				ImageFiles.Gray g = ImageFiles.readGray(sharp, false);
				ImageSource img = new ImageSource.FileCrop(sharp, 0, 0, g.width(), g.height(), false);
				KernelSource k = new KernelSource.NpyFile(npy, true);
				out.add(new BenchCase("P3-im" + im + "-k" + ker, p, img, k, Double.NaN, Boundary.REAL, captured, KERNEL,
						caseSeed(seed, p, q)));
			}
			return out;
		}
		case P5:
			return P5Cases.build(root, n, seed, notes);
		case P4: {
			Path dir = root.resolve("train/microscopy");
			if (!Files.isDirectory(dir)) {
				notes.add("skipping P4: no microscopy folder " + dir);
				return out;
			}
			return MicroscopyCases.build(dir, n, seed, notes);
		}
		default:
			throw new AssertionError(p);
		}
	}

	static String id(Protocol p, ImageSource img, KernelSource k, double sig255) {
		return p + "-" + img.label() + "-" + k.label() + "-s" + (int) Math.round(sig255);
	}

	/** A crop of CROP&times;CROP at the centre, with room for {@code margin} on every side; null if it does not fit. */
	static ImageSource centreCrop(Path file, int margin, boolean percentile) {
		return centreCrop(file, margin, percentile, CROP);
	}

	/** A crop of crop&times;crop at the centre, with room for {@code margin} on every side; null if it does not fit. */
	static ImageSource centreCrop(Path file, int margin, boolean percentile, int crop) {
		ImageFiles.Gray g = ImageFiles.readGray(file, false);
		if (g.width() < crop + 2 * margin || g.height() < crop + 2 * margin) {
			return null;
		}
		return new ImageSource.FileCrop(file, (g.width() - crop) / 2, (g.height() - crop) / 2, crop, crop, percentile);
	}

	/** n items evenly spread over the list, taking every {@code stride}-th slot from {@code phase}. */
	static <T> List<T> spread(List<T> all, int n, int phase, int stride) {
		List<T> pool = new ArrayList<>();
		for (int i = phase; i < all.size(); i += stride) {
			pool.add(all.get(i));
		}
		if (pool.isEmpty()) {
			pool = all;
		}
		List<T> out = new ArrayList<>();
		int m = Math.min(n, pool.size());
		for (int i = 0; i < m; i++) {
			out.add(pool.get((int) ((long) i * pool.size() / m)));
		}
		return out;
	}

	static List<Path> list(Path dir) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|tif|tiff|jpg)"))
					.sorted().collect(Collectors.toList());
		} catch (IOException e) {
			return List.of();
		}
	}

	/** A per-case seed derived from the run's seed, the protocol's {@link #seedCode} and the index. */
	static long caseSeed(long seed, Protocol p, int i) {
		return new SplittableRandom(seed * 1_000_003L + seedCode(p) * 10_007L + i).nextLong() & 0x7fffffffL;
	}

	/**
	 * Each protocol's fixed code in the case seeds (the enum's order when P5 was added), so that a protocol added to
	 * the enum changes no other protocol's cases; adding P5 before F4 once did (docs/design-choices.md).
	 */
	static int seedCode(Protocol p) {
		return switch (p) {
		case P1 -> 0;
		case P2 -> 1;
		case P3 -> 2;
		case P4 -> 3;
		case P5 -> 4;
		case F4 -> 5;
		};
	}
}
