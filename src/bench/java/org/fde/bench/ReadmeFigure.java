package org.fde.bench;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.fde.kernel.Kernels;
import org.fde.metrics.Metrics;
import org.fde.options.CommandLineOptions;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/**
 * The documentation's pictures, drawn from a {@code demo} output folder (generated data only): blurred | deblurred |
 * sharp with the true and the estimated kernel inset, and the two kernels enlarged side by side. The PSNR and the
 * kernel correlation are computed again from the 32-bit TIFFs and printed, for the captions.
 */
public final class ReadmeFigure {

	public static final String USAGE = String.join("\n", //
			"usage: dev readme-figure [--demo demo-output] [--out docs/img]", //
			"Draws before-after.png (blurred | deblurred | sharp, kernels inset) and kernels.png (true | estimated)",
			"from the folder a 'demo' run wrote, and prints the PSNR and the kernel correlation for the captions.");

	static final String[] INPUTS = { "blurred", "deblurred", "sharp", "kernel-true", "kernel-estimated" };

	private static final int PAD = 6;
	private static final int CAPTION = 36;
	private static final int KERNEL_ZOOM = 6;

	private ReadmeFigure() {
	}

	/** Command-line entry point ({@code fast-diffusion-em dev readme-figure ...}). */
	public static void main(String[] args) throws IOException {
		CommandLineOptions opt = CommandLineOptions.parse(args, 0, USAGE);
		Path demo = Path.of(opt.string("demo", "demo-output"));
		Path out = Path.of(opt.string("out", "docs/img"));
		opt.checkAllUsed();
		for (String name : INPUTS) {
			if (!Files.isRegularFile(demo.resolve(name + ".tif"))) {
				throw new IllegalArgumentException("--demo must be a folder written by the demo command; "
						+ demo.resolve(name + ".tif") + " is missing");
			}
		}
		FloatProcessor blurred = open(demo, "blurred");
		FloatProcessor deblurred = open(demo, "deblurred");
		FloatProcessor sharp = open(demo, "sharp");
		FloatProcessor kTrue = open(demo, "kernel-true");
		FloatProcessor kEst = open(demo, "kernel-estimated");
		float[] s = (float[]) sharp.getPixels();
		double psnrBlurred = Metrics.psnr((float[]) blurred.getPixels(), s);
		double psnrDeblurred = Metrics.psnr((float[]) deblurred.getPixels(), s);
		double corr = Kernels.correlation((float[]) kEst.getPixels(), (float[]) kTrue.getPixels());
		Files.createDirectories(out);
		Path ba = out.resolve("before-after.png");
		Path ks = out.resolve("kernels.png");
		ImageFiles.save(new ImagePlus("before-after", beforeAfter(blurred, deblurred, sharp, kTrue, kEst, psnrBlurred,
				psnrDeblurred)), ba);
		ImageFiles.save(new ImagePlus("kernels", kernels(kTrue, kEst, corr)), ks);
		System.out.printf(Locale.ROOT, "PSNR blurred %.2f dB, deblurred %.2f dB; kernel correlation %.3f%n",
				psnrBlurred, psnrDeblurred, corr);
		System.out.println("wrote " + ba + " (" + Files.size(ba) / 1024 + " KB) and " + ks + " (" + Files.size(ks)
				/ 1024 + " KB)");
	}

	private static FloatProcessor open(Path folder, String name) {
		ImagePlus imp = IJ.openImage(folder.resolve(name + ".tif").toString());
		if (imp == null) {
			throw new IllegalArgumentException("--demo: cannot read " + folder.resolve(name + ".tif"));
		}
		return imp.getProcessor().convertToFloatProcessor();
	}

