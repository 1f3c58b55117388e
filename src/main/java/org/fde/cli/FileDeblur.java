package org.fde.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import org.fde.cli.Targets.Target;
import org.fde.options.CommandLineOptions;
import org.fde.stack.Hyperstack;

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
