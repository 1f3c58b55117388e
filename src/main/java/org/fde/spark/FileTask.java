package org.fde.spark;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.fde.cli.FileDeblur;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one Spark task: one image, staged into local scratch, deblurred by the command line's code
 * ({@link FileDeblur#run}) and its outputs uploaded. An image that cannot be processed (unreadable, too small for the
 * kernel, a PNG output for a stack, ...) fails alone: the task returns its name and the command line's message, and
 * the other tasks go on. Errors of the file systems themselves are thrown, so that Spark retries the task.
 */
final class FileTask {

	private static final Logger LOG = LoggerFactory.getLogger(FileTask.class);

	/** The parsed options of each job seen by this JVM (parsing reads the PSF), by argument list. */
	private static final Map<List<String>, FileDeblur> JOBS = new ConcurrentHashMap<>();

	private FileTask() {
	}

	/**
	 * @param args  the job's deblur options, as given to the driver
	 * @param total the number of images of the job, for the log
	 */
	static Outcome run(RemoteTarget t, String[] args, Configuration conf, int total) {
		long start = System.nanoTime();
		String tag = String.format(Locale.ROOT, "[%d/%d] %s", t.index() + 1, total, t.name());
		Path dir;
		try {
			dir = Files.createTempDirectory(Files.createDirectories(Staging.scratch()), "fde-task-");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		try {
			FileDeblur job = job(args, conf);
			FileDeblur.Networks nets = ExecutorModels.of(job);
			Path in;
			try {
				in = Staging.download(t.input(), dir.resolve("in"), conf);
			} catch (FileNotFoundException e) {
				return failed(t, tag, "image file not found: " + t.input(), start);
			}
			Path out = local(dir, t.output());
			Path kernel = local(dir, t.kernel());
			Path unc = local(dir, t.uncertainty());
			ByteArrayOutputStream text = new ByteArrayOutputStream();
			try (PrintStream log = new PrintStream(text, true, StandardCharsets.UTF_8)) {
				job.run(in, out, kernel, unc, nets, log);
			} catch (RuntimeException e) {
				LOG.info("{} log:\n{}", tag, text.toString(StandardCharsets.UTF_8));
				String why = e.getMessage() == null ? e.toString() : e.getMessage();
				// the message names the input as the user gave it, not its staged copy
				return failed(t, tag, why.replace(in.toAbsolutePath().toString(), t.input()).replace(in.toString(),
						t.input()), start);
			}
			LOG.info("{} log:\n{}", tag, text.toString(StandardCharsets.UTF_8));
			// the image last: a re-run takes an input as done when all its outputs exist
			upload(kernel, t.kernel(), conf);
			upload(unc, t.uncertainty(), conf);
			upload(out, t.output(), conf);
			double s = (System.nanoTime() - start) * 1e-9;
			LOG.info("{} done in {} s", tag, String.format(Locale.ROOT, "%.1f", s));
			return new Outcome(t, null, s);
		} catch (IOException e) {
			throw new UncheckedIOException(tag + ": " + e.getMessage(), e);
		} finally {
			delete(dir);
		}
	}

	/** The parsed options of a job (with remote model and PSF paths staged locally), parsed once per JVM. */
	static FileDeblur job(String[] args, Configuration conf) {
		return JOBS.computeIfAbsent(List.of(Staging.localOptions(args, conf)), a -> FileDeblur.parse(a.toArray(
				String[]::new)));
	}

	static Outcome failed(RemoteTarget t, String tag, String why, long start) {
		LOG.error("error: {}: {}", t.name(), why);
		LOG.info("{} failed", tag);
		return new Outcome(t, why, (System.nanoTime() - start) * 1e-9);
	}

	/** A local file in the task's folder with the remote output's name (its ending decides TIFF or PNG). */
	static Path local(Path dir, String uri) {
		return uri == null ? null : dir.resolve("out").resolve(new org.apache.hadoop.fs.Path(uri).getName());
	}

	static void upload(Path local, String uri, Configuration conf) throws IOException {
		if (uri != null && Files.exists(local)) {
			Staging.upload(local, uri, conf);
		}
	}

	static void delete(Path dir) {
		try (Stream<Path> s = Files.walk(dir)) {
			s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		} catch (IOException e) {
			LOG.warn("could not delete the task folder {}: {}", dir, e.getMessage());
		}
	}
}
