package org.fde.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.fde.em.DeblurResult;
import org.fde.em.DiffusionEm;
import org.fde.em.EmConfig;
import org.fde.em.FaithfulEstimate;
import org.fde.em.FastEm;
import org.fde.em.HybridEm;
import org.fde.em.KernelMode;
import org.fde.em.NoiseAdaptation;
import org.fde.em.NonBlind;
import org.fde.em.ProgressListener;
import org.fde.em.RestartRule;
import org.fde.em.RunCheck;
import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.image.Padding;
import org.fde.image.TileGrid;
import org.fde.kernel.BlurExtent;
import org.fde.kernel.Kernels;
import org.fde.noise.NoiseSigma;
import org.fde.normalize.PercentileNormalization;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;
import org.fde.stack.StackRequest.Method;

/**
 * Deblurs a whole C/Z/T hyperstack with one of the solvers, plane by plane. This is where the Fiji commands' choices
 * live, independent of ImageJ:
 * <ul>
 * <li><b>Units.</b> With a shared kernel all channels form one unit; with one kernel per channel every channel is
 * its own unit. Each unit is normalised and solved separately (for per-channel kernels this is the same computation
 * as the solvers' {@code PER_CHANNEL} mode, since the image prior runs per channel anyway, but it lets every channel
 * have its own intensity scale and noise level).</li>
 * <li><b>Intensities.</b> {@link PercentileNormalization} with the 0.1 and 99.9 percentiles of the unit's channels
 * over the WHOLE stack (all slices and frames together, so that frames of a time-lapse stay comparable); &sigma; is
 * rescaled to match; outputs go back to the input's scale. A unit whose values are all equal is returned unchanged
 * (delta kernel), as is any plane that is constant on its own.</li>
 * <li><b>Borders.</b> Each plane is mirror-padded by the kernel radius (kernelSize / 2) on every side, then up to the
 * image prior's size multiple, solved, and cropped back.</li>
 * <li><b>Tiles.</b> A padded plane larger than the tile size ({@link StackRequest#tileSize()}; automatic: planes
 * wider or higher than {@link #AUTO_TILING_ABOVE} with {@link TileGrid#cheapestTileSize} between 256 and 512) is
 * solved in overlapping tiles with one kernel estimated jointly from all tiles (see {@link EmConfig#tileSize()});
 * smaller planes are solved whole, as before.</li>
 * <li><b>Kernels over Z/T.</b> One kernel per plane: a separate blind run for every (slice, frame). One kernel for
 * the whole stack: a blind run on the reference plane, then the non-blind solver with that kernel on every other
 * plane (the reference plane keeps its blind result).</li>
 * <li><b>Seeds.</b> Run number i (counting units, then planes, from 0) uses {@code config.seed() + i}.</li>
 * <li><b>Output.</b> {@link StackRequest.Output#ESTIMATE}: the faithful estimate given the run's final kernel
 * ({@link FaithfulEstimate}, in the same padded frame, the padding missing data, and the same tiles), with a note of
 * its reblur residual against &sigma;; {@link StackRequest.Output#SAMPLE}: the particle mean (the single sample when
 * particles = 1). Either way the uncertainty map is the standard deviation across particles. The non-blind estimate
 * without an uncertainty map runs no diffusion at all (it needs only the known kernel and &sigma;).</li>
 * </ul>
 * The input hyperstack is never modified.
 */
public final class StackDeblur {

	/** Receives the overall progress, in diffusion steps over the whole hyperstack. */
	@FunctionalInterface
	public interface Progress {

		/**
		 * @param done  steps finished so far over all runs
		 * @param total steps of the whole job
		 * @param stage what is being processed, e.g. "slice 2/5, frame 1/1, channel 1"
		 */
		void update(long done, long total, String stage);

		Progress NONE = (done, total, stage) -> {
		};
	}

	/** With automatic tiling, padded planes wider or higher than this are tiled. */
	public static final int AUTO_TILING_ABOVE = 512;

	private StackDeblur() {
	}

