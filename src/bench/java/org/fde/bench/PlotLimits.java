package org.fde.bench;

import java.util.List;

import ij.gui.Plot;

/**
 * Axis limits for the report figures: the data with a margin on every side, so that no marker sits on the frame
 * where it would be clipped, and a free column on the right for the legend, so that it hides no point.
 */
final class PlotLimits {

	/** The share of the data's span left free on each side (in decades on a log axis). */
	static final double MARGIN = 0.1;

	/** The frame width of a 640 px wide {@link Plot} (about), and the width of a legend's marker and padding. */
	private static final double FRAME_PX = 545;
	private static final double LEGEND_FIXED_PX = 90;
	/** Width of one character of the legend's font (about). */
	private static final double CHAR_PX = 7.5;

	private PlotLimits() {
	}

	/** Sets the plot's limits around the points, with room on the right for the tab-separated legend labels. */
	static void set(Plot plot, List<Double> x, List<Double> y, boolean logX, boolean logY, String legend) {
		double[] l = limits(x, y, logX, logY, legendShare(legend));
		plot.setLimits(l[0], l[1], l[2], l[3]);
	}

	/** The share of the frame's width the legend takes: its longest label plus the marker and the padding. */
	static double legendShare(String legend) {
		int longest = 0;
		for (String label : legend.split("\t")) {
			longest = Math.max(longest, label.length());
		}
		return Math.min(0.6, (LEGEND_FIXED_PX + CHAR_PX * longest) / FRAME_PX);
	}

	/**
	 * {xmin, xmax, ymin, ymax}: {@value #MARGIN} of the span on each side, and on the right enough more that the data
	 * end {@code legendShare} of the frame's width before its right edge.
	 */
	static double[] limits(List<Double> x, List<Double> y, boolean logX, boolean logY, double legendShare) {
		double[] lx = padded(x, logX, legendShare);
		double[] ly = padded(y, logY, 0);
		return new double[] { lx[0], lx[1], ly[0], ly[1] };
	}

	private static double[] padded(List<Double> values, boolean log, double freeOnTop) {
		double lo = Double.POSITIVE_INFINITY;
		double hi = Double.NEGATIVE_INFINITY;
		for (double v : values) {
			if (Double.isFinite(v) && (!log || v > 0)) {
				double t = log ? Math.log10(v) : v;
				lo = Math.min(lo, t);
				hi = Math.max(hi, t);
			}
		}
		if (lo > hi) {
			return log ? new double[] { 0.1, 10 } : new double[] { 0, 1 };
		}
		double span = hi > lo ? hi - lo : log ? 1 : Math.max(0.1 * Math.abs(hi), 1);
		double below = MARGIN * span;
		// (span + below) / (span + below + above) = 1 - freeOnTop, with at least the margin above
		double above = Math.max(MARGIN * span, (span + below) * freeOnTop / (1 - freeOnTop));
		lo -= below;
		hi += above;
		return log ? new double[] { Math.pow(10, lo), Math.pow(10, hi) } : new double[] { lo, hi };
	}
}
