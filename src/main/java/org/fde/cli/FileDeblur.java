package org.fde.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.fde.cli.Targets.Target;
import org.fde.options.CommandLineOptions;
import org.fde.score.Rot180Ensemble;
import org.fde.score.ScoreModel;
import org.fde.stack.Hyperstack;
import org.fde.stack.StackRequest.Method;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.plugin.Duplicator;

/**
 * The {@code deblur} command's per-image work as a library, for a driver that schedules the images itself (the Spark
 * job, {@code org.fde.spark}): the same options, the same validation and error messages, the same request, solver
 * call and output writing as {@code deblur} ({@link Deblur#one}). Files are local paths here; the caller stages
 * them from and to other file systems.
 */
public final class FileDeblur {

	private final DeblurOptions options;
	private final Hyperstack psf;

	private FileDeblur(DeblurOptions options, Hyperstack psf) {
		this.options = options;
		this.psf = psf;
	}

	/**
	 * The {@code deblur} options (without the command name), validated as the command line does; reads the PSF of
	 * {@code --psf}. {@code --input} and {@code --output} are required but only their names are kept: the files of
	 * each run are given to {@link #run}.
	 *
	 * @throws IllegalArgumentException naming the option at fault and its range
	 */
	public static FileDeblur parse(String[] args) {
		CommandLineOptions a = CommandLineOptions.parse(args, 0);
		DeblurOptions o = DeblurOptions.parse(a);
		a.checkAllUsed();
		return new FileDeblur(o, Deblur.psf(o));
	}

	/** True for the blind methods (they need the kernel prior). */
	public boolean blind() {
		return options.method().isBlind();
	}

	/** {@code --kernelsize} (the blind methods; the non-blind one reads its size from the PSF). */
	public int kernelSize() {
		return options.kernelSize();
	}

	/** {@code --overwrite}. */
	public boolean overwrite() {
		return options.overwrite();
	}

	/** {@code --threads}: PyTorch intra-op threads, 0 = not given. */
	public int threads() {
		return options.threads();
	}

	/** Whether {@code --kernel-output} was given. */
	public boolean wantsKernel() {
		return options.kernelOutput() != null;
	}

	/** Whether {@code --uncertainty-output} was given. */
	public boolean wantsUncertainty() {
		return options.uncertaintyOutput() != null;
	}

	/**
	 * What identifies the networks this run loads (model folders, method family, device): runs with equal keys can
	 * share one {@link Networks}.
	 */
	public String networksKey() {
		return options.model() + "|" + options.kernelModel() + "|" + blind() + "|" + options.device();
	}

	/**
	 * Loads the networks ({@code --model}, {@code --kernelmodel}, else the shipped ones).
	 *
	 * @param threads PyTorch intra-op threads for the process, 0 = leave them as they are
	 */
	public Networks load(int threads) {
		return new Networks(Priors.load(options.model(), options.kernelModel(), blind(), options.device(), threads));
	}

	/**
	 * Deblurs one image file and writes its outputs (each written whole or not at all), as {@code deblur} does for
	 * one file of a folder; the seed is {@code --seed} for the image's first plane run, then one more per run.
	 *
	 * @param kernel      where the kernels go, or null (not asked, or the non-blind method)
	 * @param uncertainty where the uncertainty map goes, or null
	 * @param log         progress lines
	 * @throws IllegalArgumentException for an unreadable file or an image the options do not fit
	 */
	public void run(Path input, Path output, Path kernel, Path uncertainty, Networks networks, PrintStream log) {
		Deblur.one(new Target(input, output, kernel, uncertainty), options, psf, networks.priors, log);
	}

	/**
	 * As {@link #run(Path, Path, Path, Path, Networks, PrintStream)}, with the image prior of the run (the network,
	 * or its rotation ensemble with {@code --ensemble 2}: {@link #imageModel}) replaced by
	 * {@code around.apply(prior)}, and up to {@code tilesPerBatch} tiles of a plane in one network batch (at most
	 * 4096; 1 is the command line's). The solvers sum the tiles in the same order however they are batched, so the
	 * result is the command line's when {@code around} evaluates each tile's planes as one batch of their own
	 * ({@link ScoreModel#epsilonOfTiles}; PyTorch's CPU kernels round a batch of several tiles differently). The seam
	 * of the Spark job's tile mode, whose {@code around} evaluates the tiles of a batch on the executors.
	 */
	public void run(Path input, Path output, Path kernel, Path uncertainty, Networks networks,
			UnaryOperator<ScoreModel> around, int tilesPerBatch, PrintStream log) {
		Deblur.one(new Target(input, output, kernel, uncertainty), options, psf, networks.priors, around,
				tilesPerBatch, log);
	}

