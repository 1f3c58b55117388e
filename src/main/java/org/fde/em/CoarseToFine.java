package org.fde.em;

import java.util.function.BooleanSupplier;

import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.kernel.KernelResampling;
import org.fde.noise.NoiseSigma;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;

/**
 * Fast EM for kernels larger than one full-size run handles (issue 37): the kernel is first estimated on the image
 * shrunk by {@value #FACTOR}, then refined at full size from it.
 * <p>
 * Why: every M-step fits an x&#770;0 that is wrong somewhere (at first entirely), and the data step puts the misfit
 * into every pixel the kernel may use, so the noise in the estimate grows with the kernel window's area; from about
 * 45 px the guidance with such a spread kernel diverges (docs/large-kernels.md). Shrinking the image by s shrinks
 * the blur's area by s&sup2;, back to a size one run handles; at full size the kernel is then only allowed where the
 * coarse kernel put its mass.
 * <ol>
 * <li>Coarse: y's measured window is averaged over s&times;s blocks ({@link KernelResampling#blockMean}: the blur's
 * offsets divided by s, the noise &sigma;/s), padded to the image prior's size multiple (the padding is missing data,
 * as for any padded measurement; a periodic y whose shrunk sides are already multiples stays periodic), and solved by
 * {@link FastEm} with the kernel size &lceil;K/s&rceil; made odd; a coarse kernel size above {@link #LEVEL_MAX} starts
 * coarse to fine itself (79 &rarr; 41 &rarr; 21, 129 &rarr; 65 &rarr; 33).</li>
 * <li>Fine: the coarse kernel enlarged to K ({@link KernelResampling#enlarge}: &ge; 0, sum 1, centred) is the first
 * kernel and the M-step's first warm start. The kernel is held while the timestep is at or above
 * {@link #HOLD_TIMESTEP} (x&#770;0 carries little image there; Algorithm 1's step), and every M-step after that keeps
 * the kernel inside the coarse kernel's support ({@link KernelResampling#support}: values &ge; {@value #SUPPORT_FRACTION}
 * of its maximum) grown by {@value #SUPPORT_MARGIN} px. The centred growing window ({@link EmTuning#supportStart}) is
 * not used at this stage: the support mask replaces it. A support larger than {@link #REFINE_AREA_MAX} pixels is
 * more than one window handles: the coarse kernel is then held at every step.</li>
 * <li>Check, at the user's scale: a refined kernel that, brought back to the coarse scale, no longer agrees with the
 * coarse kernel ({@link #AGREEMENT_MIN}) lost what the coarse scale measured; the fine stage then runs again holding
 * the coarse kernel at every step, and that run is the result.</li>
 * <li>A coarse kernel held at every step (no M-step sharpens it) is held with the enlargement's widening taken out
 * ({@link KernelResampling#sharpen}): the enlarged kernel is the coarse one seen through the resampling, about a
 * pixel wider per factor than the blur it estimates.</li>
 * <li>Restarts as {@link FastEm}: when the fine run's final residual says it failed ({@link RestartRule}), the fine
 * stage runs again with another seed from the same coarse kernel, and the run with the lowest residual is kept.</li>
 * </ol>
 * The coarse run's steps are reported to the listener (from 1), then the fine run's (from 1 again); the result's time
 * includes both.
 */
final class CoarseToFine {

	/** The shrink factor per level. */
	static final int FACTOR = 2;
	/**
	 * The largest kernel size of a coarse level: 33, the size at which the blind defaults were tuned and the kernel
	 * prior was trained; a coarse level above it starts coarse to fine itself (79 &rarr; 41 &rarr; 21).
	 */
	static final int LEVEL_MAX = 33;
	/** The share of the coarse kernel's maximum above which a pixel belongs to its support. */
	static final double SUPPORT_FRACTION = 0.05;
	/** The margin (fine pixels) by which the coarse kernel's support is grown. */
	static final int SUPPORT_MARGIN = 4;
	/**
	 * The largest support (pixels) that the fine stage refines: 41&sup2;, the largest kernel window in which one
	 * full-size run still recovered the demo's kernel well (issue 37: kernel correlation 0.918 at 41 px, 0.841 at 43,
	 * 0.637 at 45). A coarse kernel whose grown support is larger is held at every step.
	 */
	static final int REFINE_AREA_MAX = 41 * 41;
	/** The fine stage holds the coarse kernel at timesteps at or above this. */
	static final int HOLD_TIMESTEP = 500;
	/**
	 * The least {@link KernelResampling#coarseAgreement} of a refined kernel with the coarse one: 0.85, the kernel
	 * correlation at which the project counts a kernel as recovered (issue 37's check). Below it the fine M-steps
	 * changed the kernel that the coarse scale measured (a 79 px stroke shortened and broken up: 0.79, where refined
	 * kernels that sharpened the stroke scored 0.93-0.99; docs/large-kernels.md), and the fine stage runs again with
	 * the coarse kernel held at every step.
	 */
	static final double AGREEMENT_MIN = 0.85;

