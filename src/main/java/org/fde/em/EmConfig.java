package org.fde.em;

import org.fde.guidance.GuidanceKind;
import org.fde.image.TileGrid;
import org.fde.kernel.Kernels;
import org.fde.kernel.MStepConfig;
import org.fde.kernel.PriorLevel;

/**
 * Settings shared by the three solvers (Fast EM, Diffusion EM, non-blind), immutable and validated at construction.
 * Build with {@link #builder()}; defaults are the paper's (ALGORITHM.md &sect;8), except &beta;
 * ({@link MStepConfig#BETA_DEFAULT}), &lambda; ({@link #LAMBDA_DEFAULT}) and the &Pi;GDM weight of the steps with a
 * fixed kernel ({@link #PIGDM_SCALE_DEFAULT}), which we measured; Fast EM's &Pi;GDM factor is further scaled with
 * the noise level ({@link NoiseAdaptation#DEFAULT}; an earlier rule scaled &lambda; too).
 *
 * @param steps           respaced diffusion steps (100, the paper's and the non-blind command's; the blind commands
 *                        default to 50, {@code ParameterRanges.BLIND_STEPS_DEFAULT}, on which their other defaults
 *                        were tuned: set it for blind runs)
 * @param particles       n, the number of samples run as one batch (1)
 * @param guidance        &Pi;GDM or DPS
 * @param pigdmScale      factor on the official code's &Pi;GDM step weight w_t (ALGORITHM.md &sect;3 step 5) at the
 *                        steps with a fixed kernel (non-blind runs, Diffusion EM's E-steps); 1 is the official
 *                        weight, the default is {@link #PIGDM_SCALE_DEFAULT}
 * @param blindPigdmScale the same factor at the steps that also update the kernel (Fast EM's steps); the default is
 *                        {@link #BLIND_PIGDM_SCALE_DEFAULT}, the official weight
 * @param blindLateTimestep Fast EM's steps at original timesteps below this one use {@code pigdmScale} in place of
 *                        {@code blindPigdmScale} (0 = never, {@link #BLIND_LATE_TIMESTEP_DEFAULT}; at most 1000)
 * @param dpsScale        DPS step scale (&zeta;_t = scale&middot;sqrt(&alpha;&#772;_t) at every respaced step; the
 *                        official code's is 1, for 1000 steps; the default is {@link #DPS_SCALE_DEFAULT})
 * @param ddimEta         NaN for DDPM (the paper's sampler), else DDIM with this &eta; &isin; [0, 1]
 * @param mStep           the M-step settings (kernel size, &lambda;, &beta;, iterations, options)
 * @param centreKernel    re-centre the kernel by its centre of mass after each Fast-EM M-step (&sect;5.3)
 * @param kernelMode      shared kernel or one per channel
 * @param outerIterations L, Diffusion EM's outer iterations (10)
 * @param sigma           noise standard deviation on the unit range; NaN = estimate it from the image
 * @param seed            seed of x_T and of the sampler noise
 * @param tileSize        0 = no tiling (the default); else T: an image wider or higher than T is solved in
 *                        overlapping T&times;T tiles ({@link TileGrid}) that share one kernel, with T
 *                        at least twice the kernel size and a multiple of the model's size multiple
 * @param tileOverlap     minimum overlap of neighbouring tiles; 0 = {@link TileGrid#defaultOverlap}
 *                        (max(kernelSize, T/8)); else at least the kernel size and at most T/2
 * @param completionPasses M-steps per step on a padded measurement (&ge; 1): each completes the missing pixels with the
 *                        previous pass's kernel (the first with the step's kernel) and starts from the step's kernel,
 *                        a fixed-point iteration towards the M-step on the measured pixels alone ({@link ObservedRegion})
 * @param maskedGuidanceIterations on a padded measurement, the conjugate-gradient iterations of the masked &Pi;GDM
 *                        ({@link org.fde.guidance.MaskedPigdm}, &le; 100); 0 applies the periodic &Pi;GDM inverse to
 *                        the masked residual (an approximation that ignores the mask inside the inverse)
 * @param tilesPerBatch   at most this many tiles' particles go through the network at once (1): the network's memory
 *                        is bounded by the tile size, not the image size
 * @param restarts        Fast EM only: at most this many further runs, with other seeds, when a run's final residual
 *                        says that its kernel estimate failed ({@link RestartRule}); 0 = never; the default is
 *                        {@link #RESTARTS_DEFAULT}
 * @param noiseAdaptation the noise-dependent gains on &lambda; and on {@code blindPigdmScale}
 *                        ({@link NoiseAdaptation#DEFAULT}; {@link NoiseAdaptation#OFF} uses both as given)
 * @param kernelThreshold blind runs only: the estimated kernel that a run returns has its values below this fraction
 *                        of its maximum set to 0 and is projected again ({@link Kernels#threshold}); in [0, 0.99], 0 =
 *                        returned as the last M-step left it; the default is {@link #KERNEL_THRESHOLD_DEFAULT}. The
 *                        run itself and its image do not change.
 * @param edgeFraction    Fast EM only: at its steps below original timestep {@code edgeTimestep}, the M-step's data
 *                        term is fitted on the derivatives of y and x&#770;0 with x&#770;0's derivatives kept at its
 *                        strongest gradients only, this share of its pixels ({@link org.fde.kernel.EdgeSelection});
 *                        in [0, 1], 0 = off (the default, {@link #EDGE_FRACTION_DEFAULT})
 * @param edgeTimestep    the original timestep below which {@code edgeFraction} applies, in [1, 1000]
 *                        ({@link #EDGE_TIMESTEP_DEFAULT})
 * @param supportStart    Fast EM only: the side of the centred window that holds the kernel at the first step; the
 *                        window grows linearly towards the whole kernel window by original timestep
 *                        {@link #SUPPORT_FULL_TIMESTEP} ({@link #kernelSupport}), but never beyond the size that the
 *                        blur seen in the measurement suggests ({@link org.fde.kernel.BlurExtent}; at least
 *                        {@code supportStart}); 0 = the whole window at every step; the default is
 *                        {@link #SUPPORT_START_DEFAULT}, which leaves kernel sizes up to 33 unchanged
 * @param coarseAbove     Fast EM only: kernel sizes above this start coarse to fine ({@link CoarseToFine}): the
 *                        kernel is first estimated on the image shrunk by 2 (recursively), then refined at full size
 *                        from it, inside its support; in [3, 129], 129 = never; the default is
 *                        {@link #COARSE_ABOVE_DEFAULT}
 */
