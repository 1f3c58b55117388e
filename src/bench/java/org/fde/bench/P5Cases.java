package org.fde.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The cases of P5 (issue 31): real kernel shapes under noise.
 * <ul>
 * <li><b>Kernels</b>, {@value #DISTINCT_KERNELS} distinct ones from {@code kernels/}: Levin et al.'s 8 (rotated by
 * 180&deg;, as P3 uses them: the physical blur of their captures), Lai et al.'s 4 (31 to 75 px), the KAIR motion
 * kernels 11 and 12 (KAIR's 09 and 10 are Levin's 8 and 7 zero-padded, MANIFEST.md &sect;4, so they are left out as
 * duplicates; 01&ndash;08 are Gaussians, not real shapes) and KAIR's two large ones (67 and 70 px; even sides are
 * padded to odd, {@link KernelSource.NpyFile}). A missing file is skipped with a note.</li>
 * <li><b>Images</b>: centre {@value #CROP}&times;{@value #CROP} crops of {@code test/natural/bsd68} and
 * {@code test/natural/sun_hays80} (as gray), each list in a seeded random order, one image per case (the two sets
 * hold 148 images); case q takes BSD68 when (q mod 4 + &lfloor;q / 4&rfloor;) is even, else Sun80, so that every
 * noise level gets both sets equally (an earlier version alternated with q alone, which tied BSD68 to 1 and 5/255
 * and Sun80 to 2.55 and 10/255; the first four cases are the same in both). The crop is enlarged by the kernel
 * footprint for the valid-region blur.</li>
 * <li><b>Noise</b>: &sigma; &isin; {@link #SIGMAS_255}. The kernels are put in a seeded random order; the kernel at
 * position j runs at every level except level j mod 4 in the first 48 cases (12 cases per level, every kernel three
 * times), and at that level in cases 49&ndash;64. The cases come in blocks of four, one per level, so that any
 * prefix (a {@code --limit}, or an interrupted run) is balanced over the levels.</li>
 * <li><b>Estimate size</b>: the blind methods estimate a window of max(33, the kernel's odd side): what a user who
 * knows the blur's extent would set.</li>
 * </ul>
 * Scoring is at the best shift within &plusmn;5 px ({@link Evaluator}), as on P3: a blind kernel's position is free.
 */
public final class P5Cases {

	/** Noise levels, in 1/255. */
	public static final double[] SIGMAS_255 = { 1, 2.55, 5, 10 };
	/** Crop side: 128 keeps a diffusion run affordable on a shared 2-core CPU. */
	public static final int CROP = 128;
	/** The full preset's case count: every kernel at three of the four levels. */
	public static final int FULL = 48;
	/** The most cases there are: every kernel at every level. */
	static final int DISTINCT_KERNELS = 16;

	/** The kernels, relative to the data folder's {@code kernels/}, and whether each is rotated by 180&deg;. */
	static final List<String> KERNELS = kernelFiles();

	private P5Cases() {
	}

	private static List<String> kernelFiles() {
		List<String> l = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			l.add("levin09/levin09_kernel" + i + ".npy");
		}
		for (int i = 1; i <= 4; i++) {
			l.add("lai2016/kernel_0" + i + ".npy");
		}
		l.add("kair_kernels12/kernels12_11.npy");
		l.add("kair_kernels12/kernels12_12.npy");
		l.add("kair_large/k_large_1.npy");
		l.add("kair_large/k_large_2.npy");
		return List.copyOf(l);
	}

	/**
	 * @param root  the data folder (holding kernels/ and test/natural/)
	 * @param n     at most this many cases (at most 4 &times; the kernels found)
	 * @param seed  the run's seed: kernel order, image order and noise
	 * @param notes receives what was skipped and why
	 */
	static List<BenchCase> build(Path root, int n, long seed, List<String> notes) {
		List<BenchCase> out = new ArrayList<>();
		List<KernelSource> kernels = new ArrayList<>();
		for (String k : KERNELS) {
			Path f = root.resolve("kernels").resolve(k);
			if (Files.isRegularFile(f)) {
				kernels.add(new KernelSource.NpyFile(f, k.startsWith("levin09/")));
			} else {
				notes.add("P5: kernel " + f + " not found; skipped");
			}
		}
		List<Path> bsd = Manifest.list(root.resolve("test/natural/bsd68"));
		List<Path> sun = Manifest.list(root.resolve("test/natural/sun_hays80"));
		if (kernels.isEmpty() || bsd.isEmpty() && sun.isEmpty()) {
			notes.add("skipping P5: no kernels under " + root.resolve("kernels") + " or no images under "
					+ root.resolve("test/natural") + " (bsd68, sun_hays80)");
			return out;
		}
		SplittableRandom rnd = new SplittableRandom(seed * 7_919L + 5);
		shuffle(kernels, rnd);
		bsd = shuffled(bsd, rnd);
		sun = shuffled(sun, rnd);
		List<int[]> pairs = order(kernels.size());
		int[] used = new int[2];
		for (int q = 0; q < pairs.size() && out.size() < n; q++) {
			KernelSource k = kernels.get(pairs.get(q)[0]);
			double sig = SIGMAS_255[pairs.get(q)[1]];
			int size = k.load().size();
			ImageSource img = null;
			while (img == null) { // the next image of the case's set (the other set when it runs out) that fits
				// the set alternates within a block and swaps between blocks: each level gets both sets equally
				int prefer = (q % 4 + q / 4) % 2;
				int set = (prefer == 0 && used[0] < bsd.size()) || used[1] >= sun.size() ? 0 : 1;
				List<Path> files = set == 0 ? bsd : sun;
				if (used[set] >= files.size()) {
					notes.add("P5: images ran out after " + out.size() + " cases");
					return out;
				}
				Path file = files.get(used[set]++);
				img = Manifest.centreCrop(file, size, false, CROP);
				if (img == null) {
					notes.add("P5: " + file + " is too small for a " + CROP + " crop with a " + size + " px kernel; "
							+ "skipped");
				}
			}
			String id = "P5-" + img.label() + "-" + k.label() + "-s" + sigmaLabel(sig);
			out.add(new BenchCase(id, Protocol.P5, img, k, sig / 255, Boundary.VALID, null,
					Math.max(Manifest.KERNEL, size | 1), Manifest.caseSeed(seed, Protocol.P5, q)));
		}
		return out;
	}

	/**
	 * (kernel position, level index) in run order for m kernels: rounds of four cases, one per level; kernel j at every
	 * level except j mod 4 first, then the left-out pairs.
	 */
	static List<int[]> order(int m) {
		int levels = SIGMAS_255.length;
		List<List<Integer>> first = new ArrayList<>();
		List<List<Integer>> rest = new ArrayList<>();
		for (int s = 0; s < levels; s++) {
			first.add(new ArrayList<>());
			rest.add(new ArrayList<>());
			for (int j = 0; j < m; j++) {
				(j % levels == s ? rest : first).get(s).add(j);
			}
		}
		List<int[]> out = new ArrayList<>();
		for (List<List<Integer>> part : List.of(first, rest)) {
			int rounds = part.stream().mapToInt(List::size).max().orElse(0);
			for (int r = 0; r < rounds; r++) {
				for (int s = 0; s < levels; s++) {
					if (r < part.get(s).size()) {
						out.add(new int[] { part.get(s).get(r), s });
					}
				}
			}
		}
		return out;
	}

	/** 1, 2.55, 5, 10: the level as written in case ids. */
	static String sigmaLabel(double sig255) {
		return sig255 == Math.rint(sig255) ? Integer.toString((int) sig255) : String.format(Locale.ROOT, "%.2f", sig255);
	}

	private static <T> List<T> shuffled(List<T> l, SplittableRandom rnd) {
		List<T> c = new ArrayList<>(l);
		shuffle(c, rnd);
		return c;
	}

	private static <T> void shuffle(List<T> l, SplittableRandom rnd) {
		for (int i = l.size() - 1; i > 0; i--) {
			int j = rnd.nextInt(i + 1);
			T t = l.get(i);
			l.set(i, l.get(j));
			l.set(j, t);
		}
	}
}
