package org.fde.em;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.fde.image.Image;
import org.fde.kernel.BlurExtent;

/**
 * Whether a blind run failed, judged from its result and the measurement alone, so that a collapsed or diverged
 * estimate never passes as a result. A run has failed when any of these holds:
 * <ol>
 * <li><b>residual</b>: the final residual (RMS of k &#8859; x&#770;0 &minus; y) is above {@link RestartRule#threshold}
 * (max(2&sigma;, 5/255)) on a run of at least {@link RestartRule#MIN_STEPS} steps: the output and the kernel do not
 * explain the image;</li>
 * <li><b>flat kernel</b>: the kernel is spread over its window (participation 1/&Sigma;k&sup2; at least
 * {@value #FLAT_PARTICIPATION} of the window's pixels and at least {@value #FLAT_BORDER} of its mass in the window's
 * outer eighth) while the image's blur looks less than half the window wide ({@link BlurExtent}): the collapse of
 * an M-step that fitted noise;</li>
 * <li><b>point kernel</b>: the kernel is a point (participation at most {@value #DELTA_PARTICIPATION} pixels) while
 * the image looks blurred over {@value #DELTA_BLUR_RADIUS} pixels or more: the no-blur solution, an output that is the
 * blurred input;</li>
 * <li><b>saturated output</b> ({@link #diverged}): a share of the output's pixels at least {@value #SATURATED_EXCESS}
 * above the measurement's sits at the ends of the unit range: x&#770;0 was pushed past the clip, an output further
 * from y than any blur explains. A restoration gives back the contrast the blur took, so it reaches the range's ends
 * a little more often than the measurement, but not by that much.</li>
 * </ol>
 * The first three thresholds sit far from what successful runs give (a motion kernel's participation is a few percent
 * of its window, a successful run's residual 1 to 1.5&sigma;); the saturation excess sits in a narrower gap.
 * Measurements: docs/large-kernels.md.
 */
public final class RunCheck {

	/** Participation (as a share of the window's pixels) from which a kernel counts as spread flat. */
	public static final double FLAT_PARTICIPATION = 0.25;

	/** Share of the kernel's mass in the window's outer eighth from which a spread kernel counts as flat. */
	public static final double FLAT_BORDER = 0.1;

	/** Participation (pixels) up to which a kernel counts as a point. */
	public static final double DELTA_PARTICIPATION = 2.0;

	/** Blur radius ({@link BlurExtent}, pixels) from which a point kernel contradicts the image. */
	public static final int DELTA_BLUR_RADIUS = 6;

	/**
	 * How much larger the share of the output's pixels at the ends of the unit range must be than the measurement's
	 * for the output to count as diverged: 5 % (successful runs: at most 4 % more; diverged ones 6 % and more;
	 * docs/large-kernels.md).
	 */
	public static final double SATURATED_EXCESS = 0.05;

	private RunCheck() {
	}

	/**
	 * The check's findings.
	 *
	 * @param problems      one sentence per failed criterion (empty: the run passed)
	 * @param residualRatio the final residual over &sigma; (NaN without diagnostics)
	 * @param participation the kernel's participation 1/&Sigma;k&sup2; as a share of its window (the largest over the
	 *                      kernels)
	 * @param borderMass    the kernel's mass in the window's outer eighth (the largest over the kernels)
	 * @param blurRadius    the blur's extent seen in the measurement ({@link BlurExtent#estimate}), pixels
	 * @param saturated     the share of the output's pixels at the ends of the unit range
	 */
	public record Verdict(List<String> problems, double residualRatio, double participation, double borderMass,
			int blurRadius, double saturated) {

		public Verdict {
			problems = List.copyOf(problems);
		}

		public boolean failed() {
			return !problems.isEmpty();
		}

		/** One line: "passed" or "FAILED: ..." with the figures behind the verdict. */
		public String describe() {
			String figures = String.format(Locale.ROOT, "residual %.2f sigma, kernel participation %.1f %% of its "
					+ "window, %.1f %% of its mass at the window's border, blur extent in the image about %d px, "
					+ "%.1f %% of the output saturated", residualRatio, 100 * participation, 100 * borderMass,
					blurRadius, 100 * saturated);
			return failed() ? "FAILED: " + String.join("; ", problems) + " (" + figures + ")" : "passed (" + figures
					+ ")";
		}
	}