public record EmConfig(int steps, int particles, GuidanceKind guidance, double pigdmScale, double blindPigdmScale,
		int blindLateTimestep, double dpsScale, double ddimEta, MStepConfig mStep, boolean centreKernel,
		KernelMode kernelMode, int outerIterations, double sigma, long seed, int tileSize, int tileOverlap,
		int tilesPerBatch, int completionPasses, int maskedGuidanceIterations, int restarts,
		NoiseAdaptation noiseAdaptation, double kernelThreshold, double edgeFraction, int edgeTimestep,
		int supportStart, int coarseAbove) {

	/**
	 * The default factor on the official &Pi;GDM weight at the steps with a fixed kernel (non-blind runs, Diffusion
	 * EM's E-steps): 2. With our image prior the official weight leaves the residual well above the noise level.
	 * Non-blind &Pi;GDM with the true kernel, 50 steps, mean PSNR at factors 1 / 2: 4 bsd68 crops (circular blur)
	 * 23.56 / 24.58 dB, the same crops' valid region 23.43 / 24.38, 4 microscopy crops 23.63 / 25.02 (docs/
	 * design-choices.md). Fast EM's steps have their own factor, {@link #BLIND_PIGDM_SCALE_DEFAULT}.
	 */
	public static final double PIGDM_SCALE_DEFAULT = 2.0;

	/**
	 * The default factor on the official &Pi;GDM weight at the steps that also update the kernel (Fast EM): 1, the
	 * official weight. At factor 2 the first guided steps overshoot: x&#770;0 is pushed past the clip (all black or
	 * all white) for up to a third of the run while the M-steps fit kernels to it, and the run fails outright on some
	 * images. Blind Fast EM &Pi;GDM, 50 steps, 4 cases per protocol, mean PSNR at factor 1 / 2 (dB): P1 22.35 /
	 * 22.70, P2 22.81 / 22.86, P3 23.68 / 19.43, P4 23.91 / 21.14 (the worst case 19.07 / 10.41); with the true
	 * kernel factor 2 stays better (P1 24.58 against 23.56), so the fixed-kernel steps keep
	 * {@link #PIGDM_SCALE_DEFAULT} (docs/design-choices.md).
	 */
	public static final double BLIND_PIGDM_SCALE_DEFAULT = 1.0;

	/**
	 * The default DPS step scale: 20. The official code's 1 is for its 1000-step runs (ALGORITHM.md &sect;4); at 50
	 * or 100 respaced steps Fast EM DPS diverges with it and restarts. The two quick-preset P1 crops, Fast EM DPS,
	 * mean PSNR at scales 1 / 3 / 10 / 20 / 40: 15.93 / 20.45 / 24.29 / 25.00 / 24.37 dB at 50 steps; 18.07 / - /
	 * 24.64 / 25.29 / - at 100 steps (Fast EM &Pi;GDM: 25.57 and 25.75). Not measured at other step counts (docs/
	 * design-choices.md).
	 */
	public static final double DPS_SCALE_DEFAULT = 20.0;

	/** The default {@code blindLateTimestep}: 0, every Fast EM step uses {@link #BLIND_PIGDM_SCALE_DEFAULT}. */
	public static final int BLIND_LATE_TIMESTEP_DEFAULT = 0;

	/**
	 * The default kernel-prior weight &lambda;: 30, not the paper's 1. With our networks the M-step at &lambda; = 1
	 * follows the early, wrong x&#770;0 into spread, image-shaped kernels. Blind Fast EM &Pi;GDM, 50 steps, image
	 * prior ft128-4492, mean PSNR (dB) at &lambda; = 1 / 10 / 30 / 50 / 100: P1 (8 bsd68 crops, circular blur)
	 * 20.50 / 21.69 / 21.98 / 21.61 / 19.41; P2 (4 crops, valid region) 22.88 / 23.64 / 23.91 / - / 24.09; P4 (4
	 * microscopy crops) 15.37 / 16.69 / 24.09 / - / 24.43; P3 (Levin's real blur, 4 pairs) 15.19 at 10, 19.53 at 30,
	 * 24.01 at 100 (docs/design-choices.md). The denoiser level sqrt(&lambda;/&beta;) is then 0.055, above the kernel prior's
	 * training range (0 to 0.01). It is also the weight on clean images: on all 32 of Levin's pairs
	 * (image prior ft192-s13-5771, sparse error-ratio reference) &lambda; = 15 / 30 / 50 / 100 put 0 of 10 / 13 / 14 /
	 * 9 pairs at ratio &le; 3, mean 24.22 dB at 30, 23.67 at 50, 23.44 at 100 ({@link NoiseAdaptation}).
	 */
	public static final double LAMBDA_DEFAULT = 30.0;

	/**
	 * The default number of Fast EM restarts: 1. A blind run sometimes converges to a wrong kernel (typically two
	 * lobes where the true kernel has one) and an image that explains the measurement badly; {@link RestartRule}
	 * detects this from the run's own residual and one run with another seed usually recovers. Measured on P4's
	 * first microscopy case (Fast EM &Pi;GDM, 50 steps, image prior ft192-s12-2063): the first seed ends with a
	 * residual of 0.052 (2.7&sigma;, 8.83 dB, a two-lobed kernel); three other seeds end at 0.028 to 0.032 (1.4 to
	 * 1.6&sigma;) with 18.78 to 21.40 dB; with the restart the first 4 P4 cases of the full preset average 23.97
	 * instead of 20.84 dB. Runs that succeed end at 1.0 to 1.5&sigma; (P1, P2 and P4) or below 5/255 (P3's
	 * low-noise real blur: 3.5 to 4.8/255 on its first 8 pairs), so they never pay for a restart. At 100 steps the
	 * same P4 case did not fail (1.26&sigma;, 22.21 dB). Maximum {@value #RESTARTS_MAX} (docs/design-choices.md).
	 */
	public static final int RESTARTS_DEFAULT = 1;

	/** The largest {@code restarts}. */
	public static final int RESTARTS_MAX = 10;

	/**
	 * The default clean-up of a blind run's returned kernel: none (0). 2 % of the maximum was measured on
	 * Levin's pairs. From the known sharp image ({@code bench-known-kernel --kernel-threshold F}) the M-step's kernels
	 * reach error ratio &le; 3 on 28 of 32 pairs with it (&le; 2 on 21), against 26 (16) as the M-step leaves them (5 %:
	 * 27 (19), 10 %: 24 (16); the faint parts of the long kernels go first). On blind Fast EM's kernels (the quick
	 * preset's 8 pairs) it helped 5 pairs and hurt 3, one more pair reaching ratio 3 (2.996), and made the plain
	 * kernel MSE of 5 pairs slightly worse: not enough to change what every run returns (docs/design-choices.md).
	 */
	public static final double KERNEL_THRESHOLD_DEFAULT = 0;

	/** The largest {@code kernelThreshold} (inclusive; one range for the config and every option that sets it). */
	public static final double KERNEL_THRESHOLD_MAX = 0.99;

	/**
	 * The default {@code edgeFraction}: 0, off. On all 32 of Levin's pairs (50 steps, image prior
	 * p256-s23-2000, one run each) 0.1 below timestep 300 put 15 pairs at error ratio &le; 3 and 25 at &le; 5, against
	 * 13 and 21 without it (24.79 against 24.64 dB); at every step it did worse (12 of 32 and a collapse). On the
	 * noisier synthetic and microscopy cases (&sigma; &ge; 5/255) it costs 2.4-3.1 dB (the first 4 cases of P1, P2 and
	 * P4: 19.96 / 20.86 / 21.55 against 22.67 / 23.21 / 24.62 dB), so it stays off (docs/design-choices.md).
	 */
	public static final double EDGE_FRACTION_DEFAULT = 0;

	/** The default {@code edgeTimestep}: the edge-selected M-step, when on, at the last 30 % of the timesteps. */
	public static final int EDGE_TIMESTEP_DEFAULT = 300;

	/**
	 * The default {@code supportStart}: 33 px, the kernel size at which the blind defaults were tuned. The M-steps fit
	 * x&#770;0s that are wrong (at first they carry no image at all), and whatever window they are given fills with
	 * the noise they fit; from about 45 px on, the guidance with such a spread kernel pushed x&#770;0 past the clip and
	 * the run collapsed (issue 37: kernel correlation about 0, 7-8 dB). A growing window alone only delays it (the run
	 * recovered to 20.3 dB at t = 500 and collapsed again once the window was whole), so the window also stops at the
	 * blur the measurement shows (docs/large-kernels.md).
	 */
	public static final int SUPPORT_START_DEFAULT = 33;

	/**
	 * The default {@code coarseAbove}: 47, the largest kernel size that one full-size run handled (issue 37, shipped
	 * networks, seed 1, 5/255: kernel correlation 0.948 at 47 px with the fitted support, 0.658 at 65 and a collapse
	 * at 79; docs/large-kernels.md). Kernel sizes up to it run exactly as before.
	 */
	public static final int COARSE_ABOVE_DEFAULT = 47;

	/** The original timestep at which the kernel's support has grown to the whole window ({@code supportStart}). */
	public static final int SUPPORT_FULL_TIMESTEP = 500;

	public EmConfig {
		if (steps < 2 || steps > 1000) {
			throw new IllegalArgumentException("steps must be in [2, 1000], got " + steps);
		}
		if (particles < 1 || particles > 64) {
			throw new IllegalArgumentException("particles must be in [1, 64], got " + particles);
		}
		if (!(pigdmScale > 0 && pigdmScale <= 100)) {
			throw new IllegalArgumentException("PiGDM scale must be in (0, 100], got " + pigdmScale);
		}
		if (!(blindPigdmScale > 0 && blindPigdmScale <= 100)) {
			throw new IllegalArgumentException("blind PiGDM scale must be in (0, 100], got " + blindPigdmScale);
		}
		if (blindLateTimestep < 0 || blindLateTimestep > 1000) {
			throw new IllegalArgumentException("blind late timestep must be in [0, 1000], got " + blindLateTimestep);
		}
		if (!(dpsScale > 0) || !Double.isFinite(dpsScale)) {
			throw new IllegalArgumentException("dps scale must be > 0, got " + dpsScale);
		}
		if (!Double.isNaN(ddimEta) && !(ddimEta >= 0 && ddimEta <= 1)) {
			throw new IllegalArgumentException("ddim eta must be in [0, 1] (or NaN for DDPM), got " + ddimEta);
		}
		if (outerIterations < 1 || outerIterations > 100) {
			throw new IllegalArgumentException("outer iterations must be in [1, 100], got " + outerIterations);
		}
		if (!Double.isNaN(sigma) && !(sigma >= 0 && sigma < 1)) {
			throw new IllegalArgumentException("sigma must be in [0, 1) on the unit range (or NaN to estimate), got "
					+ sigma);
		}
		if (guidance == null || mStep == null || kernelMode == null || noiseAdaptation == null) {
			throw new IllegalArgumentException("guidance, mStep, kernelMode and noiseAdaptation must be set");
		}
		int ks = mStep.kernelSize();
		if (tileSize != 0 && (tileSize < 2 * ks || tileSize > 65536)) {
			throw new IllegalArgumentException("tile size must be 0 (no tiling) or in [2 x kernel size = " + 2 * ks
					+ ", 65536], got " + tileSize);
		}
		if (tileOverlap != 0 && (tileOverlap < ks || (tileSize > 0 && tileOverlap > tileSize / 2))) {
			throw new IllegalArgumentException("tile overlap must be 0 (automatic) or in [kernel size = " + ks
					+ ", tile size / 2], got " + tileOverlap);
		}
		if (completionPasses < 1 || completionPasses > 20) {
			throw new IllegalArgumentException("completion passes must be in [1, 20], got " + completionPasses);
		}
		if (maskedGuidanceIterations < 0 || maskedGuidanceIterations > 100) {
			throw new IllegalArgumentException("masked guidance iterations must be in [0, 100], got "
					+ maskedGuidanceIterations);
		}
		if (tilesPerBatch < 1 || tilesPerBatch > 4096) {
			throw new IllegalArgumentException("tiles per batch must be in [1, 4096], got " + tilesPerBatch);
		}
		if (restarts < 0 || restarts > RESTARTS_MAX) {
			throw new IllegalArgumentException("restarts must be in [0, " + RESTARTS_MAX + "], got " + restarts);
		}
		if (!(kernelThreshold >= 0 && kernelThreshold <= KERNEL_THRESHOLD_MAX)) {
			throw new IllegalArgumentException(
					"kernel threshold must be in [0, " + KERNEL_THRESHOLD_MAX + "], got " + kernelThreshold);
		}
		if (!(edgeFraction >= 0 && edgeFraction <= 1)) {
			throw new IllegalArgumentException("edge fraction must be in [0, 1], got " + edgeFraction);
		}
		if (edgeTimestep < 1 || edgeTimestep > 1000) {
			throw new IllegalArgumentException("edge timestep must be in [1, 1000], got " + edgeTimestep);
		}
		if (supportStart != 0 && (supportStart < 3 || supportStart > 129)) {
			throw new IllegalArgumentException("support start must be 0 (off) or in [3, 129], got " + supportStart);
		}
		if (coarseAbove < 3 || coarseAbove > 129) {
			throw new IllegalArgumentException("coarse-to-fine threshold must be in [3, 129], got " + coarseAbove);
		}
	}

	/**
	 * The side of the centred window that holds Fast EM's kernel at original timestep t: {@code supportStart} at
	 * t = 1000, growing linearly to the kernel size at {@link #SUPPORT_FULL_TIMESTEP} and after; the kernel size when
	 * {@code supportStart} is 0 or at least the kernel size.
	 */
	public int kernelSupport(int timestep) {
		int s = mStep.kernelSize();
		if (supportStart == 0 || supportStart >= s) {
			return s;
		}
		double grown = Math.min(1, Math.max(0, (1000.0 - timestep) / (1000.0 - SUPPORT_FULL_TIMESTEP)));
		return (int) Math.min(s, Math.round(supportStart + (s - supportStart) * grown));
	}

	/** True when an image of this size is solved in tiles. */
	public boolean tiles(int width, int height) {
		return tileSize > 0 && (width > tileSize || height > tileSize);
	}

	/** The overlap used with tiles: the given one, or max(kernelSize, T/8). */
	public int effectiveOverlap() {
		return tileOverlap > 0 ? tileOverlap : TileGrid.defaultOverlap(tileSize, mStep.kernelSize());
	}

	public static Builder builder() {
		return new Builder();
	}

	public Builder toBuilder() {
		Builder b = new Builder();
		b.steps = steps;
		b.particles = particles;
		b.guidance = guidance;
		b.pigdmScale = pigdmScale;
		b.blindPigdmScale = blindPigdmScale;
		b.blindLateTimestep = blindLateTimestep;
		b.dpsScale = dpsScale;
		b.ddimEta = ddimEta;
		b.kernelSize = mStep.kernelSize();
		b.lambda = mStep.lambda();
		b.beta = mStep.beta();
		b.mStepIterations = mStep.iterations();
		b.particleFactor = mStep.particleFactor();
		b.varianceTerm = mStep.varianceTerm();
		b.gradientDomain = mStep.gradientDomain();
		b.centreKernel = centreKernel;
		b.kernelMode = kernelMode;
		b.outerIterations = outerIterations;
		b.sigma = sigma;
		b.seed = seed;
		b.tileSize = tileSize;
		b.tileOverlap = tileOverlap;
		b.tilesPerBatch = tilesPerBatch;
		b.completionPasses = completionPasses;
		b.maskedGuidanceIterations = maskedGuidanceIterations;
		b.restarts = restarts;
		b.noiseAdaptation = noiseAdaptation;
		b.kernelThreshold = kernelThreshold;
		b.edgeFraction = edgeFraction;
		b.edgeTimestep = edgeTimestep;
		b.supportStart = supportStart;
		b.coarseAbove = coarseAbove;
		return b;
	}

	/** Builder with the defaults of the class comment. */
	public static final class Builder {
		private int steps = 100;
		private int particles = 1;
		private GuidanceKind guidance = GuidanceKind.PIGDM;
		private double pigdmScale = PIGDM_SCALE_DEFAULT;
		private double blindPigdmScale = BLIND_PIGDM_SCALE_DEFAULT;
		private int blindLateTimestep = BLIND_LATE_TIMESTEP_DEFAULT;
		private double dpsScale = DPS_SCALE_DEFAULT;
		private double ddimEta = Double.NaN;
		private int kernelSize = 33;
		private double lambda = LAMBDA_DEFAULT;
		private double beta = MStepConfig.BETA_DEFAULT;
		private int mStepIterations = 10;
		private boolean particleFactor = true;
		private boolean varianceTerm = false;
		private boolean gradientDomain = false;
		private boolean centreKernel = true;
		private KernelMode kernelMode = KernelMode.SHARED;
		private int outerIterations = 10;
		private double sigma = Double.NaN;
		private long seed = 0;
		private int tileSize = 0;
		private int tileOverlap = 0;
		private int tilesPerBatch = 1;
		private int completionPasses = 1;
		private int maskedGuidanceIterations = org.fde.guidance.MaskedPigdm.DEFAULT_ITERATIONS;
		private int restarts = RESTARTS_DEFAULT;
		private NoiseAdaptation noiseAdaptation = NoiseAdaptation.DEFAULT;
		private double kernelThreshold = KERNEL_THRESHOLD_DEFAULT;
		private double edgeFraction = EDGE_FRACTION_DEFAULT;
		private int edgeTimestep = EDGE_TIMESTEP_DEFAULT;
		private int supportStart = SUPPORT_START_DEFAULT;
		private int coarseAbove = COARSE_ABOVE_DEFAULT;

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

		/** The factor on the &Pi;GDM weight at the steps that update the kernel ({@link EmConfig#blindPigdmScale()}). */
		public Builder blindPigdmScale(double v) {
			blindPigdmScale = v;
			return this;
		}

		public Builder blindLateTimestep(int v) {
			blindLateTimestep = v;
			return this;
		}

		public Builder pigdmScale(double v) {
			pigdmScale = v;
			return this;
		}

		public Builder dpsScale(double v) {
			dpsScale = v;
			return this;
		}

		public Builder ddimEta(double v) {
			ddimEta = v;
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

		public Builder beta(double v) {
			beta = v;
			return this;
		}

		public Builder mStepIterations(int v) {
			mStepIterations = v;
			return this;
		}

		public Builder particleFactor(boolean v) {
			particleFactor = v;
			return this;
		}

		/** The M-step's data term on the gradients ({@link MStepConfig#gradientDomain()}). */
		public Builder gradientDomain(boolean v) {
			gradientDomain = v;
			return this;
		}

		public Builder varianceTerm(boolean v) {
			varianceTerm = v;
			return this;
		}

		public Builder centreKernel(boolean v) {
			centreKernel = v;
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

		/** Noise standard deviation on the unit range; NaN to estimate it. */
		public Builder sigma(double v) {
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

		/** 0 = automatic, max(kernelSize, T/8). */
		public Builder tileOverlap(int v) {
			tileOverlap = v;
			return this;
		}

		public Builder maskedGuidanceIterations(int v) {
			maskedGuidanceIterations = v;
			return this;
		}

		public Builder completionPasses(int v) {
			completionPasses = v;
			return this;
		}

		public Builder tilesPerBatch(int v) {
			tilesPerBatch = v;
			return this;
		}

		/** The noise-dependent gains ({@link EmConfig#noiseAdaptation()}). */
		public Builder noiseAdaptation(NoiseAdaptation v) {
			noiseAdaptation = v;
			return this;
		}

		public Builder restarts(int v) {
			restarts = v;
			return this;
		}

		/** The clean-up of a blind run's returned kernel ({@link EmConfig#kernelThreshold()}). */
		public Builder kernelThreshold(double v) {
			kernelThreshold = v;
			return this;
		}

		/** Fast EM's edge-selected M-step ({@link EmConfig#edgeFraction()}; 0 = off). */
		public Builder edgeFraction(double v) {
			edgeFraction = v;
			return this;
		}

		/** Below which original timestep {@link EmConfig#edgeFraction()} applies. */
		public Builder edgeTimestep(int v) {
			edgeTimestep = v;
			return this;
		}

		/** Fast EM's starting kernel support ({@link EmConfig#supportStart()}; 0 = the whole window throughout). */
		public Builder supportStart(int v) {
			supportStart = v;
			return this;
		}

		/** Kernel sizes above this start coarse to fine ({@link EmConfig#coarseAbove()}; 129 = never). */
		public Builder coarseAbove(int v) {
			coarseAbove = v;
			return this;
		}

		public EmConfig build() {
			return new EmConfig(steps, particles, guidance, pigdmScale, blindPigdmScale, blindLateTimestep, dpsScale,
					ddimEta, new MStepConfig(kernelSize, lambda, beta, mStepIterations, particleFactor, varianceTerm,
							PriorLevel.LAMBDA_OVER_BETA, gradientDomain),
					centreKernel, kernelMode, outerIterations, sigma, seed, tileSize, tileOverlap, tilesPerBatch,
					completionPasses, maskedGuidanceIterations, restarts, noiseAdaptation, kernelThreshold, edgeFraction,
					edgeTimestep, supportStart, coarseAbove);
		}
	}
}
