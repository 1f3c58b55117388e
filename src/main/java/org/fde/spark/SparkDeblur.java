package org.fde.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.DoubleAdder;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.util.LongAccumulator;
import org.fde.cli.FileDeblur;
import org.fde.options.CommandLineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spark-submit --class org.fde.spark.SparkDeblur fast-diffusion-em-spark.jar --input URI --output URI
 * [--unit file|tile] [--kernel-crop N] [deblur options]}: the command line's {@code deblur} over every image of a
 * folder, a .txt list or one file on any Hadoop file system, one Spark task per image ({@code --unit file}, the
 * default), or one image after the other with its tiles on the executors ({@code --unit tile}, {@link TileMode})
 * (docs/spark.md).
 * <p>
 * The options, their defaults, ranges and error messages, the output names, the kernel and uncertainty outputs and
 * the per-image work are the command line's ({@link FileDeblur}). Each image is processed as {@code deblur} processes
 * it, with the seed rule of {@link org.fde.stack.StackDeblur} ({@code --seed} for the image's first plane run, one
 * more per run), so results do not depend on partitioning, on the executors or on the order of the images. Inputs
 * whose outputs all exist are skipped unless {@code --overwrite}, so a re-run after a killed job does only what is
 * missing. Exit status as {@code deblur}: 0 all written (or skipped), 1 some image failed, 2 bad options.
 */
public final class SparkDeblur {

	private static final Logger LOG = LoggerFactory.getLogger(SparkDeblur.class);

	/**
	 * What a job did: the outcome of every image it ran, the number of inputs skipped as done, and (tile mode) the
	 * number of tiles the executors evaluated, summed over the network passes, and the wall time of those Spark jobs
	 * (the rest of the images' time was the driver's).
	 */
	public record Report(List<Outcome> outcomes, int skipped, long tileEvaluations, double tileJobSeconds) {

		/** A report of file mode (no tiles). */
		public Report(List<Outcome> outcomes, int skipped) {
			this(outcomes, skipped, 0, 0);
		}

		/** Images whose outputs were written by this job. */
		public long written() {
			return outcomes.stream().filter(Outcome::ok).count();
		}

		/** Images that failed. */
		public List<Outcome> failures() {
			return outcomes.stream().filter(o -> !o.ok()).toList();
		}
	}

	private SparkDeblur() {
	}

