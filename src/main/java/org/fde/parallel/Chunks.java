package org.fde.parallel;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Element-wise loops split into chunks of a FIXED size ({@value #SIZE} elements), run on the common fork-join pool.
 * <p>
 * Because the chunking does not depend on the number of threads, everything computed per chunk is reproducible on
 * any machine: a chunk's own random stream ({@link #forEachChunk}), and sums, which are added chunk by chunk in
 * chunk order ({@link #sum}). Loops of one chunk or less run inline on the caller's thread.
 * <p>
 * Used for the per-pixel passes of a diffusion step (x&#770;0, residual spectra, guidance, sampler), which run
 * while the network is idle and would otherwise use one core of the machine.
 */
public final class Chunks {

	/** Elements per chunk. */
	public static final int SIZE = 1 << 14;

	/**
	 * {@code -Dfde.parallel=false} runs every loop on the caller's thread (same results: the chunking is the same),
	 * for a user who wants the solver's Java side on one core.
	 */
	private static final boolean PARALLEL = !"false".equalsIgnoreCase(System.getProperty("fde.parallel", "true"));

	private Chunks() {
	}

	/** A loop body over the element range [from, to). */
	@FunctionalInterface
	public interface Range {
		void run(int from, int to);
	}

	/** A loop body over the element range [from, to) of chunk {@code chunk}. */
	@FunctionalInterface
	public interface IndexedRange {
		void run(int chunk, int from, int to);
	}

	/** A partial sum over the element range [from, to). */
	@FunctionalInterface
	public interface RangeSum {
		double sum(int from, int to);
	}

	/** The number of chunks of a loop over n elements (at least 1). */
	public static int count(int n) {
		return Math.max(1, (n + SIZE - 1) / SIZE);
	}

	/** Runs {@code body} over [0, n) chunk by chunk, in parallel when there are several chunks. */
	public static void forEach(int n, Range body) {
		forEachChunk(n, (c, from, to) -> body.run(from, to));
	}

	/** Runs {@code body} over [0, n) chunk by chunk, with the chunk index, in parallel when there are several. */
	public static void forEachChunk(int n, IndexedRange body) {
		if (n < 0) {
			throw new IllegalArgumentException("negative loop length " + n);
		}
		int chunks = count(n);
		if (chunks == 1) {
			body.run(0, 0, n);
			return;
		}
		if (!PARALLEL) {
			for (int c = 0; c < chunks; c++) {
				body.run(c, c * SIZE, Math.min(n, (c + 1) * SIZE));
			}
			return;
		}
		IntStream.range(0, chunks).parallel().forEach(c -> body.run(c, c * SIZE, Math.min(n, (c + 1) * SIZE)));
	}

	/**
	 * Runs {@code body} over [0, n) in blocks of {@code block} indices (the last may be shorter), in parallel when
	 * there are several blocks. For loops whose items are independent and each cost many elements (the rows or
	 * columns of an FFT), so that the result does not depend on how they are split.
	 */
	public static void forEachBlock(int n, int block, Range body) {
		if (n < 0 || block < 1) {
			throw new IllegalArgumentException("invalid loop of " + n + " in blocks of " + block);
		}
		int blocks = Math.max(1, (n + block - 1) / block);
		if (blocks == 1 || !PARALLEL) {
			body.run(0, n);
			return;
		}
		IntStream.range(0, blocks).parallel().forEach(b -> body.run(b * block, Math.min(n, (b + 1) * block)));
	}

	/**
	 * One independent random stream per chunk of a loop over n elements, all derived from ONE draw of {@code rng}
	 * (a seed, then {@link SplittableRandom#split()} per chunk), so the values do not depend on the thread count.
	 */
	public static SplittableRandom[] streams(int n, RandomGenerator rng) {
		SplittableRandom base = new SplittableRandom(rng.nextLong());
		SplittableRandom[] out = new SplittableRandom[count(n)];
		for (int c = 0; c < out.length; c++) {
			out[c] = base.split();
		}
		return out;
	}

	/** &Sigma; of the partial sums of every chunk, added in chunk order (reproducible). */
	public static double sum(int n, RangeSum body) {
		double[] parts = new double[count(n)];
		forEachChunk(n, (c, from, to) -> parts[c] = body.sum(from, to));
		double s = 0;
		for (double p : parts) {
			s += p;
		}
		return s;
	}
}
