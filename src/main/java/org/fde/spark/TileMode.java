package org.fde.spark;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.UnaryOperator;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.fde.cli.FileDeblur;
import org.fde.score.ScoreModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tile work unit ({@code --unit tile}): one large 2-D image at a time, its tiles evaluated on the executors.
 * The driver runs the command line's code for the image ({@link FileDeblur}) with the image prior replaced by
 * {@link TileFanOut} and all tiles of the plane in one network batch, so each network pass over the tiles is one
 * Spark job of one task per tile plane, and the result is the command line's, byte for byte.
 * <ol>
 * <li><b>Kernel.</b> For a blind method, the kernel is estimated first, by the command line's blind run on the
 * central {@code --kernel-crop} window of the image (its tiles on the executors as well);</li>
 * <li><b>Tiles.</b> then {@code deblur --method nonblind --psf <that kernel>} restores the whole image, with the other
 * options as given: the solver's tiles ({@code --tilesize}, automatic above 512 pixels) overlap by at least the kernel
 * size and are blended at every step and iteration, as on one machine. With {@code --method nonblind} the second
 * step alone runs, with the given PSF (and may take stacks: their planes one after the other).</li>
 * </ol>
 * Outputs are the command line's names, uploaded atomically (the image last); the kernel output is the first step's
 * kernel.
 */
final class TileMode {

	private static final Logger LOG = LoggerFactory.getLogger(TileMode.class);

	/** The side of the kernel's window by default: the largest plane the command line solves untiled. */
	static final int KERNEL_CROP_DEFAULT = 512;
	static final int KERNEL_CROP_MIN = 16;
	static final int KERNEL_CROP_MAX = 16384;
	/** All the tiles of a plane in one network batch (the engine's maximum). */
	static final int TILES_PER_BATCH = 4096;

	private TileMode() {
	}

	/**
	 * Deblurs one image in tiles.
	 *
	 * @param args       the deblur options as given (with remote paths)
	 * @param kernelCrop side of the window the kernel is estimated on
	 * @param planes     counts the tiles evaluated on the executors
	 * @param jobSeconds sums the wall time of the tiles' Spark jobs
	 */
	static Outcome run(JavaSparkContext sc, RemoteTarget t, String[] args, int kernelCrop,
			Broadcast<SerializableWritable<Configuration>> bconf, LongAccumulator planes, TileProgress progress,
			DoubleAdder jobSeconds, int total) {
		long start = System.nanoTime();
		String tag = String.format(Locale.ROOT, "[%d/%d] %s", t.index() + 1, total, t.name());
		Configuration conf = bconf.value().value();
		Path dir;
		try {
			dir = Files.createTempDirectory(Files.createDirectories(Staging.scratch()), "fde-tiles-");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		try {
			FileDeblur job = FileTask.job(args, conf);
			FileDeblur.Networks nets = ExecutorModels.of(job); // the driver's: the kernel prior of the M-step
			UnaryOperator<ScoreModel> around = m -> new TileFanOut(sc, args, bconf, m.spec(), t.name(), planes,
					progress, jobSeconds);
			double jobsBefore = jobSeconds.sum();
			Path in;
			try {
				in = Staging.download(t.input(), dir.resolve("in"), conf);
			} catch (FileNotFoundException e) {
				return FileTask.failed(t, tag, "image file not found: " + t.input(), start);
			}
			Path out = FileTask.local(dir, t.output());
			Path unc = FileTask.local(dir, t.uncertainty());
			Path kernel = null;
			try (PrintStream log = lines(tag)) {
				LOG.info("{}: tiles on the executors", tag);
				FileDeblur restore = job;
				if (job.blind()) {
					kernel = t.kernel() != null ? FileTask.local(dir, t.kernel())
							: dir.resolve("kernel").resolve(FileDeblur.baseName(t.name()) + "-kernel.tif");
					Files.createDirectories(kernel.getParent());
					// the window keeps the input's name: the kernel's note names the input
					Path crop = Files.createDirectories(dir.resolve("crop")).resolve(in.getFileName());
					int[] size = FileDeblur.centralCrop(in, crop, kernelCrop);
					log.println(String.format(Locale.ROOT, "kernel from the central %dx%d window", size[0],
							size[1]));
					Path cropOut = Files.createDirectories(dir.resolve("crop-out")).resolve(out.getFileName());
					job.run(crop, cropOut, kernel, null, nets, around, TILES_PER_BATCH, log);
					restore = FileDeblur.parse(FileDeblur.nonBlindOptions(Staging.localOptions(args, conf),
							kernel));
					log.println("the whole image, non-blind with that kernel");
				}
				restore.run(in, out, null, unc, nets, around, TILES_PER_BATCH, log);
			} catch (RuntimeException e) {
				String why = e.getMessage() == null ? e.toString() : e.getMessage();
				return FileTask.failed(t, tag, why.replace(in.toAbsolutePath().toString(), t.input()).replace(
						in.toString(), t.input()), start);
			}
			// the image last: a re-run takes an input as done when all its outputs exist
			if (t.kernel() != null) {
				FileTask.upload(kernel, t.kernel(), conf);
			}
			FileTask.upload(unc, t.uncertainty(), conf);
			FileTask.upload(out, t.output(), conf);
			double s = (System.nanoTime() - start) * 1e-9;
			double jobs = jobSeconds.sum() - jobsBefore;
			LOG.info("{} done in {} s: {} s in the tiles' Spark jobs, {} s on the driver", tag, String.format(
					Locale.ROOT, "%.1f", s), String.format(Locale.ROOT, "%.1f", jobs), String.format(Locale.ROOT,
							"%.1f", s - jobs));
			return new Outcome(t, null, s);
		} catch (IOException e) {
			throw new UncheckedIOException(tag + ": " + e.getMessage(), e);
		} finally {
			FileTask.delete(dir);
		}
	}

	/** A print stream whose lines go to the driver's log as they are written. */
	private static PrintStream lines(String tag) {
		return new PrintStream(new OutputStream() {
			private final ByteArrayOutputStream line = new ByteArrayOutputStream();

			@Override
			public void write(int b) {
				if (b == '\n') {
					flushLine();
				} else {
					line.write(b);
				}
			}

			@Override
			public void close() {
				flushLine();
			}

			private void flushLine() {
				if (line.size() > 0) {
					LOG.info("{} {}", tag, line.toString(StandardCharsets.UTF_8));
					line.reset();
				}
			}
		}, true, StandardCharsets.UTF_8);
	}
}
