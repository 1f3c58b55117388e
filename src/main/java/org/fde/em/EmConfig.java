package org.fde.em;

import java.util.function.UnaryOperator;

import org.fde.guidance.GuidanceKind;
import org.fde.image.TileGrid;
import org.fde.kernel.MStepConfig;
import org.fde.noise.NoiseSigma;

/**
 * The user's settings of the three solvers (Fast EM, Diffusion EM, non-blind), immutable and validated at
 * construction, plus a reference to the measured {@link EmTuning}. Build with {@link #builder()}; defaults are the
 * paper's (ALGORITHM.md &sect;8) except &lambda; ({@link #LAMBDA_DEFAULT}), which we measured.
 *
 * @param steps           respaced diffusion steps (100, the paper's and the non-blind command's; the blind commands
 *                        default to 50, {@code ParameterRanges.BLIND_STEPS_DEFAULT}, on which their other defaults
 *                        were tuned: set it for blind runs), in [2, 1000]
 * @param particles       n, the number of samples run as one batch (1), in [1, 64]
 * @param guidance        &Pi;GDM or DPS
 * @param kernelSize      side of the square kernel window (33), in [3, 129]
 * @param lambda          &lambda;, the kernel prior's weight in the M-step (paper eq. 24), &ge; 0
 * @param kernelMode      shared kernel or one per channel
 * @param outerIterations L, Diffusion EM's outer iterations (10), in [1, 100]
 * @param sigma           the noise level: given on the unit range, or estimated from y ({@link NoiseSigma})
 * @param seed            seed of x_T and of the sampler noise
 * @param tileSize        the tile side T in pixels, or 0 for no tiling (the default): an image wider or higher than
 *                        T is solved in overlapping T&times;T tiles ({@link TileGrid}, overlap {@link #tileOverlap()})
 *                        that share one kernel; T is at least twice the kernel size and a multiple of the model's size
 *                        multiple. "Automatic" tile sizes are resolved before they reach this record.
 * @param tilesPerBatch   at most this many tiles' particles go through the network at once (1), in [1, 4096]: the
 *                        network's memory is bounded by the tile size, not the image size
 * @param restarts        Fast EM only: at most this many further runs, with other seeds, when a run's final residual
 *                        says that its kernel estimate failed ({@link RestartRule}); 0 = never; the default is
 *                        {@link #RESTARTS_DEFAULT}
 * @param tuning          the measured values ({@link EmTuning#DEFAULT})
 */
