package org.fde.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.DoubleAdder;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.fde.cli.FileDeblur;
import org.fde.image.BatchShape;
import org.fde.score.ModelSpec;
import org.fde.score.ScoreModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image prior of a tile-mode run on the driver: every network evaluation of a batch of tiles
 * ({@link ScoreModel#epsilonOfTiles}) becomes one Spark job of one task per tile, which evaluates the tile's planes
 * (its particles and channels) as one batch on an executor, with the executor's networks ({@link ExecutorModels}):
 * the batch the command line evaluates for that tile. The results come back in the batch's order, so they do not
 * depend on the partitioning.
 * <p>
 * A tracked evaluation (the guidance's vector&ndash;Jacobian product follows) takes &epsilon; from a plain forward on
 * the executors, and its VJP runs the tracked forward again with the backward pass: the executors keep no graph
 * between jobs (a tracked evaluation belongs to the thread that opened it and must be closed there). A plain and a tracked forward give the same &epsilon; (the solvers already mix them: with several batches of
 * tiles, the blind step takes x&#770;0 from plain forwards and the VJP from tracked ones; tile mode's tests compare
 * with such runs byte for byte). So each tile's values are the command line's, and so is the run's result.
 */
final class TileFanOut implements ScoreModel {

	private static final Logger LOG = LoggerFactory.getLogger(TileFanOut.class);

	/** What an executor computes for a tile: &epsilon;, or the VJP of a tracked forward. */
	enum Kind {
		FORWARD, VJP
	}

	/** One tile's planes (its particles and channels) of a batch: its index, x_t and, for a VJP, the vector v. */
	record Plane(int index, float[] x, float[] v) implements Serializable {
		private static final long serialVersionUID = 1L;
	}

	private final JavaSparkContext sc;
	private final String[] networkArgs;
	private final Broadcast<SerializableWritable<Configuration>> conf;
	private final ModelSpec spec;
	private final String name;
	private final LongAccumulator planesDone;
	private final TileProgress progress;
	private final DoubleAdder jobSeconds;
	private int passes;

	/**
	 * @param networkArgs the deblur options whose networks the executors load and evaluate ({@link FileDeblur})
	 * @param spec        the image prior's spec
	 * @param name        the image's name, for the Spark UI and the log
	 * @param planesDone  counts the tiles evaluated
	 * @param jobSeconds sums the wall time of the Spark jobs (the rest of a run is the driver's)
	 */
	TileFanOut(JavaSparkContext sc, String[] networkArgs, Broadcast<SerializableWritable<Configuration>> conf,
			ModelSpec spec, String name, LongAccumulator planesDone, TileProgress progress, DoubleAdder jobSeconds) {
		this.sc = sc;
		this.networkArgs = networkArgs;
		this.conf = conf;
		this.spec = spec;
		this.name = name;
		this.planesDone = planesDone;
		this.progress = progress;
		this.jobSeconds = jobSeconds;
	}

	@Override
	public ModelSpec spec() {
		return spec;
	}

	/** A batch that is not known to be made of tiles: each plane alone. */
	@Override
	public float[] epsilon(float[] x, BatchShape shape, double t) {
		return epsilonOfTiles(x, shape, shape.n(), t);
	}

	@Override
	public TrackedEpsilon epsilonTracked(float[] x, BatchShape shape, double t) {
		return epsilonOfTilesTracked(x, shape, shape.n(), t);
	}

	@Override
	public float[] epsilonOfTiles(float[] x, BatchShape shape, int tiles, double t) {
		return fanOut(x, null, shape, tiles, t, Kind.FORWARD);
	}

	@Override
	public TrackedEpsilon epsilonOfTilesTracked(float[] x, BatchShape shape, int tiles, double t) {
		float[] eps = fanOut(x, null, shape, tiles, t, Kind.FORWARD);
		return TrackedEpsilon.of(eps, v -> fanOut(x, v, shape, tiles, t, Kind.VJP), () -> {
		});
	}

	/** One Spark job: every tile of the batch on the executors, the results in the batch's order. */
	private float[] fanOut(float[] x, float[] v, BatchShape shape, int tiles, double t, Kind kind) {
		if (tiles < 1 || shape.n() % tiles != 0) {
			throw new IllegalArgumentException(tiles + " tiles do not divide a batch of " + shape.n());
		}
		int n = tiles;
		int per = shape.size() / n;
		List<Plane> planes = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			planes.add(new Plane(i, Arrays.copyOfRange(x, i * per, (i + 1) * per), v == null ? null
					: Arrays.copyOfRange(v, i * per, (i + 1) * per)));
		}
		int g = shape.n() / tiles;
		int pass = ++passes;
		String what = kind == Kind.VJP ? "vector-Jacobian products" : "network forwards";
		sc.setJobDescription(String.format(Locale.ROOT, "tiles of %s: pass %d, %s of %d tiles", name, pass, what,
				n));
		progress.startPass(name, pass, n);
		String[] args = networkArgs;
		Broadcast<SerializableWritable<Configuration>> bconf = conf;
		LongAccumulator done = planesDone;
		int c = shape.c();
		int h = shape.h();
		int w = shape.w();
		long start = System.nanoTime();
		List<float[]> out = sc.parallelize(planes, n).map(p -> {
			float[] r = evaluate(p, args, bconf.value().value(), new BatchShape(g, c, h, w), t, kind);
			done.add(1);
			return r;
		}).collect();
		float[] all = new float[shape.size()];
		for (int i = 0; i < n; i++) {
			System.arraycopy(out.get(i), 0, all, i * per, per);
		}
		double seconds = (System.nanoTime() - start) * 1e-9;
		jobSeconds.add(seconds);
		LOG.info(String.format(Locale.ROOT, "%s: pass %d, %s of %d tiles (%d planes of %dx%d each) in %.1f s", name,
				pass, what, n, g, w, h, seconds));
		return all;
	}

	/** On an executor: one tile's planes through the executor's image prior, as one batch. */
	static float[] evaluate(Plane p, String[] args, Configuration conf, BatchShape one, double t, Kind kind) {
		FileDeblur job = FileTask.job(args, conf);
		ScoreModel model = job.imageModel(ExecutorModels.of(job));
		if (kind == Kind.FORWARD) {
			return model.epsilon(p.x(), one, t);
		}
		try (TrackedEpsilon te = model.epsilonTracked(p.x(), one, t)) {
			return te.vjp(p.v());
		}
	}
}