	/**
	 * The solver's tile size ({@link EmConfig#tileSize()}, 0 = whole plane) for a padded plane.
	 *
	 * @param requested {@link StackRequest#tileSize()}: 0 = automatic, else rounded up to {@code multiple}
	 * @param multiple  the image prior's size multiple
	 */
	public static int tileSizeFor(int requested, int paddedWidth, int paddedHeight, int kernelSize, int multiple) {
		int side = Math.max(paddedWidth, paddedHeight);
		int t;
		if (requested > 0) {
			t = Padding.roundUp(requested, multiple);
		} else if (side > AUTO_TILING_ABOVE) {
			int min = Math.max(256, 2 * kernelSize);
			t = TileGrid.cheapestTileSize(paddedWidth, paddedHeight, kernelSize, multiple, min, Math.max(512, min));
		} else {
			return 0;
		}
		return t >= side ? 0 : t;
	}

	/** The total number of diffusion steps {@link #run} will report for this input and request. */
	public static long totalSteps(Hyperstack y, StackRequest r) {
		EmConfig c = r.config();
		long planes = (long) y.slices() * y.frames();
		long units = r.perChannel() ? y.channels() : 1;
		long plain = c.steps();
		long blind = r.method() == Method.DIFFUSION_EM ? (long) c.steps() * c.outerIterations() : c.steps();
		long perUnit;
		if (!r.method().isBlind()) {
			perUnit = planes * plain;
		} else if (r.wholeStack()) {
			perUnit = blind + (planes - 1) * plain;
		} else {
			perUnit = planes * blind;
		}
		return units * perUnit;
	}

