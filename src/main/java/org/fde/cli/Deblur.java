package org.fde.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.fde.cli.Targets.Target;
import org.fde.djl.DjlEnvironment;
import org.fde.djl.NativeMemory;
import org.fde.imagej.ImagePlusBridge;
import org.fde.options.CommandLineOptions;
import org.fde.score.Rot180Ensemble;
import org.fde.score.ScoreModel;
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
 * the exit status is then 1. The {@link OutputPlan} is made and every input read and checked before the networks
 * load; an input whose outputs all exist and are complete is skipped unless {@code --overwrite}.
 */
final class Deblur {

	/** The command's name in its outputs' notes ({@link Provenance}). */
	static final String COMMAND = "deblur";

	private Deblur() {
	}

	/** @return the exit status: 0 all written (or skipped), 1 some image failed */
	static int run(CommandLineOptions a, PrintStream out, PrintStream err) {
		DeblurOptions o = DeblurOptions.parse(a);
		a.checkAllUsed();
		List<Target> targets = Targets.plan(o.input(), o.output(), o.kernelOutput(), o.uncertaintyOutput());
		OutputPlan plan = OutputPlan.make(COMMAND, targets, o.psf() == null ? List.of() : List.of(o.psf()), o.overwrite());
		for (OutputPlan.Item d : plan.done()) {
			out.println("skip " + d.target().input().getFileName() + ": its outputs exist (--overwrite replaces "
					+ "them)");
		}
		List<OutputPlan.Item> todo = plan.todo();
		if (todo.isEmpty()) {
			out.println("nothing to do: every output exists");
			return 0;
		}
		Hyperstack psf = psf(o);
		// every input is read and checked before the networks load: bad files are reported at once
		int failed = 0;
		List<OutputPlan.Item> ready = new ArrayList<>();
		Input kept = null;
		for (OutputPlan.Item item : todo) {
			try {
				Input in = Input.read(item.target(), o, psf);
				ready.add(item);
				kept = todo.size() == 1 ? in : null; // a single image is not read twice
			} catch (RuntimeException e) {
				failed++;
				err.println("error: " + item.target().input().getFileName() + ": " + Main.message(e));
			}
		}
		long start = System.nanoTime();
		boolean classical = o.method() == StackRequest.Method.CLASSICAL; // no networks
		if (!ready.isEmpty()) {
			try (Priors priors = classical ? null : Priors.load(o.model(), o.kernelModel(), o.method().isBlind(),
					o.device(), o.threads())) {
				if (!classical) {
					out.println("loaded " + priors + (o.ensemble() > 1 ? "; rotation ensemble of " + o.ensemble()
							: ""));
					out.println(DjlEnvironment.deviceSummary(o.device()));
				}
				for (int i = 0; i < ready.size(); i++) {
					OutputPlan.Item item = ready.get(i);
					out.printf(Locale.ROOT, "[%d/%d] %s%n", i + 1, ready.size(), item.target().input());
					if (item.redone() != null) {
						out.println("  redo: " + item.redone());
					}
					try {
						one(item, kept != null ? kept : Input.read(item.target(), o, psf), o, priors, out, err);
					} catch (RuntimeException e) {
						failed++;
						err.println("error: " + item.target().input().getFileName() + ": " + Main.message(e));
					}
				}
			}
		}
		out.printf(Locale.ROOT, "done: %d written, %d failed, %d skipped (%.1f s)%n", todo.size() - failed, failed,
				plan.done().size(), (System.nanoTime() - start) * 1e-9);
		return failed > 0 ? 1 : 0;
	}

	/** One input, read and checked: everything the run needs to know before the networks load. */
	private record Input(ImagePlus imp, Hyperstack y, StackRequest request) {

		static Input read(Target t, DeblurOptions o, Hyperstack psf) {
			ImagePlus imp = StackFiles.open(t.input());
			Outputs.checkPng(imp, t.output(), "--output");
			Outputs.checkPng(imp, t.uncertainty(), "--uncertainty-output");
			if (t.kernel() != null && StackFiles.isPng(t.kernel())) {
				checkKernelPng(imp, t.kernel(), o);
			}
			Hyperstack y = ImagePlusBridge.read(imp, "the image");
			KnownKernels known = psf == null ? null : KnownKernels.fromPsf(psf, y.channels());
			StackRequest request = o.request(known);
			StackDeblur.checkInput(y, request);
			return new Input(imp, y, request);
		}
	}

