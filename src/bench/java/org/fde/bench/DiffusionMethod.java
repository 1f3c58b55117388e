package org.fde.bench;

import java.util.ArrayList;
import java.util.List;

import org.fde.em.DeblurResult;
import org.fde.em.DiffusionEm;
import org.fde.em.EmConfig;
import org.fde.em.FastEm;
import org.fde.em.HybridEm;
import org.fde.em.NoiseAdaptation;
import org.fde.em.NonBlind;
import org.fde.em.ProgressListener;
import org.fde.em.Snapshot;
import org.fde.em.StepDiagnostics;
import org.fde.guidance.GuidanceKind;
import org.fde.image.Image;
import org.fde.noise.NoiseSigma;
import org.fde.score.ScoreModel;

/**
 * The diffusion solvers: Fast EM (Algorithm 2 of Laroche et al.), Diffusion EM (&sect;3.1, L outer iterations) and
 * the non-blind run with the true kernel (Algorithm 1, the upper bound). Settings not given here are the paper's
 * ({@link EmConfig.Builder}); &sigma; is the case's (known) noise level, the seed the case's.
 */
public final class DiffusionMethod implements Method {

	/** Which solver. */
	public enum Kind {
		FAST_EM("fem"), DIFFUSION_EM("dem"), NON_BLIND("nonblind"),
		/**
		 * A diagnostic: Fast EM (n particles), then the non-blind run with Fast EM's kernel in place of the true one.
		 * Its kernel is Fast EM's (the same seed and settings as {@code fem-*}, so the same kernel); its image tells
		 * how much of the gap to the non-blind upper bound the kernel's error alone explains.
		 */
		NON_BLIND_WITH_FEM_KERNEL("nonblind"),
		/**
		 * The hybrid pipeline ({@link HybridEm}): the classical l0 kernel seeds Fast EM (n particles), held down to
		 * the hold timestep; plain Fast EM instead at high noise, or as well when the seeded run failed.
		 */
		HYBRID("fem");

		final String prefix;

		Kind(String prefix) {
			this.prefix = prefix;
		}
	}

	private final Kind kind;
	private final GuidanceKind guidance;
	private final int particles;
	private final int steps;
	private final int outerIterations;
	private final ModelFactory models;
	private final EmOverrides overrides;
	/** The hybrid's hold timestep ({@link HybridEm}); unused by the other kinds. */
	private int holdTimestep = HybridEm.HOLD_TIMESTEP_DEFAULT;

	/** The hybrid with another hold timestep (a diagnostic: {@code fem-hybrid-holdT}). */
	DiffusionMethod withHoldTimestep(int t) {
		if (kind != Kind.HYBRID || t < 0 || t > 1001) {
			throw new IllegalArgumentException("hold timestep must be in [0, 1001] for the hybrid, got " + t);
		}
		holdTimestep = t;
		return this;
	}

	/**
	 * @param steps           respaced diffusion steps per run
	 * @param outerIterations L for Diffusion EM (ignored otherwise)
	 */
	public DiffusionMethod(Kind kind, GuidanceKind guidance, int particles, int steps, int outerIterations,
			ModelFactory models) {
		this(kind, guidance, particles, steps, outerIterations, models, EmOverrides.NONE);
	}

	/**
	 * @param steps           respaced diffusion steps per run
	 * @param outerIterations L for Diffusion EM (ignored otherwise)
	 * @param overrides       settings changed from the defaults (the command line's {@code --em})
	 */
	public DiffusionMethod(Kind kind, GuidanceKind guidance, int particles, int steps, int outerIterations,
			ModelFactory models, EmOverrides overrides) {
		this.kind = kind;
		this.guidance = guidance;
		this.particles = particles;
		this.steps = steps;
		this.outerIterations = outerIterations;
		this.models = models;
		this.overrides = overrides;
		config(33, 0, 0); // validates the settings now rather than at the first case
	}

	@Override
	public String name() {
		String g = guidance == GuidanceKind.PIGDM ? "pigdm" : "dps";
		return switch (kind) {
		case NON_BLIND -> kind.prefix + "-" + g;
		case NON_BLIND_WITH_FEM_KERNEL -> kind.prefix + "-" + g + "-femk" + (particles == 1 ? "" : "-n" + particles);
		case HYBRID -> "fem-hybrid" + (holdTimestep == HybridEm.HOLD_TIMESTEP_DEFAULT ? "" : "-hold" + holdTimestep)
				+ (particles == 1 ? "" : "-n" + particles);
		default -> kind.prefix + "-" + g + "-n" + particles;
		};
	}