	/**
	 * Checks a blind run's result against the measurement it was run on.
	 *
	 * @param r the result (unit range; its image may be cropped from a padded run)
	 * @param y the measurement (unit range), the same size as {@code r.image()}
	 */
	public static Verdict check(DeblurResult r, Image y) {
		List<String> problems = new ArrayList<>();
		double ratio = r.finalResidual() / Math.max(r.sigma(), 1e-12);
		if (RestartRule.failed(r)) {
			problems.add(String.format(Locale.ROOT, "the output and the kernel do not explain the image (final "
					+ "residual %.4f, above max(%.0f sigma, %.0f/255) = %.4f)", r.finalResidual(),
					RestartRule.NOISE_FACTOR, RestartRule.FLOOR_255, RestartRule.threshold(r.sigma())));
		}
		int s = r.kernelSize();
		double participation = 0;
		double minParticipation = Double.POSITIVE_INFINITY;
		double border = 0;
		for (float[] k : r.kernels()) {
			double p = participation(k);
			participation = Math.max(participation, p / (s * (double) s));
			minParticipation = Math.min(minParticipation, p);
			border = Math.max(border, borderMass(k, s));
		}
		int blur = BlurExtent.estimate(mean(y), y.width(), y.height(), r.sigma()).radius();
		if (participation >= FLAT_PARTICIPATION && border >= FLAT_BORDER && blur < s / 2) {
			problems.add(String.format(Locale.ROOT, "the kernel is spread flat over its %dx%d window while the "
					+ "image looks blurred over about %d px (a collapsed estimate)", s, s, blur));
		}
		if (minParticipation <= DELTA_PARTICIPATION && blur >= DELTA_BLUR_RADIUS) {
			problems.add(String.format(Locale.ROOT, "the kernel is a point while the image looks blurred over "
					+ "about %d px (the output is the blurred input)", blur));
		}
		double sat = saturated(r.image());
		double satY = saturated(y);
		if (diverged(sat, satY)) {
			problems.add(String.format(Locale.ROOT, "%.1f %% of the output is saturated, against %.1f %% of the "
					+ "image (a diverged estimate)", 100 * sat, 100 * satY));
		}
		return new Verdict(problems, ratio, participation, border, blur, sat);
	}

	/**
	 * The saturated-output criterion alone: whether {@link #SATURATED_EXCESS} more of the output's pixels than of the
	 * measurement's sit at the ends of the unit range.
	 */
	public static boolean diverged(DeblurResult r, Image y) {
		return diverged(saturated(r.image()), saturated(y));
	}

	private static boolean diverged(double outputSaturated, double measurementSaturated) {
		return outputSaturated >= measurementSaturated + SATURATED_EXCESS;
	}

	/** 1/&Sigma;k&sup2; of a sum-1 kernel: 1 for a point, the window's pixel count for a uniform kernel. */
	static double participation(float[] k) {
		double s = 0;
		for (float v : k) {
			s += (double) v * v;
		}
		return s > 0 ? 1 / s : 0;
	}

	/** The share of the kernel's mass in the window's outer ring of width max(1, size/8). */
	static double borderMass(float[] k, int size) {
		int b = Math.max(1, size / 8);
		double all = 0;
		double ring = 0;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double v = Math.max(0, k[y * size + x]);
				all += v;
				if (y < b || x < b || y >= size - b || x >= size - b) {
					ring += v;
				}
			}
		}
		return all > 0 ? ring / all : 0;
	}

	/** The share of pixels (all channels) at or beyond the ends of the unit range (within 1e-3). */
	static double saturated(Image img) {
		long n = 0;
		long at = 0;
		for (int c = 0; c < img.channels(); c++) {
			for (float v : img.plane(c)) {
				n++;
				if (v <= 1e-3f || v >= 1 - 1e-3f) {
					at++;
				}
			}
		}
		return n == 0 ? 0 : at / (double) n;
	}

	/** The channel mean of an image (one plane). */
	private static float[] mean(Image y) {
		if (y.channels() == 1) {
			return y.plane(0);
		}
		float[] out = new float[y.width() * y.height()];
		for (int c = 0; c < y.channels(); c++) {
			float[] p = y.plane(c);
			for (int i = 0; i < out.length; i++) {
				out[i] += p[i] / y.channels();
			}
		}
		return out;
	}
}
