package org.fde.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.fde.em.DeblurResult;
import org.fde.em.EmConfig;
import org.fde.em.FaithfulEstimate;
import org.fde.em.KernelMode;
import org.fde.image.Image;
import org.fde.image.TileGrid;
import org.fde.image.TileSize;
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
 * wider or higher than {@link TileSize#AUTO_TILING_ABOVE} with {@link TileGrid#cheapestTileSize} between 256 and 512) is
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

	private StackDeblur() {
	}

	/** The total number of diffusion steps {@link #run} will report for this input and request. */
	public static long totalSteps(Hyperstack y, StackRequest r) {
		long planes = (long) y.slices() * y.frames();
		long units = r.perChannel() ? y.channels() : 1;
		long plain = r.steps();
		long blind = r.stepsPerRun();
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
		int ks = r.kernelSize();
		check(y, r, prior);
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
		StackJob job = new StackJob(r, model, prior, progress == null ? Progress.NONE : progress, cancelled, totalSteps(y, r));
		List<String> notes = new ArrayList<>();
		for (int u = 0; u < units.length; u++) {
			int[] ch = units[u];
			int kc = r.perChannel() ? ch[0] : 0;
			PercentileNormalization norm = PercentileNormalization.fit(unitPlanes(y, ch));
			String unitName = unitName(ch, cs);
			float[][] known = blind ? null : r.perChannel() ? new float[][] { r.kernels()[ch[0]] } : r.kernels();
			if (norm.isConstant()) {
				notes.add(String.format(Locale.ROOT, "%s: constant (all values %s): returned unchanged", unitName,
						StackNotes.fmt(norm.low())));
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
			NoiseSigma unitSigma = r.sigma().toUnitRange(norm::sigmaToUnit);
			EmConfig cfg = base.toBuilder().sigma(unitSigma).kernelMode(KernelMode.SHARED).build();
			if (blind) {
				String advice = StackNotes.sizeAdvice(unitImage(y, ch, wholeStack ? r.referenceSlice() : 0,
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
			notes.add(StackNotes.note(unitName, norm, r.sigma(), sigmas));
			if (!blindSigmas.isEmpty() && r.method() != Method.CLASSICAL) { // the classical method has no lambda
				notes.add(StackNotes.adaptationNote(unitName, r.method(), base, blindSigmas));
			}
		}
		notes.addAll(job.restartNotes);
		notes.addAll(FaithfulNotes.describe(job.residuals));
		return new StackResult(out, std, kernels, notes, job.failures);
	}

	private static void check(Hyperstack y, StackRequest r, KernelPrior prior) {
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
		int ks = r.kernelSize();
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
		if (!r.sigma().isEstimated()) {
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
		if (!r.sigma().isEstimated() && !(norm.sigmaToUnit(r.sigma().value()) < 1)) {
			throw new IllegalArgumentException(String.format(Locale.ROOT, "sigma (%s) must be smaller than "
					+ "the intensity range of %s (%s to %s, the 0.1 and 99.9 percentiles)", StackNotes.fmt(r.sigma().value()),
					unitName, StackNotes.fmt(norm.low()), StackNotes.fmt(norm.high())));
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
}