	/** The image prior as {@link #run} evaluates it: the network, or its rotation ensemble ({@code --ensemble 2}). */
	public ScoreModel imageModel(Networks networks) {
		return Rot180Ensemble.of(networks.priors.imagePrior(), options.ensemble());
	}

	/** True for {@code --method classical} (no networks). */
	public boolean classical() {
		return options.method() == Method.CLASSICAL;
	}

	/**
	 * The options of {@code deblur --method nonblind --psf <psf>} with the other options of {@code args}: the
	 * method and the options that only the blind methods read are left out.
	 */
	public static String[] nonBlindOptions(String[] args, Path psf) {
		List<String> drop = new ArrayList<>();
		for (String k : DeblurOptions.BLIND_ONLY) {
			drop.add(k.replace("-", ""));
		}
		drop.addAll(List.of("method", "psf", "restarts", "outeriterations"));
		List<String> out = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			if (a.startsWith("--") && drop.contains(a.substring(2).replace("-", ""))) {
				if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
					i++; // its value (as CommandLineOptions reads it)
				}
			} else {
				out.add(a);
			}
		}
		out.addAll(List.of("--method", DeblurOptions.NON_BLIND, "--psf", psf.toString()));
		return out.toArray(String[]::new);
	}

	/**
	 * Writes the central {@code size}&times;{@code size} window of a 2-D image (all its channels; the whole extent
	 * on a shorter axis) to {@code output}, as TIFF (PNG for a .png name).
	 *
	 * @return the window's width and height
	 * @throws IllegalArgumentException for an unreadable file (the command line's message) or an image of more than
	 *                                  one plane (Z or T)
	 */
	public static int[] centralCrop(Path input, Path output, int size) {
		ImagePlus imp = StackFiles.open(input);
		if (imp.getNSlices() * imp.getNFrames() > 1) {
			throw new IllegalArgumentException("the image has " + imp.getNSlices() + " slices and " + imp.getNFrames()
					+ " frames: tiles are for one 2-D image or plane");
		}
		int w = Math.min(size, imp.getWidth());
		int h = Math.min(size, imp.getHeight());
		imp.setRoi((imp.getWidth() - w) / 2, (imp.getHeight() - h) / 2, w, h);
		ImagePlus crop = new Duplicator().run(imp);
		crop.setTitle(imp.getTitle());
		FileSaver fs = new FileSaver(crop);
		boolean ok = StackFiles.isPng(output) ? fs.saveAsPng(output.toString())
				: crop.getStackSize() > 1 ? fs.saveAsTiffStack(output.toString()) : fs.saveAsTiff(output.toString());
		if (!ok) {
			throw new UncheckedIOException(new java.io.IOException("could not write " + output));
		}
		return new int[] { w, h };
	}

	/** True for a file name that {@code deblur} reads from a folder (an image ending, not hidden). */
	public static boolean isImageName(String fileName) {
		return StackFiles.isImageName(Path.of(fileName));
	}

	/** True when the name ends with .tif, .tiff or .png: the endings an output may have. */
	public static boolean isOutputName(String fileName) {
		return StackFiles.isTiff(Path.of(fileName)) || StackFiles.isPng(Path.of(fileName));
	}

	/** The file name without its image ending ("cells.tif" &rarr; "cells"). */
	public static String baseName(String fileName) {
		return StackFiles.baseName(Path.of(fileName));
	}

	/** The networks of {@link #load}; close them to release their native memory. */
	public static final class Networks implements AutoCloseable {

		private final Priors priors;

		private Networks(Priors priors) {
			this.priors = priors;
		}

		@Override
		public void close() {
			priors.close();
		}

		@Override
		public String toString() {
			return priors.toString();
		}
	}
}