	private CoarseToFine() {
	}

	/** Whether a run with this config on this measurement starts coarse to fine. */
	static boolean applies(EmConfig cfg, Image y, PadFrame observed) {
		int ks = cfg.kernelSize();
		if (ks <= cfg.tuning().coarseAbove()) {
			return false;
		}
		int w = observed == null ? y.width() : observed.width();
		int h = observed == null ? y.height() : observed.height();
		int kc = coarseSize(ks);
		return w / FACTOR >= 2 * kc - 1 && h / FACTOR >= 2 * kc - 1; // the coarse run's own size rule, with its pad
	}

	/** The coarse kernel size: &lceil;K/s&rceil;, odd. */
	static int coarseSize(int ks) {
		int c = (ks + FACTOR - 1) / FACTOR;
		return c % 2 == 0 ? c + 1 : c;
	}

	/** As {@link FastEm#run(Image, PadFrame, ProgressListener, BooleanSupplier)}, coarse to fine. */
	static DeblurResult run(ScoreModel model, KernelPrior prior, EmConfig config, Image y, PadFrame observed,
			ProgressListener listener, BooleanSupplier cancelled) {
		return run(model, prior, config, y, observed, listener, cancelled, true);
	}

	/**
	 * @param checkAgreement whether the fine stage checks its kernel against the coarse one (at the user's scale
	 *                       only: an inner level refines a kernel estimated on a still smaller image, the less
	 *                       reliable of the two, and may correct it)
	 */
	private static DeblurResult run(ScoreModel model, KernelPrior prior, EmConfig config, Image y, PadFrame observed,
			ProgressListener listener, BooleanSupplier cancelled, boolean checkAgreement) {
		ProgressListener steps = listener == null ? ProgressListener.NONE : listener;
		EmConfig fine = config.toBuilder().tuning(t -> t.withSupportStart(0)).build(); // the support mask replaces the centred window
		DiffusionRun first = new DiffusionRun(model, prior, fine, y, observed, fine.steps(), steps, cancelled);
		float[][] enlarged = coarseKernels(model, prior, config, first.sigma(), y, observed, steps, cancelled);
		int ks = config.kernelSize();
		boolean[] mask = new boolean[ks * ks];
		for (float[] k : enlarged) {
			boolean[] m = KernelResampling.support(k, ks, SUPPORT_FRACTION, SUPPORT_MARGIN);
			for (int i = 0; i < mask.length; i++) {
				mask[i] |= m[i];
			}
		}
		int hold = KernelResampling.count(mask) <= REFINE_AREA_MAX ? HOLD_TIMESTEP : 0;
		float[][] seed = hold > 0 ? enlarged : sharpened(enlarged, ks); // a kernel held at every step is sharpened
		DeblurResult best = refine(first, seed, mask, hold);
		double seconds = best.elapsedSeconds(); // from the first run's start, before the coarse stage
		if (checkAgreement && hold > 0 && !agrees(best.kernels(), enlarged, ks)) { // the fine M-steps lost the coarse kernel: hold it
			hold = 0;
			seed = sharpened(enlarged, ks);
			DiffusionRun held = new DiffusionRun(model, prior, fine, y, observed, fine.steps(), steps, cancelled);
			best = refine(held, seed, mask, hold);
			seconds += best.elapsedSeconds();
		}
		double firstResidual = best.finalResidual();
		int restarts = 0;
		while (restarts < config.restarts() && RestartRule.failed(best)) {
			restarts++;
			EmConfig again = fine.toBuilder().seed(RestartRule.seed(config.seed(), restarts)).build();
			DiffusionRun run = new DiffusionRun(model, prior, again, y, observed, again.steps(), steps, cancelled);
			DeblurResult r = refine(run, seed, mask, hold);
			seconds += r.elapsedSeconds();
			if (r.finalResidual() < best.finalResidual()) {
				best = r;
			}
		}
		return new DeblurResult(best.image(), best.mean(), best.std(), best.kernels(), best.kernelSize(), best.sigma(),
				best.diagnostics(), seconds, restarts, restarts == 0 ? Double.NaN : firstResidual);
	}