	/** Three panels with two caption lines each; the true kernel inset in the blurred panel, the estimate in the next. */
	static ColorProcessor beforeAfter(FloatProcessor blurred, FloatProcessor deblurred, FloatProcessor sharp,
			FloatProcessor kTrue, FloatProcessor kEst, double psnrBlurred, double psnrDeblurred) {
		int tile = sharp.getWidth();
		int th = sharp.getHeight();
		ColorProcessor cp = canvas(3 * tile + 4 * PAD, th + CAPTION + 2 * PAD);
		FloatProcessor[] panels = { blurred, deblurred, sharp };
		FloatProcessor[] insets = { kTrue, kEst, null };
		String[][] captions = { { String.format(Locale.ROOT, "blurred + noise: %.2f dB", psnrBlurred),
				"inset: true kernel" }, { String.format(Locale.ROOT, "deblurred: %.2f dB", psnrDeblurred),
						"inset: estimated kernel" }, { "sharp (ground truth)", "" } };
		for (int i = 0; i < 3; i++) {
			int x0 = PAD + i * (tile + PAD);
			cp.insert(gray(panels[i], 0, 1), x0, PAD);
			if (insets[i] != null) {
				int zoom = Math.max(1, Math.min(3, tile / 3 / insets[i].getWidth()));
				ImageProcessor k = kernel(insets[i], zoom);
				cp.setColor(Color.WHITE);
				cp.fillRect(x0, PAD, k.getWidth() + 4, k.getHeight() + 4);
				cp.setColor(Color.BLACK);
				cp.fillRect(x0 + 1, PAD + 1, k.getWidth() + 2, k.getHeight() + 2);
				cp.insert(k, x0 + 2, PAD + 2);
			}
			caption(cp, captions[i], x0, PAD + th);
		}
		return cp;
	}

	/** The two kernels enlarged {@value #KERNEL_ZOOM} times (nearest neighbour), each stretched to its own range. */
	static ColorProcessor kernels(FloatProcessor kTrue, FloatProcessor kEst, double corr) {
		ImageProcessor a = kernel(kTrue, KERNEL_ZOOM);
		ImageProcessor b = kernel(kEst, KERNEL_ZOOM);
		int w = Math.max(a.getWidth(), 170);
		ColorProcessor cp = canvas(2 * w + 3 * PAD, a.getHeight() + CAPTION + 2 * PAD);
		cp.insert(a, PAD + (w - a.getWidth()) / 2, PAD);
		cp.insert(b, 2 * PAD + w + (w - b.getWidth()) / 2, PAD);
		caption(cp, new String[] { "true kernel", "(generated motion)" }, PAD, PAD + a.getHeight());
		caption(cp, new String[] { "estimated kernel", String.format(Locale.ROOT, "correlation %.3f", corr) }, 2 * PAD
				+ w, PAD + a.getHeight());
		return cp;
	}

	private static ColorProcessor canvas(int w, int h) {
		ColorProcessor cp = new ColorProcessor(w, h);
		cp.setColor(Color.WHITE);
		cp.fill();
		cp.setFont(new Font("SansSerif", Font.PLAIN, 13));
		cp.setAntialiasedText(true);
		return cp;
	}

	private static void caption(ColorProcessor cp, String[] lines, int x, int y) {
		cp.setColor(Color.BLACK);
		for (int j = 0; j < lines.length; j++) {
			cp.drawString(lines[j], x + 2, y + 17 + 15 * j);
		}
	}

	private static ImageProcessor gray(FloatProcessor fp, double lo, double hi) {
		FloatProcessor c = (FloatProcessor) fp.duplicate();
		c.setMinAndMax(lo, hi);
		return c.convertToByteProcessor(true).convertToRGB();
	}

	private static ImageProcessor kernel(FloatProcessor k, int zoom) {
		FloatProcessor c = (FloatProcessor) k.duplicate();
		c.resetMinAndMax();
		c.setMinAndMax(Math.min(0, c.getMin()), c.getMax());
		ImageProcessor b = c.convertToByteProcessor(true);
		b.setInterpolationMethod(ImageProcessor.NONE);
		return b.resize(k.getWidth() * zoom, k.getHeight() * zoom).convertToRGB();
	}
}
