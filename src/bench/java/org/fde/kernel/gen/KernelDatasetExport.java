package org.fde.kernel.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a kernel training set for the Python kernel-prior trainer (models/training/train_kernel_prior.py).
 * <p>
 * For each size S it writes {@code kernels_S.npy} (float32, shape N&times;S&times;S, kernels as produced by
 * {@link KernelGenerator}) and {@code families_S.npy} (uint8, shape N, the {@link KernelFamily} ordinal of each
 * kernel), and once a {@code manifest.json} describing them. Kernel i of size S is the same whatever other sizes are
 * requested: each size has its own random stream, derived from the seed and S. A kernel is a motion kernel with
 * probability {@code motionFraction}, otherwise one of the three optical families with equal probability.
 * <pre>
 * java -cp target/classes org.fde.kernel.gen.KernelDatasetExport --out DIR --count 20000 --sizes 33,64 --seed 1 --motion-fraction 0.7
 * </pre>
 */
public final class KernelDatasetExport {

	public static final String USAGE = "usage: KernelDatasetExport --out DIR [--count N (default 20000)] "
			+ "[--sizes 33,64] [--seed S (default 1)] [--motion-fraction F in [0,1] (default 0.7)]";

	private static final KernelFamily[] OPTICAL = { KernelFamily.GAUSSIAN, KernelFamily.DEFOCUS, KernelFamily.AIRY };

	private KernelDatasetExport() {
	}

	/** Command-line entry point; exits with status 2 on bad arguments. */
	public static void main(String[] args) throws IOException {
		Path out = null;
		int count = 20000;
		int[] sizes = { 33, 64 };
		long seed = 1;
		double motion = 0.7;
		try {
			for (int i = 0; i < args.length; i++) {
				String a = args[i];
				if (a.equals("--help") || a.equals("-h")) {
					System.out.println(USAGE);
					return;
				}
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(a + " needs a value");
				}
				String v = args[++i];
				switch (a) {
				case "--out":
					out = Paths.get(v);
					break;
				case "--count":
					count = Integer.parseInt(v);
					break;
				case "--sizes":
					sizes = Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
					break;
				case "--seed":
					seed = Long.parseLong(v);
					break;
				case "--motion-fraction":
					motion = Double.parseDouble(v);
					break;
				default:
					throw new IllegalArgumentException("unknown option " + a);
				}
			}
			if (out == null) {
				throw new IllegalArgumentException("--out is required");
			}
			long t0 = System.nanoTime();
			Path manifest = export(out, count, sizes, seed, motion, true);
			System.err.printf(Locale.ROOT, "wrote %s in %.1f s%n", manifest, (System.nanoTime() - t0) * 1e-9);
		} catch (IllegalArgumentException e) {
			System.err.println("error: " + e.getMessage());
			System.err.println(USAGE);
			System.exit(2);
		}
	}

	/**
	 * Write the data set into {@code out} (created if needed; existing files of the same names are replaced).
	 *
	 * @param count          kernels per size, &ge; 1
	 * @param sizes          one or more sizes in [{@value KernelGenerator#MIN_SIZE}, {@value KernelGenerator#MAX_SIZE}]
	 * @param motionFraction probability of a motion kernel, in [0, 1]
	 * @return the path of the manifest
	 */
	public static Path export(Path out, int count, int[] sizes, long seed, double motionFraction) throws IOException {
		return export(out, count, sizes, seed, motionFraction, false);
	}

	private static Path export(Path out, int count, int[] sizes, long seed, double motionFraction, boolean verbose)
			throws IOException {
		if (count < 1) {
			throw new IllegalArgumentException("count must be in [1, " + Integer.MAX_VALUE + "], got " + count);
		}
		if (sizes == null || sizes.length == 0) {
			throw new IllegalArgumentException("sizes must list at least one size in [" + KernelGenerator.MIN_SIZE
					+ ", " + KernelGenerator.MAX_SIZE + "]");
		}
		for (int s : sizes) {
			Checks.size(s);
		}
		Checks.range("motionFraction", motionFraction, 0, 1);
		Files.createDirectories(out);
		List<String> entries = new ArrayList<>();
		for (int size : sizes) {
			entries.add(writeSize(out, count, size, seed, motionFraction, verbose));
		}
		String json = "{\n"
				+ "  \"format\": \"fde-kernel-dataset/1\",\n"
				+ "  \"generator\": \"org.fde.kernel.gen.KernelGenerator\",\n"
				+ "  \"seed\": " + seed + ",\n"
				+ "  \"count_per_size\": " + count + ",\n"
				+ "  \"motion_fraction\": " + motionFraction + ",\n"
				+ "  \"family_codes\": {\"0\": \"MOTION\", \"1\": \"GAUSSIAN\", \"2\": \"DEFOCUS\", \"3\": \"AIRY\"},\n"
				+ "  \"parameters\": \"motion intensity U(" + KernelGenerator.MOTION_INTENSITY_MIN + ", "
				+ KernelGenerator.MOTION_INTENSITY_MAX + "); gaussian sigmas U(0.5, S/8), angle U(0, pi); "
				+ "defocus radius U(1, S/4); airy first zero U(1.5, S/6)\",\n"
				+ "  \"conventions\": \"row-major S x S, true-convolution orientation, >= 0, sum 1, "
				+ "centre of mass at (floor(S/2), floor(S/2))\",\n"
				+ "  \"files\": [\n" + String.join(",\n", entries) + "\n  ]\n"
				+ "}\n";
		Path manifest = out.resolve("manifest.json");
		Files.writeString(manifest, json, StandardCharsets.UTF_8);
		return manifest;
	}

	private static String writeSize(Path out, int count, int size, long seed, double motionFraction, boolean verbose)
			throws IOException {
		SplittableRandom rng = new SplittableRandom(new SplittableRandom(seed).nextLong() + 0x9E3779B97F4A7C15L * size);
		String kernelsName = "kernels_" + size + ".npy";
		String familiesName = "families_" + size + ".npy";
		int[] counts = new int[KernelFamily.values().length];
		byte[] families = new byte[count];
		try (NpyWriter w = NpyWriter.open(out.resolve(kernelsName), NpyWriter.Dtype.FLOAT32, count, size, size)) {
			for (int i = 0; i < count; i++) {
				SplittableRandom kr = new SplittableRandom(rng.nextLong());
				KernelFamily family = kr.nextDouble() < motionFraction ? KernelFamily.MOTION
						: OPTICAL[kr.nextInt(OPTICAL.length)];
				w.write(KernelGenerator.random(family, size, kr.nextLong()));
				families[i] = (byte) family.ordinal();
				counts[family.ordinal()]++;
				if (verbose && (i + 1) % 5000 == 0) {
					System.err.printf(Locale.ROOT, "size %d: %d / %d%n", size, i + 1, count);
				}
			}
		}
		try (NpyWriter w = NpyWriter.open(out.resolve(familiesName), NpyWriter.Dtype.UINT8, count)) {
			w.write(families);
		}
		return "    {\"size\": " + size + ", \"kernels\": \"" + kernelsName + "\", \"families\": \"" + familiesName
				+ "\", \"shape\": [" + count + ", " + size + ", " + size + "], \"dtype\": \"float32\", "
				+ "\"family_counts\": {\"MOTION\": " + counts[0] + ", \"GAUSSIAN\": " + counts[1]
				+ ", \"DEFOCUS\": " + counts[2] + ", \"AIRY\": " + counts[3] + "}}";
	}
}