	/**
	 * Runs the request on every plane.
	 *
	 * @param y         the blurred hyperstack, on its own intensity scale (not modified)
	 * @param model     the image prior (any number of channels is handled by the solvers)
	 * @param prior     the kernel prior of the blind methods (ignored by the non-blind one)
	 * @param progress  called once per diffusion step (may be null)
	 * @param cancelled polled once per step; when it turns true a {@link java.util.concurrent.CancellationException}
	 *                  is thrown (may be null)
	 * @throws IllegalArgumentException for an image smaller than twice the kernel, non-finite pixels, a reference
	 *                                  plane outside the stack or constant, a kernel count that does not match the
	 *                                  channels, or a noise level not below the intensity range
	 */
	public static StackResult run(Hyperstack y, StackRequest r, ScoreModel model, KernelPrior prior, Progress progress,
			BooleanSupplier cancelled) {
		EmConfig base = r.config();
		int ks = base.mStep().kernelSize();
		check(y, r, prior, ks);
		int cs = y.channels();
		int zs = y.slices();
		int ts = y.frames();
		boolean blind = r.method().isBlind();
		boolean wholeStack = blind && r.wholeStack();
		int[][] units = units(cs, r.perChannel());
		Hyperstack out = Hyperstack.zeros(y.width(), y.height(), cs, zs, ts);
		Hyperstack std = r.uncertainty() ? Hyperstack.zeros(y.width(), y.height(), cs, zs, ts) : null;
		Hyperstack kernels = blind ? Hyperstack.zeros(ks, ks, r.perChannel() ? cs : 1, wholeStack ? 1 : zs,
				wholeStack ? 1 : ts) : null;
		Job job = new Job(r, model, prior, progress == null ? Progress.NONE : progress, cancelled, totalSteps(y, r));
		List<String> notes = new ArrayList<>();
		for (int u = 0; u < units.length; u++) {
			int[] ch = units[u];
			int kc = r.perChannel() ? ch[0] : 0;
			PercentileNormalization norm = PercentileNormalization.fit(unitPlanes(y, ch));
			String unitName = unitName(ch, cs);
			float[][] known = blind ? null : r.perChannel() ? new float[][] { r.kernels()[ch[0]] } : r.kernels();
			if (norm.isConstant()) {
				notes.add(String.format(Locale.ROOT, "%s: constant (all values %s): returned unchanged", unitName,
						fmt(norm.low())));
				for (int t = 0; t < ts; t++) {
					for (int z = 0; z < zs; z++) {
						for (int c : ch) {
							out.set(c, z, t, y.plane(c, z, t).clone());
						}
						if (blind && (!wholeStack || (z == 0 && t == 0))) {
							kernels.set(kc, wholeStack ? 0 : z, wholeStack ? 0 : t, Kernels.delta(ks));
						}
					}
				}
				job.skip(unitSteps(y, r));
				continue;
			}
			checkSigma(r, norm, unitName);
			NoiseSigma unitSigma = r.sigma() > 0 ? NoiseSigma.given(norm.sigmaToUnit(r.sigma()))
					: NoiseSigma.estimate();
			EmConfig cfg = base.toBuilder().sigma(unitSigma).kernelMode(KernelMode.SHARED).build();
			if (blind) {
				String advice = sizeAdvice(unitImage(y, ch, wholeStack ? r.referenceSlice() : 0,
						wholeStack ? r.referenceFrame() : 0, norm), unitSigma, ks);
				if (advice != null) {
					notes.add(unitName + ": " + advice);
				}
			}
			List<Double> sigmas = new ArrayList<>();
			List<Double> blindSigmas = new ArrayList<>(); // the planes whose kernel was estimated
			float[][] stackKernel = null;
			if (wholeStack) {
				int zr = r.referenceSlice();
				int tr = r.referenceFrame();
				Image ref = unitImage(y, ch, zr, tr, norm);
				if (isConstant(ref)) {
					throw new IllegalArgumentException("the reference plane (slice " + (zr + 1) + ", frame " + (tr + 1)
							+ ") of " + unitName + " is constant: no kernel can be estimated from it; choose another "
							+ "reference plane or one kernel per plane");
				}
				DeblurResult res = job.solve(r.method(), ref, null, cfg, stage(zr, tr, zs, ts, unitName));
				write(out, std, ch, zr, tr, res, norm);
				sigmas.add(res.sigma());
				blindSigmas.add(res.sigma());
				stackKernel = res.kernels();
				kernels.set(kc, 0, 0, res.kernels()[0].clone());
			}
			for (int t = 0; t < ts; t++) {
				for (int z = 0; z < zs; z++) {
					if (wholeStack && z == r.referenceSlice() && t == r.referenceFrame()) {
						continue;
					}
					Method m = wholeStack ? Method.NON_BLIND : r.method();
					float[][] k = wholeStack ? stackKernel : known;
					Image img = unitImage(y, ch, z, t, norm);
					DeblurResult res = job.solve(m, img, k, cfg, stage(z, t, zs, ts, unitName));
					if (res == null) { // a constant plane: unchanged
						for (int c : ch) {
							out.set(c, z, t, y.plane(c, z, t).clone());
						}
						if (blind && !wholeStack) {
							kernels.set(kc, z, t, Kernels.delta(ks));
						}
						continue;
					}
					write(out, std, ch, z, t, res, norm);
					sigmas.add(res.sigma());
					if (blind && !wholeStack) {
						blindSigmas.add(res.sigma());
						kernels.set(kc, z, t, res.kernels()[0].clone());
					}
				}
			}
			notes.add(note(unitName, norm, r.sigma(), sigmas));
			if (!blindSigmas.isEmpty() && r.method() != Method.CLASSICAL) { // the classical method has no lambda
				notes.add(adaptationNote(unitName, r.method(), base, blindSigmas));
			}
		}
		notes.addAll(job.restartNotes);
		notes.addAll(FaithfulNotes.describe(job.residuals));
		return new StackResult(out, std, kernels, notes, job.failures);
	}

	/** The {@link BlurExtent} warning for a kernel size that looks too small for the plane's blur, else null. */
	static String sizeAdvice(Image plane, NoiseSigma unitSigma, int ks) {
		float[] p = plane.plane(0);
		double sigma = unitSigma.resolve(new float[][] { p }, plane.width(), plane.height());
		return BlurExtent.estimate(p, plane.width(), plane.height(), sigma).advice(ks);
	}

	private static void check(Hyperstack y, StackRequest r, KernelPrior prior, int ks) {
		checkInput(y, r);
		if (r.method().isBlind() && r.method() != Method.CLASSICAL && prior == null) {
			throw new IllegalArgumentException("the blind methods need a kernel prior");
		}
	}