public record EmConfig(int steps, int particles, GuidanceKind guidance, int kernelSize, double lambda,
		KernelMode kernelMode, int outerIterations, NoiseSigma sigma, long seed, int tileSize, int tilesPerBatch,
		int restarts, EmTuning tuning) {

	/**
	 * The default kernel-prior weight &lambda;: 30, not the paper's 1. With our networks the M-step at &lambda; = 1
	 * follows the early, wrong x&#770;0 into spread, image-shaped kernels (docs/design-choices.md).
	 */
	public static final double LAMBDA_DEFAULT = 30.0;

	/**
	 * The default number of Fast EM restarts: 1. A blind run sometimes converges to a wrong kernel and an image that
	 * explains the measurement badly; {@link RestartRule} detects this from the run's own residual and one run with
	 * another seed usually recovers (docs/design-choices.md). Maximum {@value #RESTARTS_MAX}.
	 */
	public static final int RESTARTS_DEFAULT = 1;

	/** The largest {@code restarts}. */
	public static final int RESTARTS_MAX = 10;

	public EmConfig {
		if (steps < 2 || steps > 1000) {
			throw new IllegalArgumentException("steps must be in [2, 1000], got " + steps);
		}
		if (particles < 1 || particles > 64) {
			throw new IllegalArgumentException("particles must be in [1, 64], got " + particles);
		}
		if (outerIterations < 1 || outerIterations > 100) {
			throw new IllegalArgumentException("outer iterations must be in [1, 100], got " + outerIterations);
		}
		if (guidance == null || kernelMode == null || sigma == null || tuning == null) {
			throw new IllegalArgumentException("guidance, kernelMode, sigma and tuning must be set");
		}
		new MStepConfig(kernelSize, lambda, tuning.beta(), tuning.mStepIterations()); // kernel size and lambda ranges
		if (tileSize != 0 && (tileSize < 2 * kernelSize || tileSize > 65536)) {
			throw new IllegalArgumentException("tile size must be 0 (no tiling) or in [2 x kernel size = "
					+ 2 * kernelSize + ", 65536], got " + tileSize);
		}
		if (tilesPerBatch < 1 || tilesPerBatch > 4096) {
			throw new IllegalArgumentException("tiles per batch must be in [1, 4096], got " + tilesPerBatch);
		}
		if (restarts < 0 || restarts > RESTARTS_MAX) {
			throw new IllegalArgumentException("restarts must be in [0, " + RESTARTS_MAX + "], got " + restarts);
		}
	}

	/** The M-step's settings: kernel size and &lambda; from here, &beta; and the iterations from the tuning. */
	public MStepConfig mStep() {
		return new MStepConfig(kernelSize, lambda, tuning.beta(), tuning.mStepIterations());
	}

	/**
	 * &lambda; as the M-step uses it at noise level {@code sigma} (unit range): the user's &lambda; times the tuning's
	 * {@link NoiseAdaptation#lambdaFactor}. The one place that applies the adaptation, for the solvers and their
	 * reports.
	 */
	public double adaptedLambda(double sigma) {
		return lambda * tuning.noiseAdaptation().lambdaFactor(sigma);
	}

	/**
	 * Fast EM's &Pi;GDM factor at the steps that also update the kernel, at noise level {@code sigma} (unit range): the
	 * tuning's {@code blindPigdmScale} times {@link NoiseAdaptation#blindScaleFactor}.
	 */
	public double adaptedBlindPigdmScale(double sigma) {
		return tuning.blindPigdmScale() * tuning.noiseAdaptation().blindScaleFactor(sigma);
	}

	/** The diffusion steps of one Diffusion EM run: steps &times; outer iterations L (Algorithm 1). */
	public int diffusionEmSteps() {
		return steps * outerIterations;
	}

	/**
	 * The side of the centred window that holds Fast EM's kernel at original timestep t: the tuning's
	 * {@code supportStart} at t = 1000, growing linearly to the kernel size at {@link EmTuning#SUPPORT_FULL_TIMESTEP}
	 * and after; the kernel size when {@code supportStart} is 0 or at least the kernel size.
	 */
	public int kernelSupport(int timestep) {
		int s = kernelSize;
		int start = tuning.supportStart();
		if (start == 0 || start >= s) {
			return s;
		}
		double grown = Math.min(1, Math.max(0, (1000.0 - timestep) / (1000.0 - EmTuning.SUPPORT_FULL_TIMESTEP)));
		return (int) Math.min(s, Math.round(start + (s - start) * grown));
	}

	/** True when an image of this size is solved in tiles. */
	public boolean tiles(int width, int height) {
		return tileSize > 0 && (width > tileSize || height > tileSize);
	}

	/** The overlap of neighbouring tiles: max(kernelSize, T/8) ({@link TileGrid#defaultOverlap}). */
	public int tileOverlap() {
		return TileGrid.defaultOverlap(tileSize, kernelSize);
	}

	public static Builder builder() {
		return new Builder();
	}

	public Builder toBuilder() {
		Builder b = new Builder();
		b.steps = steps;
		b.particles = particles;
		b.guidance = guidance;
		b.kernelSize = kernelSize;
		b.lambda = lambda;
		b.kernelMode = kernelMode;
		b.outerIterations = outerIterations;
		b.sigma = sigma;
		b.seed = seed;
		b.tileSize = tileSize;
		b.tilesPerBatch = tilesPerBatch;
		b.restarts = restarts;
		b.tuning = tuning;
		return b;
	}

	/** Builder with the defaults of the class comment. */
	public static final class Builder {
		private int steps = 100;
		private int particles = 1;
		private GuidanceKind guidance = GuidanceKind.PIGDM;
		private int kernelSize = 33;
		private double lambda = LAMBDA_DEFAULT;
		private KernelMode kernelMode = KernelMode.SHARED;
		private int outerIterations = 10;
		private NoiseSigma sigma = NoiseSigma.estimate();
		private long seed = 0;
		private int tileSize = 0;
		private int tilesPerBatch = 1;
		private int restarts = RESTARTS_DEFAULT;
		private EmTuning tuning = EmTuning.DEFAULT;

		public Builder steps(int v) {
			steps = v;
			return this;
		}

		public Builder particles(int v) {
			particles = v;
			return this;
		}

		public Builder guidance(GuidanceKind v) {
			guidance = v;
			return this;
		}

		public Builder kernelSize(int v) {
			kernelSize = v;
			return this;
		}

		public Builder lambda(double v) {
			lambda = v;
			return this;
		}

		public Builder kernelMode(KernelMode v) {
			kernelMode = v;
			return this;
		}

		public Builder outerIterations(int v) {
			outerIterations = v;
			return this;
		}

		/** The noise level ({@link EmConfig#sigma()}; the default estimates it). */
		public Builder sigma(NoiseSigma v) {
			sigma = v;
			return this;
		}

		public Builder seed(long v) {
			seed = v;
			return this;
		}

		/** 0 = no tiling; else the tile side T (see {@link EmConfig#tileSize()}). */
		public Builder tileSize(int v) {
			tileSize = v;
			return this;
		}

		public Builder tilesPerBatch(int v) {
			tilesPerBatch = v;
			return this;
		}

		public Builder restarts(int v) {
			restarts = v;
			return this;
		}

		/** The tuning ({@link EmTuning#DEFAULT} unless set). */
		public Builder tuning(EmTuning v) {
			tuning = v;
			return this;
		}

		/** The tuning changed by {@code change}, e.g. {@code b.tuning(t -> t.withBeta(1e5))}. */
		public Builder tuning(UnaryOperator<EmTuning> change) {
			tuning = change.apply(tuning);
			return this;
		}

		public EmConfig build() {
			return new EmConfig(steps, particles, guidance, kernelSize, lambda, kernelMode, outerIterations, sigma, seed,
					tileSize, tilesPerBatch, restarts, tuning);
		}
	}
}
