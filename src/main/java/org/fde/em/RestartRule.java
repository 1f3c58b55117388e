package org.fde.em;

/**
 * When Fast EM runs again: a blind run of at least {@value #MIN_STEPS} steps has failed when its final residual (the
 * RMS of k &#8859; x&#770;0 &minus; y at the last step, {@link DeblurResult#finalResidual()}) is above
 * max({@value #NOISE_FACTOR}&sigma;, {@value #FLOOR_255}/255), where &sigma; is the run's noise level (given or
 * estimated).
 * <p>
 * A posterior sample explains the measurement down to about the noise: successful runs end at 1.0 to 1.5&sigma; at 50
 * steps and 1.0 to 1.3&sigma; at 100 (P1, P2 and P4 cases, &sigma; = 5 to 20/255). A run that converged to a wrong
 * kernel (two lobes for one, the known failure of blind deblurring) cannot: the failed P4 case of the quick benchmark
 * ended at 2.7&sigma; ({@link EmConfig#RESTARTS_DEFAULT}). Shorter runs are not judged: each of their steps fits the
 * measurement less, and at 20 steps a successful P1 run ends at 2.1&sigma; (the analytic Gaussian prior: 2.6&sigma;
 * at 20 steps, 1.6&sigma; at 50, 1.2&sigma; at 100). The floor keeps low-noise real captures, whose residual is
 * dominated by what the convolution model does not explain (Levin et al.'s pairs: &sigma; &asymp; 0.7/255, residual
 * 3.5 to 4.8/255 on the first 8 pairs), from paying for a restart that cannot help. On a padded measurement the
 * residual is averaged over the padded tile (the padding counts as zero), which lowers it by the measured fraction's
 * square root: the rule errs towards not restarting.
 * <p>
 * A restart draws a new x_T and sampler noise ({@link #seed}); of all runs the one with the lowest final residual is
 * returned.
 */
public final class RestartRule {

	/** The residual, in noise standard deviations, above which a run has failed. */
	public static final double NOISE_FACTOR = 2.0;

	/** The residual floor, in 1/255 of the unit range, below which no run has failed. */
	public static final double FLOOR_255 = 5.0;

	/** The fewest steps of a run whose residual is judged. */
	public static final int MIN_STEPS = 50;

	/** The odd constant that separates the seeds of restarts from the consecutive seeds of a stack's planes. */
	private static final long SEED_STRIDE = 0x9E3779B97F4A7C15L;

	private RestartRule() {
	}

	/** The residual above which a run with noise level &sigma; (unit range) has failed. */
	public static double threshold(double sigma) {
		return Math.max(NOISE_FACTOR * sigma, FLOOR_255 / 255.0);
	}

	/**
	 * True when a run of at least {@value #MIN_STEPS} steps ends with a residual above {@link #threshold} (false
	 * without diagnostics).
	 */
	public static boolean failed(DeblurResult r) {
		return r.diagnostics().size() >= MIN_STEPS && r.finalResidual() > threshold(r.sigma());
	}

	/** The seed of restart {@code attempt} (1, 2, ...) of a run seeded with {@code seed}. */
	public static long seed(long seed, int attempt) {
		return seed + attempt * SEED_STRIDE;
	}

	/** A line for the log: why the run was restarted and what was kept. */
	public static String describe(DeblurResult r) {
		if (r.restarts() == 0) {
			return "";
		}
		return String.format(java.util.Locale.ROOT, "Fast EM restarted %d time%s: the first run's final residual "
				+ "%.4f (unit range) was above max(%.0f sigma, %.0f/255) = %.4f (a failed kernel estimate); kept the "
				+ "run with the lowest residual, %.4f%s", r.restarts(), r.restarts() == 1 ? "" : "s", r.firstResidual(),
				NOISE_FACTOR, FLOOR_255, threshold(r.sigma()), r.finalResidual(),
				failed(r) ? " (still above: check the kernel size and the noise level)" : "");
	}
}
