package org.fde.stack;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.fde.em.EmConfig;
import org.fde.em.FastEm;
import org.fde.image.BatchShape;
import org.fde.kernel.ProjectionPrior;
import org.fde.score.GaussianScoreModel;
import org.fde.score.ModelSpec;
import org.fde.score.ScoreModel;

/**
 * Timing benchmark of tiling (run by hand: {@code java -cp target/classes:... org.fde.stack.TilingScaling [steps]}):
 * Fast EM with the analytic Gaussian prior on a 256&times;256 and a 1024&times;1024 image with the same settings,
 * through {@link StackDeblur} (padding, automatic tiling) and through the solver with 256&times;256 tiles, printing
 * the per-image times, their ratio to 16&times; the small image's, and the network work in pixels forwarded (plain
 * and tracked, i.e. forward + VJP), from which the real network's cost is estimated with its measured costs at
 * 256&sup2; on the development machine (forward 0.3 s, forward + VJP 0.75 s, proportional to the pixels).
 * The same check with the shipped networks, measured rather than estimated: the command line's {@code bench-tiling}.
 */
public final class TilingScaling {

	private static final double FORWARD_256 = 0.3;
	private static final double TRACKED_256 = 0.75;

	private TilingScaling() {
	}

	public static void main(String[] args) {
		int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
		EmConfig base = EmConfig.builder().steps(steps).kernelSize(33).seed(1).restarts(0).build(); // one run's cost
		System.out.printf(Locale.ROOT, "Fast EM, analytic Gaussian prior, %d steps, kernel 33, 1 particle%n", steps);
		EmConfig warm = base.toBuilder().steps(3).build(); // JIT warm-up of both paths, not timed
		viaStack(256, warm);
		viaStack(1024, warm);
		System.out.println("-- through StackDeblur (padding by 16, automatic tiling above 512 px):");
		Result s256 = viaStack(256, base);
		Result s1024 = viaStack(1024, base);
		report(s256, s1024);
		System.out.println("-- through the solver, explicit 256 x 256 tiles (overlap 33), untiled 256 x 256 reference:");
		Result d256 = direct(256, base);
		for (int perBatch : new int[] { 1, 25 }) {
			System.out.printf(Locale.ROOT, "tilesPerBatch = %d:%n", perBatch);
			report(d256, direct(1024, base.toBuilder().tileSize(256).tilesPerBatch(perBatch).build()));
		}
	}

	/** Wall time and network pixels of one run. */
	private record Result(int size, double seconds, long plainPixels, long trackedPixels) {

		/** The real network's estimated time: per-pixel costs from 256&sup2;. */
		double networkEstimate() {
			double p = 256.0 * 256.0;
			return plainPixels / p * FORWARD_256 + trackedPixels / p * TRACKED_256;
		}
	}

	private static void report(Result small, Result large) {
		double ratio = large.seconds / (16 * small.seconds);
		double netRatio = large.networkEstimate() / (16 * small.networkEstimate());
		System.out.printf(Locale.ROOT, "  %d^2: %.2f s; %d^2: %.2f s; ratio to 16x = %.3f (analytic)%n", small.size,
				small.seconds, large.size, large.seconds, ratio);
		System.out.printf(Locale.ROOT, "  network pixels per step: %d^2 %.2f M (tracked %.2f M), %d^2 %.2f M (tracked"
				+ " %.2f M); real-network estimate %.1f s vs %.1f s per image, ratio to 16x = %.3f%n", small.size,
				(small.plainPixels + small.trackedPixels) * 1e-6 / STEPS[0], small.trackedPixels * 1e-6 / STEPS[0],
				large.size, (large.plainPixels + large.trackedPixels) * 1e-6 / STEPS[0], large.trackedPixels * 1e-6
						/ STEPS[0], small.networkEstimate(), large.networkEstimate(), netRatio);
	}

	private static final int[] STEPS = { 1 };

	private static float[] image(int size) {
		SplittableRandom r = new SplittableRandom(size);
		float[] p = new float[size * size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				p[y * size + x] = (float) (0.5 + 0.3 * Math.sin(x * 0.05) * Math.cos(y * 0.03) + 0.02
						* r.nextGaussian());
			}
		}
		return p;
	}

	private static Result viaStack(int size, EmConfig c) {
		STEPS[0] = c.steps();
		SizedGaussian model = new SizedGaussian();
		Hyperstack y = new Hyperstack(size, size, 1, 1, 1, new float[][] { image(size) });
		StackRequest r = StackRequest.blind(StackRequest.Method.FAST_EM, c, 0, false, false, 0, 0, false);
		long t0 = System.nanoTime();
		StackDeblur.run(y, r, model, new ProjectionPrior(), null, null);
		return new Result(size, (System.nanoTime() - t0) * 1e-9, model.plain, model.tracked);
	}

	private static Result direct(int size, EmConfig c) {
		STEPS[0] = c.steps();
		SizedGaussian model = new SizedGaussian();
		long t0 = System.nanoTime();
		new FastEm(model, new ProjectionPrior(), c).run(org.fde.image.Image.gray(size, size, image(size)), null,
				null);
		return new Result(size, (System.nanoTime() - t0) * 1e-9, model.plain, model.tracked);
	}

	/** The analytic prior for any plane size (one {@link GaussianScoreModel} per size), counting pixels. */
	private static final class SizedGaussian implements ScoreModel {
		private final Map<Long, GaussianScoreModel> models = new HashMap<>();
		long plain;
		long tracked;

		private GaussianScoreModel of(BatchShape s) {
			return models.computeIfAbsent(((long) s.h() << 32) | s.w(), k -> GaussianScoreModel.powerLaw(s.h(), s.w(),
					0, 0.05, 1.5));
		}

		@Override
		public ModelSpec spec() {
			return ModelSpec.linear1000("gaussian-analytic", 1, 8);
		}

		@Override
		public float[] epsilon(float[] x, BatchShape shape, double t) {
			plain += (long) shape.n() * shape.c() * shape.planeSize();
			return of(shape).epsilon(x, shape, t);
		}

		@Override
		public TrackedEpsilon epsilonTracked(float[] x, BatchShape shape, double t) {
			tracked += (long) shape.n() * shape.c() * shape.planeSize();
			return of(shape).epsilonTracked(x, shape, t);
		}
	}
}
