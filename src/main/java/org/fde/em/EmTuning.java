package org.fde.em;

import org.fde.guidance.MaskedPigdm;
import org.fde.kernel.MStepConfig;

/**
 * The solvers' tuning: the values that were measured rather than chosen by the user, immutable and validated at
 * construction. {@link #DEFAULT} is the one documented default; the measurements behind each value are in
 * docs/design-choices.md (and docs/large-kernels.md for the support). The user's settings are in {@link EmConfig}.
 *
 * @param pigdmScale      factor on the official code's &Pi;GDM step weight w_t (ALGORITHM.md &sect;3 step 5) at the
 *                        steps with a fixed kernel (non-blind runs, Diffusion EM's E-steps), in (0, 100]
 * @param blindPigdmScale the same factor at the steps that also update the kernel (Fast EM's), in (0, 100]
 * @param dpsScale        DPS step scale: &zeta;_t = scale&middot;sqrt(&alpha;&#772;_t) at every respaced step, &gt; 0
 * @param beta            &beta;, the M-step's HQS penalty (paper eq. 24)
 * @param mStepIterations HQS iterations per M-step, in [1, 1000]
 * @param centreKernel    re-centre the kernel by its centre of mass after each Fast-EM M-step (ALGORITHM.md &sect;5.3)
 * @param noiseAdaptation the noise-dependent gains on &lambda; and on {@code blindPigdmScale}
 * @param maskedGuidanceIterations on a padded measurement, the conjugate-gradient iterations of the masked &Pi;GDM
 *                        ({@link MaskedPigdm}), in [0, 100]; 0 applies the periodic &Pi;GDM inverse to the masked
 *                        residual
 * @param supportStart    Fast EM only: the side of the centred window that holds the kernel at the first step, in
 *                        [3, 129], or 0 for the whole window at every step; the window grows to the whole kernel
 *                        window by original timestep {@link #SUPPORT_FULL_TIMESTEP} ({@link EmConfig#kernelSupport}),
 *                        but never beyond the size that the blur seen in the measurement suggests
 *                        ({@link org.fde.kernel.BlurExtent}; at least {@code supportStart})
 * @param coarseAbove     Fast EM only: kernel sizes above this start coarse to fine ({@link CoarseToFine}): the kernel
 *                        is first estimated on the image shrunk by 2 (recursively), then refined at full size from it,
 *                        inside its support; in [3, 129], 129 = never
 */