	/** A PNG holds one kernel (or one per RGB colour of an RGB input): refused before any work otherwise. */
	private static void checkKernelPng(ImagePlus imp, java.nio.file.Path kernel, DeblurOptions o) {
		boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		int channels = !o.perChannel() ? 1 : rgb ? 3 * imp.getNChannels() : imp.getNChannels();
		int planes = o.wholeStack() ? 1 : imp.getNSlices() * imp.getNFrames();
		if (planes > 1 || (channels > 1 && !(rgb && channels == 3))) {
			throw new IllegalArgumentException("--kernel-output " + kernel.getFileName() + ": a PNG holds one kernel "
					+ "(or one per RGB colour), but this run gives " + channels + " channel(s) x " + planes + " "
					+ "plane(s) of kernels (--channelkernels, --kernelscope): use a .tif name");
		}
	}

	/** The PSF of --psf (the non-blind request's options checked with it), or null without one. */
	static Hyperstack psf(DeblurOptions o) {
		Hyperstack psf = o.psf() == null ? null : ImagePlusBridge.read(StackFiles.open(o.psf()), "the PSF (--psf)");
		if (psf != null) {
			o.request(KnownKernels.fromPsf(psf, psf.channels()));
		}
		return psf;
	}

	/**
	 * One image, read and checked as a folder run does, deblurred and written with the same notes: the work of a
	 * {@link FileDeblur} task (the Spark job), whose driver plans the outputs.
	 */
	static void one(Target t, DeblurOptions o, Hyperstack psf, Priors priors, PrintStream out) {
		one(t, o, psf, priors, UnaryOperator.identity(), 1, out);
	}

	/**
	 * As {@link #one(Target, DeblurOptions, Hyperstack, Priors, PrintStream)}, with the image prior (after the
	 * rotation ensemble) replaced by {@code around.apply(prior)} and up to {@code tilesPerBatch} tiles of a plane in
	 * one network batch ({@link FileDeblur#run(java.nio.file.Path, java.nio.file.Path, java.nio.file.Path,
	 * java.nio.file.Path, FileDeblur.Networks, UnaryOperator, int, PrintStream)}).
	 */
	static void one(Target t, DeblurOptions o, Hyperstack psf, Priors priors, UnaryOperator<ScoreModel> around,
			int tilesPerBatch, PrintStream out) {
		Input in = Input.read(t, o, psf);
		if (tilesPerBatch != 1) {
			in = new Input(in.imp(), in.y(), in.request().withTilesPerBatch(tilesPerBatch));
		}
		one(new OutputPlan.Item(COMMAND, t, OutputPlan.outputs(t), false, null), in, o, priors, around, out, out);
	}

	private static void one(OutputPlan.Item item, Input in, DeblurOptions o, Priors priors, PrintStream out,
			PrintStream err) {
		one(item, in, o, priors, UnaryOperator.identity(), out, err);
	}

	private static void one(OutputPlan.Item item, Input in, DeblurOptions o, Priors priors,
			UnaryOperator<ScoreModel> around, PrintStream out, PrintStream err) {
		long start = System.nanoTime();
		Target t = item.target();
		ImagePlus imp = in.imp();
		Hyperstack y = in.y();
		out.println("  " + y + ", " + imp.getBitDepth() + "-bit");
		StackResult r;
		try {
			r = priors == null ? StackDeblur.run(y, in.request(), null, null, ProgressPrinter.to(out), null)
					: StackDeblur.run(y, in.request(), around.apply(Rot180Ensemble.of(priors.imagePrior(),
							o.ensemble())), priors.kernelPrior(), ProgressPrinter.to(out), null);
		} finally {
			NativeMemory.releaseFree(); // the networks stay loaded for the next image; their freed activations do not
		}
		for (String note : r.notes()) {
			out.println("  " + note);
		}
		for (String failure : r.failures()) {
			err.println("warning: " + t.input().getFileName() + ": FAILED estimate, " + failure);
		}
		for (OutputPlan.Output output : item.outputs()) {
			Hyperstack result = switch (output.role()) {
			case "kernel" -> r.kernels();
			case "uncertainty" -> r.uncertainty();
			default -> r.deblurred();
			};
			if (result == null) {
				throw new IllegalStateException("the run produced no " + output.role() + " for " + output.option());
			}
			if (output.role().equals("image")) {
				Outputs.writeImage(result, imp, y, output.path(), output.option(), item.note(output), r.failureInfo());
			} else {
				Outputs.writeMap(result, imp, output.path(), output.option(), item.note(output),
						output.role().equals("kernel") ? r.failureInfo() : null);
			}
			out.println("  wrote " + output.path() + (r.failures().isEmpty() || output.role().equals("uncertainty")
					? "" : " (marked as a failed estimate in its TIFF info)"));
		}
		out.printf(Locale.ROOT, "  %.1f s%n", (System.nanoTime() - start) * 1e-9);
	}
}