	/**
	 * The checks of {@link #run} that need no network: the image's size against the kernel, finite pixels, the
	 * reference plane, the kernel count. Callers run it before loading the networks, so that bad input is refused at
	 * once.
	 *
	 * @throws IllegalArgumentException as {@link #run} does
	 */
	public static void checkInput(Hyperstack y, StackRequest r) {
		int ks = r.config().mStep().kernelSize();
		String small = sizeProblem(y.width(), y.height(), ks);
		if (small != null) {
			throw new IllegalArgumentException(small);
		}
		String bad = y.firstNonFinite();
		if (bad != null) {
			throw new IllegalArgumentException("the image contains NaN or infinite values: " + bad);
		}
		if (r.method().isBlind()) {
			if (r.wholeStack() && (r.referenceSlice() >= y.slices() || r.referenceFrame() >= y.frames())) {
				throw new IllegalArgumentException("the reference plane (slice " + (r.referenceSlice() + 1)
						+ ", frame " + (r.referenceFrame() + 1) + ") lies outside the stack (Z=" + y.slices() + ", T="
						+ y.frames() + ")");
			}
		} else if (r.perChannel() && r.kernels().length != y.channels()) {
			throw new IllegalArgumentException("got " + r.kernels().length + " kernels for " + y.channels()
					+ " channels: give one kernel, or exactly one per channel");
		}
		if (r.sigma() > 0) {
			for (int[] ch : units(y.channels(), r.perChannel())) {
				PercentileNormalization norm = PercentileNormalization.fit(unitPlanes(y, ch));
				if (!norm.isConstant()) {
					checkSigma(r, norm, unitName(ch, y.channels()));
				}
			}
		}
	}

	/** The given noise level must be below the unit's intensity range. */
	private static void checkSigma(StackRequest r, PercentileNormalization norm, String unitName) {
		if (r.sigma() > 0 && !(norm.sigmaToUnit(r.sigma()) < 1)) {
			throw new IllegalArgumentException(String.format(Locale.ROOT, "sigma (%s) must be smaller than "
					+ "the intensity range of %s (%s to %s, the 0.1 and 99.9 percentiles)", fmt(r.sigma()),
					unitName, fmt(norm.low()), fmt(norm.high())));
		}
	}

	/** The planes of one channel unit, over all slices and frames. */
	private static float[][] unitPlanes(Hyperstack y, int[] ch) {
		float[][] all = new float[ch.length * y.slices() * y.frames()][];
		int n = 0;
		for (int t = 0; t < y.frames(); t++) {
			for (int z = 0; z < y.slices(); z++) {
				for (int c : ch) {
					all[n++] = y.plane(c, z, t);
				}
			}
		}
		return all;
	}

	/**
	 * Why an image of this size cannot take a kernel of this size (it must be at least twice as wide and high), or
	 * null when it can. For an image too small for even the smallest kernel, the message says so instead of
	 * proposing a kernel size below it.
	 */
	public static String sizeProblem(int width, int height, int kernelSize) {
		if (width >= 2 * kernelSize && height >= 2 * kernelSize) {
			return null;
		}
		int max = maxKernelSize(width, height);
		if (max < ParameterRanges.KERNEL_SIZE_MIN) {
			int min = 2 * ParameterRanges.KERNEL_SIZE_MIN;
			return "the image (" + width + "x" + height + ") is too small: it needs at least " + min + "x" + min
					+ " pixels (twice the smallest kernel size, " + ParameterRanges.KERNEL_SIZE_MIN + ")";
		}
		return "the image (" + width + "x" + height + ") must be at least twice the kernel size (" + kernelSize
				+ ") in width and height: use a kernel size of at most " + max;
	}

	/** The largest odd kernel size that an image of this size accepts (at least 3 is needed for any run). */
	public static int maxKernelSize(int width, int height) {
		int m = Math.min(width, height) / 2;
		return m % 2 == 1 ? m : m - 1;
	}