	/** The enlarged coarse kernels with the enlargement's widening taken out ({@link KernelResampling#sharpen}). */
	static float[][] sharpened(float[][] enlarged, int ks) {
		float[][] out = new float[enlarged.length][];
		for (int j = 0; j < out.length; j++) {
			out[j] = KernelResampling.sharpen(enlarged[j], ks, FACTOR, coarseSize(ks));
		}
		return out;
	}

	/**
	 * Whether every refined kernel is still, at the coarse scale, the kernel the coarse stage measured
	 * ({@link KernelResampling#coarseAgreement} &ge; {@link #AGREEMENT_MIN}).
	 *
	 * @param enlarged the coarse stage's kernels, enlarged (not sharpened)
	 */
	static boolean agrees(float[][] refined, float[][] enlarged, int ks) {
		for (int j = 0; j < refined.length; j++) {
			float[] s = enlarged[Math.min(j, enlarged.length - 1)];
			if (!(KernelResampling.coarseAgreement(refined[j], s, ks, FACTOR, coarseSize(ks)) >= AGREEMENT_MIN)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The kernels of the coarse stage (one, or one per channel), enlarged to the full kernel size.
	 *
	 * @param sigma the noise level of y (given or estimated at full size)
	 */
	static float[][] coarseKernels(ScoreModel model, KernelPrior prior, EmConfig config, double sigma, Image y,
			PadFrame observed, ProgressListener listener, BooleanSupplier cancelled) {
		int ks = config.kernelSize();
		int kc = coarseSize(ks);
		int w = observed == null ? y.width() : observed.width();
		int h = observed == null ? y.height() : observed.height();
		int cw = w / FACTOR;
		int ch = h / FACTOR;
		int multiple = model.spec().sizeMultiple();
		boolean periodic = observed == null && w % FACTOR == 0 && h % FACTOR == 0 && cw % multiple == 0
				&& ch % multiple == 0 && cw >= 2 * kc && ch >= 2 * kc;
		PadFrame frame = periodic ? null : PadFrame.around(cw, ch, kc / 2, multiple);
		float[][] planes = new float[y.channels()][];
		for (int c = 0; c < planes.length; c++) {
			float[] p = observed == null ? y.plane(c) : observed.crop(y.plane(c));
			planes[c] = KernelResampling.blockMean(p, w, h, FACTOR);
			if (frame != null) {
				planes[c] = frame.pad(planes[c]);
			}
		}
		Image yc = frame == null ? new Image(cw, ch, planes)
				: new Image(frame.paddedWidth(), frame.paddedHeight(), planes);
		EmConfig coarse = config.toBuilder().kernelSize(kc).sigma(NoiseSigma.given(sigma / FACTOR))
				.tuning(t -> t.withCoarseAbove(Math.min(config.tuning().coarseAbove(), LEVEL_MAX))).build();
		ProgressListener steps = (done, total, d) -> listener.onStep(done, total, d); // no snapshots of the coarse run
		ScoreModel m = model.atSize(yc.height(), yc.width());
		DeblurResult r = applies(coarse, yc, frame) ? run(m, prior, coarse, yc, frame, steps, cancelled, false)
				: new FastEm(m, prior, coarse).run(yc, frame, steps, cancelled);
		float[][] out = new float[r.kernels().length][];
		for (int j = 0; j < out.length; j++) {
			out[j] = KernelResampling.enlarge(r.kernels()[j], kc, FACTOR, ks);
		}
		return out;
	}

	/**
	 * Algorithm 2 from the given kernels: held while the timestep is &ge; {@code holdTimestep}, then updated by
	 * M-steps kept inside {@code mask}.
	 */
	static DeblurResult refine(DiffusionRun run, float[][] seed, boolean[] mask, int holdTimestep) {
		run.supportMask = mask;
		float[][] k0 = new float[run.kernelCount()][];
		for (int j = 0; j < k0.length; j++) {
			k0[j] = seed[Math.min(j, seed.length - 1)].clone();
		}
		FastEm.State s = new FastEm.State(run.initialNoise(), k0); // x_T ~ N(0, I), the enlarged coarse kernel
		for (int t = run.steps() - 1; t >= 0; t--) {
			s = run.timestep(t) < holdTimestep ? FastEm.step(run, t, s) // Algorithm 2's step, in the mask
					: new FastEm.State(run.heldStep(0, t, s.x(), s.kernels()), s.kernels()); // Algorithm 1's step
		}
		return run.blindResult(s.x(), s.kernels());
	}
}