	@Override
	public String cacheKey() {
		EmConfig c = config(33, 0, 0);
		String mStep = kind == Kind.NON_BLIND ? ""
				: "-b" + AblationResults.number(c.mStep().beta()) + "-l" + AblationResults.number(c.mStep().lambda());
		String scale = c.guidance() == GuidanceKind.PIGDM && c.tuning().pigdmScale() != 1 ? "-g" + AblationResults.number(
				c.tuning().pigdmScale()) : "";
		// -gkN: the Pi-GDM factor at the steps that update the kernel (Fast EM's; before it had its own setting,
		// those steps used -g's factor)
		boolean fastSteps = kind == Kind.FAST_EM || kind == Kind.NON_BLIND_WITH_FEM_KERNEL || kind == Kind.HYBRID;
		scale += c.guidance() == GuidanceKind.PIGDM && fastSteps ? "-gk" + AblationResults.number(c.tuning().blindPigdmScale())
				: "";
		// -pm2: padded measurements' padding is missing data, in the plugin's frame (PaddedMethod); -cgN: the masked
		// Pi-GDM's conjugate-gradient iterations (results of periodic problems are unchanged by either)
		// -dsN: DPS's step scale (its default was 1 and untagged earlier)
		String masked = c.guidance() == GuidanceKind.PIGDM ? "-cg" + c.tuning().maskedGuidanceIterations()
				: "-ds" + AblationResults.number(c.tuning().dpsScale());
		// -rN: Fast EM's restarts (RestartRule); results without the tag are those of runs without restarts
		String restarts = fastSteps && c.restarts() > 0 ? "-r" + c.restarts() : "";
		// -na2: the noise-dependent gains of NoiseAdaptation#DEFAULT (lambda's low-noise gain 1);
		// (-na tagged the earlier gains, lambda x10/3 at sigma <= 1/255 too, since removed); results without a tag are
		// those of runs with the given values at every noise level
		NoiseAdaptation a = c.tuning().noiseAdaptation();
		String adapted = kind == Kind.NON_BLIND || a.equals(NoiseAdaptation.OFF) ? ""
				: a.equals(NoiseAdaptation.DEFAULT) ? "-na2"
				: "-na" + AblationResults.number(a.sigmaLow() * 255) + "_" + AblationResults.number(a.sigmaHigh() * 255)
						+ "_" + AblationResults.number(a.lambdaGainLow()) + "_" + AblationResults.number(a.blindScaleGainHigh());
		// (-ktN tagged a returned kernel cleaned at N, a setting since removed: untagged kernels are uncleaned)
		// -hT-fsS-c2: the hybrid's hold timestep and fallback noise level (on 255), rule v2 (plain alone from S)
		String hybrid = kind == Kind.HYBRID ? "-h" + holdTimestep + "-fs" + AblationResults.number(
				HybridEm.FALLBACK_SIGMA_DEFAULT * 255) + "-c2" : "";
		return name() + hybrid + "-s" + steps + (kind == Kind.DIFFUSION_EM ? "-L" + outerIterations : "") + mStep + scale
				+ "-pm2" + masked + restarts + adapted + overrides.tag() + "-" + models.tag();
	}

	@Override
	public boolean blind() {
		return kind != Kind.NON_BLIND;
	}

	/** The solvers read only the measured window ({@code ObservedRegion}). */
	@Override
	public boolean paddingIsMissingData() {
		return true;
	}

	@Override
	public int sizeMultiple() {
		return models.sizeMultiple();
	}

	/**
	 * Network evaluations (forward + VJP of one image) of one run: steps &times; n (&times; L for Diffusion EM; plus
	 * the steps of the non-blind run for the diagnostic).
	 */
	public double evaluations() {
		return switch (kind) {
		case DIFFUSION_EM -> (double) steps * particles * outerIterations;
		case NON_BLIND_WITH_FEM_KERNEL -> (double) steps * particles + steps;
		case HYBRID -> 1.5 * steps * particles; // the seeded run, plus plain Fast EM when the rule asks
		default -> (double) steps * particles;
		};
	}

	/** The particle count n. */
	public int particles() {
		return particles;
	}

	/** The settings of a run: the defaults, the method's own, then the overrides; sigma as the solver is told it. */
	private EmConfig config(int kernelSize, double sigma, long seed) {
		return overrides.apply(EmConfig.builder().steps(steps).particles(particles).guidance(guidance)
				.kernelSize(kernelSize).outerIterations(outerIterations).seed(seed)).sigma(noiseSigma(overrides.sigma(sigma)))
				.build();
	}