	private static long unitSteps(Hyperstack y, StackRequest r) {
		return totalSteps(y, r) / (r.perChannel() ? y.channels() : 1);
	}

	private static int[][] units(int channels, boolean perChannel) {
		if (!perChannel) {
			int[] all = new int[channels];
			for (int c = 0; c < channels; c++) {
				all[c] = c;
			}
			return new int[][] { all };
		}
		int[][] u = new int[channels][];
		for (int c = 0; c < channels; c++) {
			u[c] = new int[] { c };
		}
		return u;
	}

	private static String unitName(int[] ch, int channels) {
		if (channels == 1) {
			return "the image";
		}
		if (ch.length == 1) {
			return "channel " + (ch[0] + 1);
		}
		return "channels 1-" + channels;
	}

	private static String stage(int z, int t, int zs, int ts, String unit) {
		return "slice " + (z + 1) + "/" + zs + ", frame " + (t + 1) + "/" + ts + ", " + unit;
	}

	private static Image unitImage(Hyperstack y, int[] ch, int z, int t, PercentileNormalization norm) {
		float[][] p = new float[ch.length][];
		for (int i = 0; i < ch.length; i++) {
			p[i] = norm.forward(y.plane(ch[i], z, t));
		}
		return new Image(y.width(), y.height(), p);
	}

	static boolean isConstant(Image img) {
		float v = img.plane(0)[0];
		for (int c = 0; c < img.channels(); c++) {
			for (float w : img.plane(c)) {
				if (w != v) {
					return false;
				}
			}
		}
		return true;
	}

	private static void write(Hyperstack out, Hyperstack std, int[] ch, int z, int t, DeblurResult res,
			PercentileNormalization norm) {
		for (int i = 0; i < ch.length; i++) {
			out.set(ch[i], z, t, norm.inverse(res.mean().plane(i)));
			if (std != null) {
				std.set(ch[i], z, t, norm.stdFromUnit(res.std().plane(i)));
			}
		}
	}

	private static String note(String unit, PercentileNormalization norm, double sigma, List<Double> unitSigmas) {
		String noise;
		if (sigma > 0) {
			noise = "noise sigma " + fmt(sigma) + " (given)";
		} else if (unitSigmas.isEmpty()) {
			noise = "noise sigma not estimated (constant planes only)";
		} else {
			double[] s = unitSigmas.stream().mapToDouble(norm::sigmaFromUnit).sorted().toArray();
			noise = s.length == 1 ? "noise sigma " + fmt(s[0]) + " (estimated)"
					: "noise sigma " + fmt(s[0]) + " to " + fmt(s[s.length - 1]) + " (estimated per plane)";
		}
		return String.format(Locale.ROOT, "%s: intensities %s to %s (0.1 and 99.9 percentiles) mapped to [0, 1]; %s",
				unit, fmt(norm.low()), fmt(norm.high()), noise);
	}

	/**
	 * The blind settings that the noise level chose ({@link NoiseAdaptation}): &lambda; (both blind
	 * methods' M-step) and, for Fast EM, its &Pi;GDM factor, over the unit's planes, so that a user can reproduce a
	 * run with the adaptation off.
	 */
	static String adaptationNote(String unit, Method method, EmConfig cfg, List<Double> unitSigmas) {
		NoiseAdaptation a = cfg.tuning().noiseAdaptation();
		double lo = unitSigmas.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		double hi = unitSigmas.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		double lambda = cfg.mStep().lambda();
		// lambda's factor falls and the PiGDM factor rises with sigma
		String text = "lambda " + range(lambda * a.lambdaFactor(hi), lambda * a.lambdaFactor(lo));
		if (method == Method.FAST_EM || method == Method.HYBRID) {
			double f = cfg.tuning().blindPigdmScale();
			text += ", Fast EM PiGDM factor " + range(f * a.blindScaleFactor(lo), f * a.blindScaleFactor(hi));
		}
		List<String> gains = new ArrayList<>();
		if (a.lambdaGainLow() != 1) {
			gains.add(String.format(Locale.ROOT, "lambda x%s at sigma <= %s/255", fmt(a.lambdaGainLow()),
					fmt(a.sigmaLow() * 255)));
		}
		if ((method == Method.FAST_EM || method == Method.HYBRID) && a.blindScaleGainHigh() != 1) {
			gains.add(String.format(Locale.ROOT, "PiGDM factor x%s at sigma >= %s/255", fmt(a.blindScaleGainHigh()),
					fmt(a.sigmaHigh() * 255)));
		}
		String how = gains.isEmpty() ? (a.equals(NoiseAdaptation.OFF) ? "noise adaptation off"
				: "no noise adaptation for this method")
				: "adapted to the noise: " + String.join(", ", gains) + " of the [0, 1] range";
		return unit + ": " + text + " (" + how + ")";
	}

