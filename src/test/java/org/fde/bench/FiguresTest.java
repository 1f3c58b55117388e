package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.gui.Plot;
import ij.process.ImageProcessor;

/**
 * Figures 1 and 4 drawn from a small made-up result set: each series shows in the written PNG in its own colour, as
 * a marker of several pixels at its data point (not a dot on the frame), and Figure 4's lines carry the colour too.
 */
class FiguresTest {

	/** Pixels of a series' colour that a marker (about 9 px across) must put in the 13 &times; 13 box at its point. */
	private static final int MARKER_PIXELS = 30;

	@TempDir
	Path dir;

	private static MetricRow p1(String method, String caseId, double psnr, double seconds) {
		double n = Double.NaN;
		return new MetricRow("P1", caseId, method, 5, psnr, n, n, n, n, n, n, n, seconds, 1, "ok");
	}

	@Test
	void seriesGetDistinctColoursAndMarkers() {
		for (int i = 0; i < 20; i++) {
			for (int j = 0; j < i; j++) {
				assertTrue(!Figures.colour(i).equals(Figures.colour(j)) || !Figures.marker(i).equals(Figures.marker(j)),
						"series " + j + " and " + i + " look the same");
			}
			Color c = Figures.colour(i);
			assertTrue(Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue())) - Math.min(c.getRed(), Math.min(c
					.getGreen(), c.getBlue())) > 0 || i % 10 == 7, "colour " + i + " is grey: " + c);
		}
		assertNotEquals(Figures.colour(0), Figures.colour(1));
		assertNotEquals(Figures.marker(0), Figures.marker(1));
	}

	@Test
	void figure1ShowsEachMethodAsAMarkerInItsColourAtItsPoint() {
		List<MetricRow> rows = List.of(p1("alpha", "c1", 20, 0.4), p1("alpha", "c2", 22, 0.6), p1("beta", "c1", 25,
				30), p1("beta", "c2", 25, 30), p1("gamma", "c1", 28, 300), p1("gamma", "c2", 28, 300));
		Path file = dir.resolve("fig1.png");
		assertTrue(Figures.psnrVsTime(rows, List.of("gamma", "alpha", "beta"), "P1", file));
		Plot plot = Figures.psnrVsTimePlot(rows, List.of("gamma", "alpha", "beta"), "P1");
		assertNotNull(plot);
		plot.getImagePlus();
		ImageProcessor png = IJ.openImage(file.toString()).getProcessor().convertToRGB();
		// the order puts gamma first: series 0 is gamma
		double[][] points = { { 300, 28 }, { 0.5, 21 }, { 30, 25 } };
		for (int i = 0; i < points.length; i++) {
			int n = near(png, plot.scaleXtoPxl(points[i][0]), plot.scaleYtoPxl(points[i][1]), 6, Figures.colour(i));
			assertTrue(n >= MARKER_PIXELS, "series " + i + ": " + n + " pixels of its colour at its point");
			for (int j = 0; j < points.length; j++) {
				if (j != i) {
					assertTrue(near(png, plot.scaleXtoPxl(points[i][0]), plot.scaleYtoPxl(points[i][1]), 6, Figures
							.colour(j)) == 0, "series " + j + "'s colour at series " + i + "'s point");
				}
			}
		}
	}

	@Test
	void figure4DrawsEachPriorsLineAndMarkersInItsOwnColour() {
		List<MetricRow> rows = new ArrayList<>();
		String[] priors = { "l1", "l2", "pnp" };
		double[] sigmas = { 5, 10, 20 };
		for (int p = 0; p < priors.length; p++) {
			for (double s : sigmas) {
				// a decade apart per prior, growing with the noise: the lines never meet
				double mse = Math.pow(10, -6 + 1.5 * p) * (1 + s / 10);
				rows.add(AblationResultsTest.row(AblationResultsTest.name(priors[p], 10, 1e5), "a", s, mse));
			}
		}
		Path file = dir.resolve("fig4.png");
		assertTrue(Figures.ablation(rows, file));
		Plot plot = Figures.ablationPlot(rows);
		assertNotNull(plot);
		plot.getImagePlus();
		ImageProcessor png = IJ.openImage(file.toString()).getProcessor().convertToRGB();
		for (int p = 0; p < priors.length; p++) {
			Color c = Figures.colour(p);
			double[] px = new double[sigmas.length];
			double[] py = new double[sigmas.length];
			for (int k = 0; k < sigmas.length; k++) {
				px[k] = plot.scaleXtoPxl(sigmas[k]);
				py[k] = plot.scaleYtoPxl(Math.pow(10, -6 + 1.5 * p) * (1 + sigmas[k] / 10));
				int n = near(png, px[k], py[k], 6, c);
				assertTrue(n >= MARKER_PIXELS, priors[p] + " at sigma " + sigmas[k] + ": " + n + " pixels of " + c);
			}
			for (int k = 1; k < sigmas.length; k++) {
				int n = near(png, (px[k - 1] + px[k]) / 2, (py[k - 1] + py[k]) / 2, 2, c);
				assertTrue(n >= 2, priors[p] + ": its line is not in its colour between sigma " + sigmas[k - 1] + " and "
						+ sigmas[k]);
			}
		}
	}

	/** Pixels within {@code r} (box) of (x, y) whose colour is within 40 (Euclidean RGB) of {@code c}. */
	private static int near(ImageProcessor rgb, double x, double y, int r, Color c) {
		int n = 0;
		for (int yy = (int) Math.round(y) - r; yy <= Math.round(y) + r; yy++) {
			for (int xx = (int) Math.round(x) - r; xx <= Math.round(x) + r; xx++) {
				if (xx < 0 || yy < 0 || xx >= rgb.getWidth() || yy >= rgb.getHeight()) {
					continue;
				}
				int v = rgb.getPixel(xx, yy);
				double dr = ((v >> 16) & 0xff) - c.getRed();
				double dg = ((v >> 8) & 0xff) - c.getGreen();
				double db = (v & 0xff) - c.getBlue();
				if (dr * dr + dg * dg + db * db < 40 * 40) {
					n++;
				}
			}
		}
		return n;
	}
}
