package org.fde.em;

import java.util.function.BooleanSupplier;

import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.kernel.blind.BlindConfig;
import org.fde.kernel.blind.L0KernelEstimator;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;

/**
 * The hybrid blind pipeline: a classical multiscale &ell;0 kernel ({@link L0KernelEstimator}) seeds Fast EM, Fast EM
 * refines it under the diffusion prior, and the pipeline keeps the run whose kernel best explains y.
 * <ol>
 * <li>The classical kernel of the measured window of y (the channels' mean), at Fast EM's kernel size, with the
 * published defaults ({@link BlindConfig#defaults}).</li>
 * <li>The seeded run: Fast EM's Algorithm 2 from that kernel instead of the delta. While the step's timestep is at or
 * above {@link #holdTimestep} the kernel is held (Algorithm 1's step: x&#770;0 is still too blurry there for the
 * M-step to improve a good kernel); below it the M-step refines the kernel from the held one (its warm start). By
 * default ({@link #HOLD_TIMESTEP_DEFAULT}) it is held at every step.</li>
 * <li>The rule: at a noise level (given or estimated) of at least {@link #fallbackSigma} the classical estimate is
 * not trusted (the &ell;0 method is known to collapse there) and plain Fast EM ({@link FastEm}, from the delta, with
 * its own restarts) runs alone. Below it the seeded run is kept unless it failed: its residual says so
 * ({@link RestartRule#failed}), or its output diverged ({@link RunCheck#diverged}: a wrong classical kernel that the
 * image absorbed, pushing it past the clip while it still explains y). Then plain Fast EM runs too; a diverged run
 * loses to one that did not, and otherwise the run with the lower final reblur residual
 * ({@link DeblurResult#finalResidual}: the RMS of k &#8859; x&#770;0 &minus; y over the measured pixels) is kept.</li>
 * </ol>
 * A measurement smaller than the classical kernel's pyramid allows (its smaller side below the kernel size) runs plain
 * Fast EM.
 */
public final class HybridEm {

	/**
	 * Default of {@link #holdTimestep}: 0, the classical kernel is held at every step (the diffusion prior then
	 * restores the image with it). Holding it only down to timestep 500 and letting the M-step refine it below
	 * was measured worse on Levin's real shake (docs/kernel-estimation.md).
	 */
	public static final int HOLD_TIMESTEP_DEFAULT = 0;
	/**
	 * Default of {@link #fallbackSigma}: 5/255, the noise level from which the classical method is known to fail
	 * (issue 31's measurement: 16.8 dB against 22.7 for the blurred input at 5/255 on BSD68 with Levin's kernels).
	 */
	public static final double FALLBACK_SIGMA_DEFAULT = 5 / 255.0;

	private final ScoreModel model;
	private final KernelPrior prior;
	private final EmConfig config;
	private final int holdTimestep;
	private final double fallbackSigma;

	/** The hybrid with its defaults. */
	public HybridEm(ScoreModel model, KernelPrior prior, EmConfig config) {
		this(model, prior, config, HOLD_TIMESTEP_DEFAULT, FALLBACK_SIGMA_DEFAULT);
	}

	/**
	 * @param holdTimestep  the classical kernel is held at the steps whose timestep is &ge; this, in [0, 1001] (0:
	 *                      held to the end, never updated; 1001: updated from the first step)
	 * @param fallbackSigma plain Fast EM runs alone from this noise level (unit range), &ge; 0 (0: always, i.e. plain
	 *                      Fast EM; +&infin;: never)
	 */
	public HybridEm(ScoreModel model, KernelPrior prior, EmConfig config, int holdTimestep, double fallbackSigma) {
		if (holdTimestep < 0 || holdTimestep > 1001) {
			throw new IllegalArgumentException("holdTimestep must be in [0, 1001], got " + holdTimestep);
		}
		if (!(fallbackSigma >= 0)) {
			throw new IllegalArgumentException("fallbackSigma must be >= 0, got " + fallbackSigma);
		}
		this.model = model;
		this.prior = prior;
		this.config = config;
		this.holdTimestep = holdTimestep;
		this.fallbackSigma = fallbackSigma;
	}