	public static void main(String[] args) {
		int status;
		try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("fast-diffusion-em deblur"))) {
			try {
				Report r = run(sc, args);
				for (Outcome o : r.failures()) {
					System.err.println("error: " + o.target().name() + ": " + o.error());
				}
				status = r.failures().isEmpty() ? 0 : 1;
			} catch (IllegalArgumentException e) {
				System.err.println("error: " + e.getMessage());
				status = 2;
			} catch (RuntimeException e) { // a task failed past Spark's retries (file system, models, memory)
				LOG.error("the job failed", e);
				System.err.println("error: " + e.getMessage());
				status = 1;
			}
		}
		System.exit(status);
	}

	/**
	 * Runs a job on the given context.
	 *
	 * @param args the deblur options of the command line ({@code --input} and the outputs may be Hadoop URIs)
	 * @throws IllegalArgumentException for bad options or inputs, before any task starts (the command line's
	 *                                  messages)
	 */
	public static Report run(JavaSparkContext sc, String[] given) {
		Configuration conf = sc.hadoopConfiguration();
		JobOptions jo = JobOptions.parse(given);
		String[] args = jo.deblurArgs();
		FileDeblur job = FileDeblur.parse(Staging.localOptions(args, conf)); // validates as the command line does
		if (jo.tiles() && job.classical()) {
			throw new IllegalArgumentException("--unit tile needs a diffusion method: --method classical runs no "
					+ "network on tiles (use --unit file)");
		}
		if (jo.tiles() && job.blind() && jo.kernelCrop() < 2 * job.kernelSize()) {
			throw new IllegalArgumentException("--kernel-crop must be at least twice the kernel size ("
					+ job.kernelSize() + "), got " + jo.kernelCrop());
		}
		CommandLineOptions raw = CommandLineOptions.parse(args, 0);
		List<RemoteTarget> targets = RemoteTargets.plan(conf, raw.string("input", null), raw.string("output",
				null), raw.string("kernel-output", null), raw.string("uncertainty-output", null));
		List<RemoteTarget> todo = new ArrayList<>();
		for (RemoteTarget t : targets) {
			if (!job.overwrite() && done(t, conf)) {
				LOG.info("skip {}: its outputs exist (--overwrite replaces them)", t.name());
			} else {
				todo.add(t);
			}
		}
		int skipped = targets.size() - todo.size();
		if (todo.isEmpty()) {
			LOG.info("nothing to do: every output of the {} images exists", targets.size());
			return new Report(List.of(), skipped);
		}
		int total = targets.size();
		String group = "fde-deblur-" + UUID.randomUUID();
		sc.setJobGroup(group, String.format(Locale.ROOT, "deblur %d of %d images (%d done before)%s", todo.size(),
				total, skipped, jo.tiles() ? " in tiles" : ""), false);
		LongAccumulator imagesDone = sc.sc().longAccumulator("images done");
		LongAccumulator imagesFailed = sc.sc().longAccumulator("images failed");
		Broadcast<SerializableWritable<Configuration>> bconf = sc.broadcast(new SerializableWritable<>(conf));
		// file mode: one task per image; tile mode logs its images itself, and its tiles with TileProgress
		SparkListener progress = jo.tiles() ? new SparkListener() {
		} : new Progress(group, todo.size(), skipped, total);
		sc.sc().addSparkListener(progress);
		long start = System.nanoTime();
		List<Outcome> outcomes;
		LongAccumulator tileEvaluations = sc.sc().longAccumulator("tile evaluations");
		DoubleAdder tileJobSeconds = new DoubleAdder();
		try {
			if (jo.tiles()) { // one image after the other, its tiles in parallel
				TileProgress tiles = new TileProgress(group);
				sc.sc().addSparkListener(tiles);
				try {
					outcomes = new ArrayList<>();
					for (RemoteTarget t : todo) {
						Outcome o = TileMode.run(sc, t, args, jo.kernelCrop(), bconf, tileEvaluations, tiles,
								tileJobSeconds, total);
						(o.ok() ? imagesDone : imagesFailed).add(1);
						outcomes.add(o);
						LOG.info("{}/{} images finished ({} of this run's {}, {} skipped as done before)", skipped
								+ outcomes.size(), total, outcomes.size(), todo.size(), skipped);
					}
				} finally {
					sc.sc().removeSparkListener(tiles);
				}
			} else {
				outcomes = sc.parallelize(todo, todo.size()).map(t -> {
					Outcome o = FileTask.run(t, args, bconf.value().value(), total);
					(o.ok() ? imagesDone : imagesFailed).add(1);
					return o;
				}).collect();
			}
		} finally {
			sc.sc().removeSparkListener(progress);
			sc.clearJobGroup();
		}
		Report r = new Report(outcomes, skipped, tileEvaluations.value(), tileJobSeconds.sum());
		for (Outcome o : r.failures()) {
			LOG.error("error: {}: {}", o.target().name(), o.error());
		}
		LOG.info(String.format(Locale.ROOT, "done: %d written, %d failed, %d skipped (%.1f s)", r.written(),
				r.failures().size(), skipped, (System.nanoTime() - start) * 1e-9));
		return r;
	}

	/** All the outputs of an input exist. */
	private static boolean done(RemoteTarget t, Configuration conf) {
		try {
			for (String p : new String[] { t.output(), t.kernel(), t.uncertainty() }) {
				if (p != null && !Staging.exists(p, conf)) {
					return false;
				}
			}
			return true;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Logs "k/N images finished" on the driver as the job's tasks finish (written or failed). */
	private static final class Progress extends JobGroupListener {

		private final int todo;
		private final int before;
		private final int total;
		private int finished;

		Progress(String group, int todo, int before, int total) {
			super(group);
			this.todo = todo;
			this.before = before;
			this.total = total;
		}

		@Override
		void succeeded() {
			finished++;
			LOG.info("{}/{} images finished ({} of this run's {}, {} skipped as done before)", before + finished, total,
					finished, todo, before);
		}
	}
}