	/** The case's level as the solver is told it: NaN (none known) and 0 are estimated from y. */
	private static NoiseSigma noiseSigma(double sigma) {
		return Double.isNaN(sigma) ? NoiseSigma.estimate() : NoiseSigma.ofField(sigma);
	}

	@Override
	public MethodResult run(Problem p) throws Exception {
		Image y = p.observed();
		int ks = kind == Kind.NON_BLIND ? p.trueKernelSize() : p.estimateSize();
		EmConfig cfg = config(ks, p.sigma(), p.seed());
		MethodResult twin = kind == Kind.HYBRID ? plainTwin(p, cfg) : null;
		if (twin != null) {
			SampleMemo.put(cacheKey(), p, twin);
			return twin;
		}
		ScoreModel model = models.imagePrior(y.height(), y.width());
		List<Snapshot> snapshots = new ArrayList<>();
		ProgressListener keep = new ProgressListener() {
			@Override
			public void onStep(int done, int total, StepDiagnostics d) {
				if (done == 1) { // a Fast EM restart reports its steps from 1 again: keep the last run's snapshots
					snapshots.clear();
				}
			}

			@Override
			public boolean wantsSnapshot(int done, int total) {
				return isSnapshotStep(done, total);
			}

			@Override
			public void onSnapshot(Snapshot s) {
				snapshots.add(s);
			}
		};
		Resources.Measured<DeblurResult> m = Resources.measure(() -> switch (kind) {
		case FAST_EM -> new FastEm(model, models.kernelPrior(), cfg).run(y, p.padding(), keep, null);
		case HYBRID -> new HybridEm(model, models.kernelPrior(), cfg, holdTimestep, HybridEm.FALLBACK_SIGMA_DEFAULT)
				.run(y, p.padding(), keep, null);
		case DIFFUSION_EM -> new DiffusionEm(model, models.kernelPrior(), cfg).run(y, p.padding(), keep, null);
		case NON_BLIND -> new NonBlind(model, cfg).run(y, p.padding(), new float[][] { p.trueKernel() }, keep, null);
		case NON_BLIND_WITH_FEM_KERNEL -> {
			DeblurResult fem = new FastEm(model, models.kernelPrior(), cfg).run(y, p.padding(), ProgressListener.NONE,
					null);
			EmConfig nb = config(ks, p.sigma(), p.seed()).toBuilder().particles(1).build();
			yield new NonBlind(model, nb).run(y, p.padding(), fem.kernels(), keep, null);
		}
		});
		DeblurResult r = m.value();
		MethodResult out = new MethodResult(r.image(), r.kernel(), r.kernelSize(), m.seconds(), m.peakBytes(),
				kind == Kind.NON_BLIND_WITH_FEM_KERNEL ? null : r.mean(), r.diagnostics(), snapshots);
		SampleMemo.put(cacheKey(), p, out); // for FaithfulMethod on the same case
		return out;
	}

	/**
	 * Where the hybrid runs plain Fast EM alone ({@link HybridEm}: the given noise level at or above its fallback
	 * level, or a window smaller than the kernel), that run is exactly {@code fem-pigdm-n}n's on the same case (the
	 * same settings and seed): its result when that method has just run on this case ({@link SampleMemo}), else null.
	 */
	private MethodResult plainTwin(Problem p, EmConfig cfg) {
		int w = p.padding() == null ? p.observed().width() : p.padding().width();
		int h = p.padding() == null ? p.observed().height() : p.padding().height();
		boolean plain = !cfg.sigma().isEstimated() && cfg.sigma().value() >= HybridEm.FALLBACK_SIGMA_DEFAULT
				|| Math.min(w, h) < cfg.kernelSize();
		if (!plain || guidance != GuidanceKind.PIGDM) {
			return null;
		}
		String key = new DiffusionMethod(Kind.FAST_EM, guidance, particles, steps, outerIterations, models, overrides)
				.cacheKey();
		MethodResult r = SampleMemo.get(key, p);
		if (r != null) {
			System.out.println("    " + name() + ": plain Fast EM at this noise level, the run of " + key
					+ " on this case reused");
		}
		return r;
	}

	/** Steps kept for Figure 2: {@value #SNAPSHOTS} evenly spaced ones ending with the last. */
	static boolean isSnapshotStep(int done, int total) {
		for (int j = 1; j <= SNAPSHOTS; j++) {
			if (done == Math.max(1, Math.round((float) total * j / SNAPSHOTS))) {
				return true;
			}
		}
		return false;
	}

	/** Snapshots per run (Figure 2's strip). */
	static final int SNAPSHOTS = 8;
}