	/** What the hybrid did, for logs and benchmarks. */
	public record Outcome(DeblurResult result, boolean seededKept, boolean plainRan, double seededResidual,
			double plainResidual, double classicalSeconds, float[] classicalKernel) {
	}

	/** Deblurs y (see {@link FastEm#run(Image, PadFrame, ProgressListener, BooleanSupplier)}). */
	public DeblurResult run(Image y, PadFrame observed, ProgressListener listener, BooleanSupplier cancelled) {
		return runDetailed(y, observed, listener, cancelled).result();
	}

	/** As {@link #run}, with what the rule chose. */
	public Outcome runDetailed(Image y, PadFrame observed, ProgressListener listener, BooleanSupplier cancelled) {
		int ks = config.kernelSize();
		int w = observed == null ? y.width() : observed.width();
		int h = observed == null ? y.height() : observed.height();
		DiffusionRun run = new DiffusionRun(model, prior, config, y, observed, config.steps(), listener, cancelled);
		if (Math.min(w, h) < ks || run.sigma() >= fallbackSigma) {
			DeblurResult plain = new FastEm(model, prior, config).run(y, observed, listener, cancelled);
			return new Outcome(plain, false, true, Double.NaN, plain.finalResidual(), 0, null);
		}
		long t0 = System.nanoTime();
		float[] kc = new L0KernelEstimator(BlindConfig.defaults(ks)).estimate(meanOfWindow(y, observed), w, h);
		double classicalSeconds = (System.nanoTime() - t0) * 1e-9;
		DeblurResult seeded = seeded(run, kc);
		double rs = seeded.finalResidual();
		boolean seededDiverged = RunCheck.diverged(seeded, y);
		if (!RestartRule.failed(seeded) && !seededDiverged) {
			return new Outcome(seeded, true, false, rs, Double.NaN, classicalSeconds, kc);
		}
		DeblurResult plain = new FastEm(model, prior, config).run(y, observed, listener, cancelled);
		boolean keepSeeded = keepsSeeded(seeded, seededDiverged, plain, RunCheck.diverged(plain, y));
		DeblurResult kept = keepSeeded ? seeded : plain;
		DeblurResult out = new DeblurResult(kept.image(), kept.mean(), kept.std(), kept.kernels(), kept.kernelSize(),
				kept.sigma(), kept.diagnostics(), seeded.elapsedSeconds() + plain.elapsedSeconds() + classicalSeconds,
				kept.restarts(), kept.firstResidual());
		return new Outcome(out, keepSeeded, true, rs, plain.finalResidual(), classicalSeconds, kc);
	}

	/**
	 * The rule between a failed seeded run and plain Fast EM: a diverged run loses to one that did not diverge;
	 * otherwise the lower final residual (the seeded run on a tie).
	 */
	static boolean keepsSeeded(DeblurResult seeded, boolean seededDiverged, DeblurResult plain, boolean plainDiverged) {
		if (seededDiverged != plainDiverged) {
			return plainDiverged;
		}
		return !(plain.finalResidual() < seeded.finalResidual());
	}

	/** Algorithm 2 from the classical kernel, held (Algorithm 1's step) down to {@link #holdTimestep}. */
	private DeblurResult seeded(DiffusionRun run, float[] kc) {
		FastEm.State s = new FastEm.State(run.initialNoise(), run.copies(kc));
		for (int t = run.steps() - 1; t >= 0; t--) {
			s = run.timestep(t) < holdTimestep ? FastEm.step(run, t, s)
					: new FastEm.State(run.heldStep(0, t, s.x(), s.kernels()), s.kernels());
		}
		return run.blindResult(s.x(), s.kernels());
	}

	/** The channels' mean over the measured window. */
	static float[] meanOfWindow(Image y, PadFrame f) {
		int w = f == null ? y.width() : f.width();
		int h = f == null ? y.height() : f.height();
		float[] m = new float[w * h];
		for (int c = 0; c < y.channels(); c++) {
			float[] p = f == null ? y.plane(c) : f.crop(y.plane(c));
			for (int i = 0; i < m.length; i++) {
				m[i] += p[i] / y.channels();
			}
		}
		return m;
	}
}
