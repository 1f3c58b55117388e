package org.fde.bench;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * The PNG figures, drawn headless with ImageJ 1 ({@link Plot}, {@link ColorProcessor}).
 * <ul>
 * <li>Figure 1 (per protocol): mean PSNR against mean runtime per image, one marker per method (its own colour and shape, with a legend), log time axis.</li>
 * <li>Figure 2 (stand-in): the per-step residual RMS and kernel change of the diffusion methods on the first case
 * that has them. The paper's strip of x&#770;0 and k over the steps needs a snapshot hook in the solvers'
 * {@code ProgressListener}, which does not exist yet.</li>
 * <li>Figure 3 (per protocol): a visual grid, up to {@value #GRID_CASES} cases &times; (sharp, observed, each
 * method), with each method's kernel inset top-left.</li>
 * <li>Figure 4: the ablation's mean kernel MSE against &sigma; per prior (its own colour and marker, with a legend; log scale).</li>
 * </ul>
 */
final class Figures {

	static final int GRID_CASES = 2;
	private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
			new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
			new Color(0xbcbd22), new Color(0x17becf) };
	/** Filled marker shapes of ImageJ's {@link Plot} (about 9 px across at line width 2). */
	private static final String[] MARKERS = { "circle", "box", "triangle", "diamond" };

	private Figures() {
	}

	/** File name &rarr; title of the figures written, in report order. */
	record Written(Map<String, String> figures) {
	}

	/**
	 * @param publish leave out the figures that show pixels of the cases' images (Figure 3, Figure 2's x&#770;0 row)
	 */
	static Written write(Path out, List<MetricRow> rows, List<String> order, ResultCache cache, List<Method> methods,
			Path casesDir, boolean publish) throws IOException {
		Map<String, String> figs = new LinkedHashMap<>();
		Set<String> protocols = rows.stream().map(MetricRow::protocol).filter(p -> !p.equals(Protocol.F4.name()))
				.collect(Collectors.toCollection(LinkedHashSet::new));
		for (String p : protocols) {
			List<MetricRow> pr = rows.stream().filter(r -> r.protocol().equals(p) && r.ok()).collect(Collectors.toList());
			String f = "fig1-psnr-vs-time-" + p + ".png";
			if (psnrVsTime(pr, order, p, out.resolve(f))) {
				figs.put(f, "Figure 1 - " + p + ": PSNR against runtime");
			}
		}
		String strip = "fig2-strip.png";
		String shown = strip(rows, methods, cache, out.resolve(strip), !publish);
		if (shown != null) {
			figs.put(strip, "Figure 2 - " + shown + ": " + (publish ? "the kernel" : "x^0 (top) and the kernel (bottom)")
					+ " over the diffusion steps");
		}
		String f2 = "fig2-steps.png";
		if (steps(rows, methods, cache, out.resolve(f2))) {
			figs.put(f2, "Figure 2b - residual and kernel change over the diffusion steps");
		}
		for (String p : (publish ? Set.<String>of() : protocols)) {
			String f = "fig3-visual-" + p + ".png";
			if (grid(rows, p, methods, cache, casesDir, out.resolve(f))) {
				figs.put(f, "Figure 3 - " + p + ": visual comparison (kernel inset top-left)");
			}
		}
		List<MetricRow> f4 = rows.stream().filter(r -> r.protocol().equals(Protocol.F4.name()) && r.ok())
				.collect(Collectors.toList());
		if (!f4.isEmpty() && ablation(f4, out.resolve("fig4-kernel-prior.png"))) {
			figs.put("fig4-kernel-prior.png", "Figure 4 - kernel-prior ablation: kernel MSE against noise");
		}
		return new Written(figs);
	}

	/** Methods preferred for Figure 2's strip, in order (the paper's figure shows Fast EM). */
	static final List<String> STRIP_METHODS = List.of("fem-pigdm-n1", "fem-pigdm-n4", "fem-dps-n1", "dem-pigdm-n1");

	/**
	 * Figure 2's strip for one (case, method) with stored strips, P1 first: the x&#770;0 row (if {@code withImages})
	 * above the kernel row, each snapshot shown at 128 px with its step.
	 *
	 * @return "method on case" of what was drawn, or null if no strip is stored
	 */
	static String strip(List<MetricRow> rows, List<Method> methods, ResultCache cache, Path file, boolean withImages) {
		List<MetricRow> candidates = new ArrayList<>(rows);
		candidates.sort(java.util.Comparator.comparing((MetricRow r) -> !r.protocol().equals(Protocol.P1.name())));
		for (String name : STRIP_METHODS) {
			Method m = methods.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
			if (m == null) {
				continue;
			}
			for (MetricRow r : candidates) {
				Path ks = cache.kernelStrip(m.cacheKey(), r.caseId());
				Path xs = cache.x0Strip(m.cacheKey(), r.caseId());
				if (!r.method().equals(name) || !Files.isRegularFile(ks) || (withImages && !Files.isRegularFile(xs))) {
					continue;
				}
				ImageProcessor kp = IJ.openImage(ks.toString()).getProcessor();
				int n = kp.getWidth() / kp.getHeight();
				int tile = 128;
				int label = 18;
				int rowsShown = withImages ? 2 : 1;
				ColorProcessor cp = new ColorProcessor(n * tile, rowsShown * tile + label);
				cp.setColor(Color.WHITE);
				cp.fill();
				if (withImages) {
					cp.insert(IJ.openImage(xs.toString()).getProcessor().resize(n * tile, tile).convertToRGB(), 0, 0);
				}
				kp.setInterpolationMethod(ImageProcessor.NONE);
				cp.insert(kp.resize(n * tile, tile).convertToRGB(), 0, (rowsShown - 1) * tile);
				int total = stepCount(cache, m, r.caseId());
				cp.setFont(new Font("SansSerif", Font.PLAIN, 12));
				cp.setAntialiasedText(true);
				cp.setColor(Color.BLACK);
				int j = 0;
				for (int done = 1; done <= total && j < n; done++) {
					if (DiffusionMethod.isSnapshotStep(done, total)) {
						cp.drawString("step " + done + "/" + total, j * tile + 4, rowsShown * tile + label - 3);
						j++;
					}
				}
				ImageFiles.save(new ImagePlus(file.getFileName().toString(), cp), file);
				return name + " on " + r.caseId();
			}
		}
		return null;
	}

	/** The steps of a stored run (lines of its diagnostics file), 0 if unknown. */
	private static int stepCount(ResultCache cache, Method m, String caseId) {
		try {
			return (int) Math.max(0, Files.readAllLines(cache.steps(m.cacheKey(), caseId)).size() - 1);
		} catch (IOException e) {
			return 0;
		}
	}

	static boolean psnrVsTime(List<MetricRow> rows, List<String> order, String protocol, Path file) {
		Plot plot = psnrVsTimePlot(rows, order, protocol);
		if (plot == null) {
			return false;
		}
		ImageFiles.save(plot.getImagePlus(), file);
		return true;
	}

	/** Figure 1 drawn: one marker per method (colour and shape of {@link #colour}, {@link #marker}), or null. */
	static Plot psnrVsTimePlot(List<MetricRow> rows, List<String> order, String protocol) {
		List<String> ms = Report.orderedMethods(rows, order);
		Plot plot = new Plot("Figure 1 " + protocol, "time per image (s, log)", "PSNR (dB)");
		plot.setSize(640, 400);
		StringBuilder legend = new StringBuilder();
		List<Double> xs = new ArrayList<>();
		List<Double> ys = new ArrayList<>();
		int i = 0;
		for (String m : ms) {
			List<MetricRow> mr = rows.stream().filter(r -> r.method().equals(m)).collect(Collectors.toList());
			double t = Math.max(Report.mean(mr, MetricRow::seconds), 1e-3);
			double psnr = Report.mean(mr, MetricRow::psnr);
			if (!Double.isFinite(psnr)) {
				continue;
			}
			plot.setColor(colour(i), colour(i));
			plot.setLineWidth(2);
			plot.add(marker(i), new double[] { t }, new double[] { psnr });
			legend.append(legend.length() == 0 ? "" : "\t").append(m);
			xs.add(t);
			ys.add(psnr);
			i++;
		}
		if (i == 0) {
			return null;
		}
		plot.setLogScaleX();
		PlotLimits.set(plot, xs, ys, true, false, legend.toString());
		plot.setColor(Color.BLACK);
		plot.addLegend(legend.toString(), "top-right");
		return plot;
	}

	/** The colour of the {@code i}-th series. */
	static Color colour(int i) {
		return PALETTE[i % PALETTE.length];
	}

	/**
	 * The marker of the {@code i}-th series: the shapes cycle beside the colours, so that the first 20 series differ
	 * in colour or shape or both, and a print in grey still tells them apart.
	 */
	static String marker(int i) {
		return MARKERS[i % MARKERS.length];
	}

	static boolean steps(List<MetricRow> rows, List<Method> methods, ResultCache cache, Path file) throws IOException {
		for (MetricRow r : rows) {
			List<Method> with = new ArrayList<>();
			for (Method m : methods) {
				if (Files.isRegularFile(cache.steps(m.cacheKey(), r.caseId()))) {
					with.add(m);
				}
			}
			if (with.isEmpty()) {
				continue;
			}
			Plot plot = new Plot("Figure 2 " + r.caseId(), "step (of the whole run)", "residual RMS (solid), kernel change (dots)");
			plot.setSize(640, 400);
			StringBuilder legend = new StringBuilder();
			int i = 0;
			for (Method m : with) {
				List<String> lines = Files.readAllLines(cache.steps(m.cacheKey(), r.caseId()));
				int n = lines.size() - 1;
				double[] x = new double[n];
				double[] res = new double[n];
				double[] dk = new double[n];
				for (int j = 0; j < n; j++) {
					String[] c = lines.get(j + 1).split(",");
					x[j] = j + 1;
					res[j] = Math.max(Double.parseDouble(c[3]), 1e-8);
					dk[j] = Math.max(Double.parseDouble(c[4]), 1e-8);
				}
				Color col = PALETTE[i % PALETTE.length];
				plot.setColor(col);
				plot.add("line", x, res);
				legend.append(legend.length() == 0 ? "" : "\t").append(m.name());
				plot.setColor(col);
				plot.add("dot", x, dk);
				legend.append("\t").append(m.name()).append(" dk");
				i++;
			}
			plot.setLogScaleY();
			plot.setLimitsToFit(false);
			plot.setColor(Color.BLACK);
			plot.addLegend(legend.toString(), "top-right");
			ImageFiles.save(plot.getImagePlus(), file);
			return true;
		}
		return false;
	}

	static boolean grid(List<MetricRow> rows, String protocol, List<Method> methods, ResultCache cache, Path casesDir,
			Path file) {
		List<String> cases = rows.stream().filter(r -> r.protocol().equals(protocol)).map(MetricRow::caseId).distinct()
				.filter(c -> Files.isRegularFile(Harness.sharpPng(casesDir, c))).limit(GRID_CASES)
				.collect(Collectors.toList());
		if (cases.isEmpty()) {
			return false;
		}
		List<String> labels = new ArrayList<>(List.of("sharp", "observed"));
		List<Method> shown = new ArrayList<>();
		for (Method m : methods) {
			if (cases.stream().anyMatch(c -> Files.isRegularFile(cache.image(m.cacheKey(), c)))) {
				shown.add(m);
				labels.add(m.name());
			}
		}
		ImagePlus first = IJ.openImage(Harness.sharpPng(casesDir, cases.get(0)).toString());
		int tile = Math.max(128, Math.min(256, Math.max(first.getWidth(), first.getHeight())));
		int label = 18;
		int pad = 4;
		ColorProcessor cp = new ColorProcessor(labels.size() * (tile + pad) + pad, cases.size() * (tile + label + pad) + pad);
		cp.setColor(Color.WHITE);
		cp.fill();
		cp.setFont(new Font("SansSerif", Font.PLAIN, 12));
		cp.setAntialiasedText(true);
		for (int row = 0; row < cases.size(); row++) {
			String c = cases.get(row);
			int y0 = pad + row * (tile + label + pad);
			List<Path> images = new ArrayList<>(List.of(Harness.sharpPng(casesDir, c), Harness.observedPng(casesDir, c)));
			List<Path> kernels = new ArrayList<>(java.util.Arrays.asList(null, null));
			List<String> captions = new ArrayList<>(List.of("sharp", "observed"));
			for (Method m : shown) {
				images.add(cache.image(m.cacheKey(), c));
				kernels.add(cache.kernel(m.cacheKey(), c));
				String psnr = rows.stream().filter(r -> r.caseId().equals(c) && r.method().equals(m.name()) && r.ok())
						.findFirst().map(r -> String.format(Locale.ROOT, " %.2f", r.psnr())).orElse("");
				captions.add(m.name() + psnr);
			}
			for (int col = 0; col < images.size(); col++) {
				int x0 = pad + col * (tile + pad);
				Path img = images.get(col);
				if (img != null && Files.isRegularFile(img)) {
					ImagePlus imp = IJ.openImage(img.toString());
					ImageProcessor ip = imp.getProcessor().resize(tile, tile).convertToRGB();
					cp.insert(ip, x0, y0);
					Path k = kernels.get(col);
					if (k != null && Files.isRegularFile(k)) {
						ImageProcessor kp = IJ.openImage(k.toString()).getProcessor();
						int ks = Math.min(tile / 3, kp.getWidth() * 2);
						kp = kp.resize(ks, ks).convertToRGB();
						cp.setColor(Color.WHITE);
						cp.fillRect(x0, y0, ks + 2, ks + 2);
						cp.insert(kp, x0 + 1, y0 + 1);
					}
				}
				cp.setColor(Color.BLACK);
				cp.drawString(captions.get(col), x0 + 2, y0 + tile + label - 3);
			}
		}
		ImageFiles.save(new ImagePlus(file.getFileName().toString(), cp), file);
		return true;
	}

	static boolean ablation(List<MetricRow> rows, Path file) {
		Plot plot = ablationPlot(rows);
		if (plot == null) {
			return false;
		}
		ImageFiles.save(plot.getImagePlus(), file);
		return true;
	}

	/** Figure 4 drawn: per prior a line in its own colour with its own marker at each noise level, or null. */
	static Plot ablationPlot(List<MetricRow> rows) {
		Map<String, Map<Double, AblationResults.Best>> nums = AblationResults.best(rows);
		if (nums.isEmpty()) {
			return null;
		}
		Plot plot = new Plot("Figure 4", "noise sigma (/255)", "mean kernel MSE (log)");
		plot.setSize(640, 400);
		StringBuilder legend = new StringBuilder();
		List<Double> xs = new ArrayList<>();
		List<Double> ys = new ArrayList<>();
		int i = 0;
		for (Map.Entry<String, Map<Double, AblationResults.Best>> e : nums.entrySet()) {
			double[] x = e.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
			double[] y = e.getValue().values().stream().mapToDouble(v -> Math.max(v.mse(), 1e-12)).toArray();
			plot.setColor(colour(i));
			plot.setLineWidth(2);
			plot.add("line", x, y);
			plot.setColor(colour(i), colour(i));
			plot.add(marker(i), x, y);
			// the line has no legend entry (empty label); the marker's entry shows the colour and the shape
			legend.append(legend.length() == 0 ? "" : "\t").append("\t").append(e.getKey());
			for (int j = 0; j < x.length; j++) {
				xs.add(x[j]);
				ys.add(y[j]);
			}
			i++;
		}
		plot.setLogScaleY();
		PlotLimits.set(plot, xs, ys, false, true, legend.toString());
		plot.setColor(Color.BLACK);
		plot.addLegend(legend.toString(), "top-right");
		return plot;
	}
}