	private static String range(double a, double b) {
		return Math.abs(a - b) <= 1e-9 * Math.abs(b) ? fmt(a) : fmt(a) + " to " + fmt(b);
	}

	private static String fmt(double v) {
		return String.format(Locale.ROOT, "%.4g", v);
	}

	/** The state shared by the runs of one job: models, progress bookkeeping and the run counter (for seeds). */
	private static final class Job {

		private final StackRequest request;
		private final ScoreModel model;
		private final KernelPrior prior;
		private final Progress progress;
		private final BooleanSupplier cancelled;
		private long total;
		private long done;
		private int runs;
		/** One log line per run that Fast EM restarted ({@link RestartRule}). */
		private final List<String> restartNotes = new ArrayList<>();
		/** The faithful estimates' reblur residuals, one per run ({@link StackRequest.Output#ESTIMATE}). */
		private final List<FaithfulNotes.Residual> residuals = new ArrayList<>();
		/** One line per blind run whose estimate failed ({@link RunCheck}). */
		private final List<String> failures = new ArrayList<>();

		Job(StackRequest request, ScoreModel model, KernelPrior prior, Progress progress, BooleanSupplier cancelled,
				long total) {
			this.request = request;
			this.model = model;
			this.prior = prior;
			this.progress = progress;
			this.cancelled = cancelled == null ? () -> false : cancelled;
			this.total = total;
		}

		void skip(long steps) {
			done += steps;
			progress.update(done, total, "constant data skipped");
		}