public record EmTuning(double pigdmScale, double blindPigdmScale, double dpsScale, double beta, int mStepIterations,
		boolean centreKernel, NoiseAdaptation noiseAdaptation, int maskedGuidanceIterations, int supportStart,
		int coarseAbove) {

	/**
	 * The default &Pi;GDM factor at the steps with a fixed kernel: 2. With our image prior the official weight leaves
	 * the residual well above the noise level.
	 */
	public static final double PIGDM_SCALE_DEFAULT = 2.0;

	/**
	 * The default &Pi;GDM factor at the steps that also update the kernel: 1, the official weight. At 2 the first
	 * guided steps push x&#770;0 past the clip while the M-steps fit kernels to it.
	 */
	public static final double BLIND_PIGDM_SCALE_DEFAULT = 1.0;

	/** The default DPS step scale: 20 (the official 1 is for 1000 steps; at 50 or 100 Fast EM DPS diverges with it). */
	public static final double DPS_SCALE_DEFAULT = 20.0;

	/**
	 * The default {@code supportStart}: 33 px, the kernel size at which the blind defaults were tuned; it leaves kernel
	 * sizes up to 33 unchanged and keeps larger kernel windows from filling with the noise the early M-steps fit.
	 */
	public static final int SUPPORT_START_DEFAULT = 33;

	/**
	 * The default {@code coarseAbove}: 47 px, the largest kernel size that one full-size run handled
	 * (docs/large-kernels.md). Kernel sizes up to it run exactly as before.
	 */
	public static final int COARSE_ABOVE_DEFAULT = 47;

	/** The original timestep at which the kernel's support has grown to the whole window ({@code supportStart}). */
	public static final int SUPPORT_FULL_TIMESTEP = 500;

	/**
	 * The tuning every solver uses unless told otherwise: the factors above, &beta; = {@link MStepConfig#BETA_DEFAULT},
	 * 10 HQS iterations per M-step, centring on, {@link NoiseAdaptation#DEFAULT},
	 * {@link MaskedPigdm#DEFAULT_ITERATIONS} conjugate-gradient iterations, support start 33, coarse to fine above 47.
	 */
	public static final EmTuning DEFAULT = new EmTuning(PIGDM_SCALE_DEFAULT, BLIND_PIGDM_SCALE_DEFAULT, DPS_SCALE_DEFAULT,
			MStepConfig.BETA_DEFAULT, 10, true, NoiseAdaptation.DEFAULT, MaskedPigdm.DEFAULT_ITERATIONS,
			SUPPORT_START_DEFAULT, COARSE_ABOVE_DEFAULT);

	public EmTuning {
		if (!(pigdmScale > 0 && pigdmScale <= 100)) {
			throw new IllegalArgumentException("PiGDM scale must be in (0, 100], got " + pigdmScale);
		}
		if (!(blindPigdmScale > 0 && blindPigdmScale <= 100)) {
			throw new IllegalArgumentException("blind PiGDM scale must be in (0, 100], got " + blindPigdmScale);
		}
		if (!(dpsScale > 0) || !Double.isFinite(dpsScale)) {
			throw new IllegalArgumentException("dps scale must be > 0, got " + dpsScale);
		}
		if (!(beta > 0) || !Double.isFinite(beta)) {
			throw new IllegalArgumentException("beta must be > 0 and finite, got " + beta);
		}
		if (mStepIterations < 1 || mStepIterations > 1000) {
			throw new IllegalArgumentException("M-step iterations must be in [1, 1000], got " + mStepIterations);
		}
		if (noiseAdaptation == null) {
			throw new IllegalArgumentException("noiseAdaptation must be set");
		}
		if (maskedGuidanceIterations < 0 || maskedGuidanceIterations > 100) {
			throw new IllegalArgumentException("masked guidance iterations must be in [0, 100], got "
					+ maskedGuidanceIterations);
		}
		if (supportStart != 0 && (supportStart < 3 || supportStart > 129)) {
			throw new IllegalArgumentException("support start must be 0 (off) or in [3, 129], got " + supportStart);
		}
		if (coarseAbove < 3 || coarseAbove > 129) {
			throw new IllegalArgumentException("coarse-to-fine threshold must be in [3, 129], got " + coarseAbove);
		}
	}

	public EmTuning withPigdmScale(double v) {
		return new EmTuning(v, blindPigdmScale, dpsScale, beta, mStepIterations, centreKernel, noiseAdaptation,
				maskedGuidanceIterations, supportStart, coarseAbove);
	}

	public EmTuning withBlindPigdmScale(double v) {
		return new EmTuning(pigdmScale, v, dpsScale, beta, mStepIterations, centreKernel, noiseAdaptation,
				maskedGuidanceIterations, supportStart, coarseAbove);
	}

	public EmTuning withDpsScale(double v) {
		return new EmTuning(pigdmScale, blindPigdmScale, v, beta, mStepIterations, centreKernel, noiseAdaptation,
				maskedGuidanceIterations, supportStart, coarseAbove);
	}

	public EmTuning withBeta(double v) {
		return new EmTuning(pigdmScale, blindPigdmScale, dpsScale, v, mStepIterations, centreKernel, noiseAdaptation,
				maskedGuidanceIterations, supportStart, coarseAbove);
	}

	public EmTuning withMStepIterations(int v) {
		return new EmTuning(pigdmScale, blindPigdmScale, dpsScale, beta, v, centreKernel, noiseAdaptation,
				maskedGuidanceIterations, supportStart, coarseAbove);
	}

	public EmTuning withCentreKernel(boolean v) {
		return new EmTuning(pigdmScale, blindPigdmScale, dpsScale, beta, mStepIterations, v, noiseAdaptation,
				maskedGuidanceIterations, supportStart, coarseAbove);
	}

	public EmTuning withNoiseAdaptation(NoiseAdaptation v) {
		return new EmTuning(pigdmScale, blindPigdmScale, dpsScale, beta, mStepIterations, centreKernel, v,
				maskedGuidanceIterations, supportStart, coarseAbove);
	}

	public EmTuning withMaskedGuidanceIterations(int v) {
		return new EmTuning(pigdmScale, blindPigdmScale, dpsScale, beta, mStepIterations, centreKernel, noiseAdaptation,
				v, supportStart, coarseAbove);
	}

	public EmTuning withSupportStart(int v) {
		return new EmTuning(pigdmScale, blindPigdmScale, dpsScale, beta, mStepIterations, centreKernel, noiseAdaptation,
				maskedGuidanceIterations, v, coarseAbove);
	}

	/** Kernel sizes above {@code v} start coarse to fine ({@link CoarseToFine}; 129 = never). */
	public EmTuning withCoarseAbove(int v) {
		return new EmTuning(pigdmScale, blindPigdmScale, dpsScale, beta, mStepIterations, centreKernel, noiseAdaptation,
				maskedGuidanceIterations, supportStart, v);
	}
}
