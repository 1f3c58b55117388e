package org.fde.bench;

import java.nio.file.Path;

import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;

/** Where a case's true kernel comes from. Kernels are row-major, square, non-negative and sum to 1. */
public sealed interface KernelSource permits KernelSource.Generated, KernelSource.NpyFile {

	/** A short, file-name-safe label. */
	String label();

	/** The kernel, normalised to sum 1. */
	Kernel load();

	/** A loaded kernel: size&times;size values. */
	record Kernel(float[] values, int size) {

		public Kernel {
			if (values.length != size * size) {
				throw new IllegalArgumentException("kernel has " + values.length + " values, expected " + size + "x"
						+ size);
			}
		}
	}

	/** {@link KernelGenerator#random} of the family and size with this seed. */
	record Generated(KernelFamily family, int size, long seed) implements KernelSource {

		@Override
		public String label() {
			return family.name().toLowerCase(java.util.Locale.ROOT).substring(0, 3) + size + "-" + seed;
		}

		@Override
		public Kernel load() {
			return new Kernel(KernelGenerator.random(family, size, seed), size);
		}
	}

	/**
	 * A 2-D square kernel stored as .npy (float32 or float64), optionally rotated by 180&deg;: Levin's stored kernels
	 * explain the captures by <em>correlation</em> (shared/data/MANIFEST.md &sect;4), i.e. by convolution with the
	 * rotated kernel, which is the convention of this project's operators. A kernel of even side (KAIR's 70 px one)
	 * gets a zero row and column at the end, so that every loaded kernel has an odd side as the solvers require.
	 */
	record NpyFile(Path path, boolean rotate180) implements KernelSource {

		@Override
		public String label() {
			String name = path.getFileName().toString().replace(".npy", "");
			return name.replaceAll("[^A-Za-z0-9_-]", "_") + (rotate180 ? "r" : "");
		}

		@Override
		public Kernel load() {
			NpyReader.Array a = NpyReader.read(path);
			if (a.shape().length != 2 || a.shape()[0] != a.shape()[1]) {
				throw new IllegalArgumentException(path + ": expected a square 2-D kernel, got shape "
						+ java.util.Arrays.toString(a.shape()));
			}
			int s = a.shape()[0];
			float[] k = new float[s * s];
			double sum = 0;
			for (int i = 0; i < k.length; i++) {
				k[i] = (float) Math.max(0, a.values()[rotate180 ? k.length - 1 - i : i]);
				sum += k[i];
			}
			if (!(sum > 0)) {
				throw new IllegalArgumentException(path + ": kernel has no positive mass");
			}
			for (int i = 0; i < k.length; i++) {
				k[i] /= sum;
			}
			if (s % 2 == 0) {
				float[] odd = new float[(s + 1) * (s + 1)];
				for (int r = 0; r < s; r++) {
					System.arraycopy(k, r * s, odd, r * (s + 1), s);
				}
				return new Kernel(odd, s + 1);
			}
			return new Kernel(k, s);
		}
	}
}
