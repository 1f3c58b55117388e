package org.fde.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.fde.cli.Targets.Target;
import org.fde.djl.NativeMemory;
import org.fde.imagej.ImagePlusBridge;
import org.fde.options.CommandLineOptions;
import org.fde.score.Rot180Ensemble;
import org.fde.stack.Hyperstack;
import org.fde.stack.KnownKernels;
import org.fde.stack.StackDeblur;
import org.fde.stack.StackRequest;
import org.fde.stack.StackResult;

import ij.ImagePlus;

/**
 * {@code deblur}: runs one of the Fiji commands' solvers ({@link StackDeblur}: per-plane C/Z/T loop, percentile
 * normalisation, mirror padding) on an image file or on every image of a folder. The networks are loaded once for
 * the whole batch. A failing image is reported on stderr ({@code error: <file>: <reason>}) and the batch goes on;
 * the exit status is then 1. Images whose output already exists are skipped unless {@code --overwrite}.
 */
final class Deblur {

	private Deblur() {
	}

	/** @return the exit status: 0 all written (or skipped), 1 some image failed */
	static int run(CommandLineOptions a, PrintStream out, PrintStream err) {
		DeblurOptions o = DeblurOptions.parse(a);
		a.checkAllUsed();
		List<Target> targets = Targets.plan(o.input(), o.output(), o.kernelOutput(), o.uncertaintyOutput());
		List<Target> todo = new ArrayList<>();
		for (Target t : targets) {
			if (!o.overwrite() && Files.exists(t.output())) {
				out.println("skip " + t.input().getFileName() + ": " + t.output() + " exists (--overwrite replaces "
						+ "it)");
			} else {
				todo.add(t);
			}
		}
		if (todo.isEmpty()) {
			out.println("nothing to do: every output exists");
			return 0;
		}
		Hyperstack psf = o.psf() == null ? null : ImagePlusBridge.read(StackFiles.open(o.psf()), "the PSF (--psf)");
		if (psf != null) {
			o.checkTileSize(KnownKernels.fromPsf(psf, psf.channels()).size());
		}
		int failed = 0;
		long start = System.nanoTime();
		try (Priors priors = Priors.load(o.model(), o.kernelModel(), o.method().isBlind(), o.device(),
				o.threads())) {
			out.println("loaded " + priors + (o.ensemble() > 1 ? "; rotation ensemble of " + o.ensemble() : ""));
			for (int i = 0; i < todo.size(); i++) {
				Target t = todo.get(i);
				out.printf(Locale.ROOT, "[%d/%d] %s%n", i + 1, todo.size(), t.input());
				try {
					one(t, o, psf, priors, out, err);
				} catch (RuntimeException e) {
					failed++;
					err.println("error: " + t.input().getFileName() + ": " + Main.message(e));
				}
			}
		}
		out.printf(Locale.ROOT, "done: %d written, %d failed, %d skipped (%.1f s)%n", todo.size() - failed, failed,
				targets.size() - todo.size(), (System.nanoTime() - start) * 1e-9);
		return failed > 0 ? 1 : 0;
	}

	private static void one(Target t, DeblurOptions o, Hyperstack psf, Priors priors, PrintStream out,
			PrintStream err) {
		long start = System.nanoTime();
		ImagePlus imp = StackFiles.open(t.input());
		Outputs.checkPng(imp, t.output(), "--output");
		Hyperstack y = ImagePlusBridge.read(imp, "the image");
		KnownKernels known = psf == null ? null : KnownKernels.fromPsf(psf, y.channels());
		StackRequest request = o.request(known);
		out.println("  " + y + ", " + imp.getBitDepth() + "-bit");
		StackResult r;
		try {
			r = StackDeblur.run(y, request, Rot180Ensemble.of(priors.imagePrior(), o.ensemble()), priors.kernelPrior(),
					progress(out), null);
		} finally {
			NativeMemory.releaseFree(); // the networks stay loaded for the next image; their freed activations do not
		}
		for (String note : r.notes()) {
			out.println("  " + note);
		}
		for (String failure : r.failures()) {
			err.println("warning: " + t.input().getFileName() + ": FAILED estimate, " + failure);
		}
		Outputs.writeImage(r.deblurred(), imp, y, t.output(), "--output", r.failureInfo());
		out.println("  wrote " + t.output() + (r.failures().isEmpty() ? "" : " (marked as a failed estimate in its "
				+ "TIFF info)"));
		if (t.kernel() != null && r.kernels() != null) {
			Outputs.writeMap(r.kernels(), imp, t.kernel(), "--kernel-output", r.failureInfo());
			out.println("  wrote " + t.kernel());
		}
		if (t.uncertainty() != null && r.uncertainty() != null) {
			Outputs.writeMap(r.uncertainty(), imp, t.uncertainty(), "--uncertainty-output");
			out.println("  wrote " + t.uncertainty());
		}
		out.printf(Locale.ROOT, "  %.1f s%n", (System.nanoTime() - start) * 1e-9);
	}

	/** Prints a line at every 10 % of the steps. */
	private static StackDeblur.Progress progress(PrintStream out) {
		int[] last = { -1 };
		return (done, total, stage) -> {
			int decile = total <= 0 ? 10 : (int) (10 * done / total);
			if (decile > last[0]) {
				last[0] = decile;
				out.printf(Locale.ROOT, "  %3d%%  %s%n", 10 * decile, stage);
			}
		};
	}
}