		/**
		 * One padded solver run on a normalised plane group; null (after counting its steps as done) when the
		 * group is constant.
		 */
		DeblurResult solve(Method method, Image y, float[][] kernels, EmConfig cfg, String stage) {
			EmConfig c = cfg.toBuilder().seed(cfg.seed() + runs++).build();
			EmConfig c0 = c;
			long steps = method == Method.DIFFUSION_EM ? (long) c.steps() * c.outerIterations() : c.steps();
			if (isConstant(y)) {
				skip(steps);
				return null;
			}
			if (cancelled.getAsBoolean()) {
				throw new java.util.concurrent.CancellationException("cancelled before " + stage);
			}
			int ks = c.mStep().kernelSize();
			if (request.method() == Method.CLASSICAL) { // no networks, no padding (see ClassicalPlanes)
				progress.update(done, total, stage);
				DeblurResult res = ClassicalPlanes.solve(y, kernels, c);
				done += steps;
				progress.update(done, total, stage);
				return res;
			}
			PadFrame frame = PadFrame.around(y.width(), y.height(), ks / 2, model.spec().sizeMultiple());
			Image padded = frame.pad(y);
			c = c.toBuilder().tileSize(tileSizeFor(request.tileSize(), frame.paddedWidth(), frame.paddedHeight(), ks,
					model.spec().sizeMultiple())).build();
			long before = done;
			if (method == Method.NON_BLIND && request.output() == StackRequest.Output.ESTIMATE
					&& !request.uncertainty()) {
				return estimateOnly(y, frame, padded, kernels, c, stage, before + steps);
			}
			// a restarted run reports its steps from 1 again: count it as more work, and say so in the stage
			int[] restart = { 0, 0 }; // restarts so far, last step reported
			ProgressListener listener = (d, tot, diag) -> {
				if (d <= restart[1]) {
					restart[0]++;
					total += steps;
				}
				restart[1] = d;
				progress.update(before + (long) restart[0] * steps + d, total, restart[0] == 0 ? stage
						: stage + ", restart " + restart[0] + " of at most " + c0.restarts() + " (the run failed)");
			};
			DeblurResult res = switch (method) {
			// the padding is missing data, not data: the image's blur reaches ks/2 beyond its edges (ObservedRegion)
			case FAST_EM -> new FastEm(model, prior, c).run(padded, frame, listener, cancelled);
			case DIFFUSION_EM -> new DiffusionEm(model, prior, c).run(padded, frame, listener, cancelled);
			case NON_BLIND -> new NonBlind(model, c).run(padded, frame, kernels, listener, cancelled);
			case HYBRID -> new HybridEm(model, prior, c).run(padded, frame, listener, cancelled);
			case CLASSICAL -> throw new IllegalStateException("handled above");
			};
			done = before + steps * (1L + res.restarts());
			if (res.restarts() > 0) {
				restartNotes.add(stage + ": " + RestartRule.describe(res));
			}
			if (request.output() == StackRequest.Output.ESTIMATE) {
				// the faithful estimate given the final kernel, in the same frame and tiles; the std stays the run's
				progress.update(done, total, stage + ", faithful estimate");
				FaithfulEstimate.Result f = new FaithfulEstimate(model, FaithfulEstimate.Settings.DEFAULT,
						c.tileSize(), c.tileOverlap(), c.tilesPerBatch()).run(padded, frame, res.kernels(),
								res.kernelSize(), res.sigma(), cancelled);
				residuals.add(new FaithfulNotes.Residual(stage, f.residualRms(), f.sigma()));
				res = new DeblurResult(f.image(), f.image(), res.std(), res.kernels(), res.kernelSize(), res.sigma(),
						res.diagnostics(), res.elapsedSeconds() + f.seconds(), res.restarts(), res.firstResidual());
			}
			float[][] k = Arrays.stream(res.kernels()).map(float[]::clone).toArray(float[][]::new);
			DeblurResult cropped = new DeblurResult(frame.crop(res.image()), frame.crop(res.mean()),
					frame.crop(res.std()), k, res.kernelSize(), res.sigma(), res.diagnostics(), res.elapsedSeconds(),
					res.restarts(), res.firstResidual());
			if (method != Method.NON_BLIND) {
				RunCheck.Verdict v = RunCheck.check(cropped, y);
				if (v.failed()) {
					failures.add(stage + ": " + method.toString().toLowerCase(Locale.ROOT).replace('_', ' ') + ", "
							+ "kernel size " + ks + ": " + v.describe());
				}
			}
			return cropped;
		}

		/**
		 * The non-blind estimate without the diffusion run, whose sample it would discard: with a known kernel and no
		 * uncertainty map asked for, the faithful estimate needs only the kernel and &sigma; (given, or estimated
		 * from the plane as the solvers do).
		 */
		private DeblurResult estimateOnly(Image y, PadFrame frame, Image padded, float[][] kernels, EmConfig c,
				String stage, long doneAfter) {
			int ks = c.mStep().kernelSize();
			float[][] k = new float[kernels.length][];
			for (int j = 0; j < k.length; j++) {
				k[j] = Kernels.project(kernels[j], ks);
			}
			float[][] planes = new float[y.channels()][];
			for (int ch = 0; ch < planes.length; ch++) {
				planes[ch] = y.plane(ch);
			}
			double sigma = c.sigma().resolve(planes, y.width(), y.height());
			progress.update(done, total, stage + ", faithful estimate");
			FaithfulEstimate.Result f = new FaithfulEstimate(model, FaithfulEstimate.Settings.DEFAULT, c.tileSize(),
					c.tileOverlap(), c.tilesPerBatch()).run(padded, frame, k, ks, sigma, cancelled);
			residuals.add(new FaithfulNotes.Residual(stage, f.residualRms(), f.sigma()));
			done = doneAfter;
			progress.update(done, total, stage);
			Image out = frame.crop(f.image());
			return new DeblurResult(out, out, null, k, ks, sigma, List.of(), f.seconds());
		}
	}
}
