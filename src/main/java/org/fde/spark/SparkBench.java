package org.fde.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.fde.djl.ModelCard;
import org.fde.djl.ModelStore;
import org.fde.image.Padding;
import org.fde.image.TileGrid;
import org.fde.options.CommandLineOptions;
import org.fde.stack.ParameterRanges;
import org.fde.stack.StackDeblur;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.plugin.filter.GaussianBlur;
import ij.process.FloatProcessor;

/**
 * The Spark job's throughput benchmark (a command, not a test; docs/spark.md): the same synthetic fields through
 * {@link SparkDeblur} with {@code local[1]} and {@code local[2]} (one PyTorch thread per task), images per minute,
 * pixels per second and their ratio, a byte-for-byte comparison of the two runs' outputs, Spark's per-task overhead
 * (a job of empty tasks), and a projection for 1,000 fields of 2048&sup2; on 10, 50 and 200 executors.
 * <p>
 * Options: {@code --images N} (8), {@code --size S} (128), {@code --steps K} (10), {@code --out DIR}
 * (target/spark-bench), {@code --model DIR}/{@code --kernelmodel DIR} (the shipped networks), {@code --kernelsize}
 * (the command line's default), {@code --field F} (2048), {@code --fields M} (1000), {@code --fieldsteps K} (the
 * blind commands' default steps), {@code --nocluster} (skips the {@code local-cluster} run), {@code --tiled S}
 * (0 = skipped: tile mode on one S&times;S field with {@code local[1]} and {@code local[2]}), {@code --tiledtile T}
 * (128: its tile size) and {@code --tiledcrop C} (192: its kernel window).
 */
public final class SparkBench {

	private SparkBench() {
	}

	public static void main(String[] args) {
		int status = 1;
		try {
			bench(args);
			status = 0;
		} catch (IllegalArgumentException e) {
			System.err.println("error: " + e.getMessage());
			status = 2;
		} catch (IOException | RuntimeException e) {
			e.printStackTrace();
		}
		System.exit(status); // Spark and JTransforms leave non-daemon threads
	}

	private static void bench(String[] args) throws IOException {
		CommandLineOptions a = CommandLineOptions.parse(args, 0);
		int images = a.integer("images", 8, 1, 10000);
		int size = a.integer("size", 128, 16, 8192);
		int steps = a.integer("steps", 10, 1, 1000);
		Path out = a.path("out") == null ? Path.of("target/spark-bench") : a.path("out");
		int field = a.integer("field", 2048, 64, 65536);
		int fields = a.integer("fields", 1000, 1, Integer.MAX_VALUE);
		int fieldSteps = a.integer("fieldsteps", ParameterRanges.BLIND_STEPS_DEFAULT, 1, 1000);
		int ks = a.oddInteger("kernelsize", ParameterRanges.KERNEL_SIZE_DEFAULT, ParameterRanges.KERNEL_SIZE_MIN,
				ParameterRanges.KERNEL_SIZE_MAX);
		Path model = a.path("model");
		Path kernelModel = a.path("kernelmodel");
		boolean withCluster = !a.flag("nocluster");
		int tiled = a.integer("tiled", 0, 0, 65536);
		int tiledTile = a.integer("tiledtile", 128, 16, 4096);
		int tiledCrop = a.integer("tiledcrop", 192, TileMode.KERNEL_CROP_MIN, TileMode.KERNEL_CROP_MAX);
		a.checkAllUsed();
		List<String> deblur = new ArrayList<>(List.of("--steps", "" + steps, "--kernelsize", "" + ks, "--threads",
				"1", "--device", "cpu", "--seed", "1"));
		// absolute folders: the executors of local-cluster start in folders of their own
		model = (model != null ? model : ModelStore.standard().find(ModelStore.IMAGE_PRIOR)).toAbsolutePath();
		kernelModel = (kernelModel != null ? kernelModel : ModelStore.standard().find(ModelStore.KERNEL_PRIOR))
				.toAbsolutePath();
		deblur.addAll(List.of("--model", model.toString(), "--kernelmodel", kernelModel.toString()));
		Path in = fields(out.resolve("in"), images, size);
		Path warm = fields(out.resolve("warm-in"), 2, size);
		StringBuilder report = new StringBuilder();
		line(report, "Java %s, %d cores visible; load average before: %s", System.getProperty("java.version"),
				Runtime.getRuntime().availableProcessors(), loadAverage());
		line(report, "%d fields of %dx%d (16-bit), %d steps, kernel %d, 1 PyTorch thread per task, seed 1", images,
				size, size, steps, ks);
		double[] perImage = new double[3];
		double taskOverhead = 0;
		for (int cores = 1; cores <= 2; cores++) {
			try (JavaSparkContext sc = context("local[" + cores + "]")) {
				if (cores == 1) {
					line(report, "Spark %s", sc.version());
				}
				run(sc, deblur, warm, out.resolve("warm-out-" + cores)); // networks loaded, JIT warm on every thread
				long t0 = System.nanoTime();
				SparkDeblur.Report r = run(sc, deblur, in, out.resolve("out-local" + cores));
				double s = (System.nanoTime() - t0) * 1e-9;
				if (r.written() != images) {
					throw new IllegalStateException("local[" + cores + "]: " + r.failures());
				}
				double sumTasks = r.outcomes().stream().mapToDouble(Outcome::seconds).sum();
				perImage[cores] = s;
				line(report, "local[%d]: %.1f s wall, %.2f images/min, %.0f pixels/s, mean task %.2f s", cores, s,
						images * 60 / s, (double) images * size * size / s, sumTasks / images);
				if (cores == 2) {
					taskOverhead = emptyTaskSeconds(sc, 200);
				}
			}
		}
		double cluster = Double.NaN;
		if (withCluster) {
			try (JavaSparkContext sc = clusterContext(out)) {
				run(sc, deblur, warm, out.resolve("warm-out-cluster"));
				long t0 = System.nanoTime();
				SparkDeblur.Report r = run(sc, deblur, in, out.resolve("out-cluster"));
				cluster = (System.nanoTime() - t0) * 1e-9;
				if (r.written() != images) {
					throw new IllegalStateException("local-cluster: " + r.failures());
				}
				line(report, "local-cluster[2,1] (2 executor JVMs of 1 core): %.1f s wall, %.2f images/min, %.0f "
						+ "pixels/s, mean task %.2f s; ratio to local[1] %.2f; outputs vs local[1]: %s", cluster,
						images * 60 / cluster, (double) images * size * size / cluster, r.outcomes().stream()
								.mapToDouble(Outcome::seconds).sum() / images, perImage[1] / cluster, same(out
										.resolve("out-local1"), out.resolve("out-cluster")));
			}
		}
		double ratio = perImage[1] / perImage[2];
		line(report, "throughput ratio local[2] / local[1]: %.2f", ratio);
		line(report, "outputs of local[1] and local[2]: %s", same(out.resolve("out-local1"), out.resolve(
				"out-local2")));
		line(report, "Spark task overhead (200 empty tasks, local[2]): %.1f ms per task", taskOverhead * 1e3);
		line(report, "load average after: %s (this machine's 2 cores are shared with other work: figures are "
				+ "lower bounds of what 2 idle cores give)", loadAverage());
		project(report, perImage[1] / images, size, steps, ks, field, fields, fieldSteps, taskOverhead, model);
		if (tiled > 0) {
			tileMode(report, deblur, out, tiled, tiledTile, tiledCrop);
		}
		System.out.print(report);
		Files.writeString(out.resolve("report.txt"), report, StandardCharsets.UTF_8);
	}

	/**
	 * Tile mode ({@code --unit tile}) on one field of {@code side}&sup2; in tiles of {@code tile}, the kernel from its
	 * central {@code crop}&sup2; window, with {@code local[1]} and {@code local[2]}: wall time, pixels per second, the
	 * share of the tiles' Spark jobs (the rest is the driver's: FFTs, M-step, blending), the ratio and whether the
	 * outputs are identical. A smaller field in the same tiles warms the networks first.
	 */
	private static void tileMode(StringBuilder report, List<String> deblur, Path out, int side, int tile, int crop)
			throws IOException {
		Path in = fields(out.resolve("tile-in"), 1, side);
		Path warm = fields(out.resolve("tile-warm-in"), 1, Math.min(side, 2 * tile));
		List<String> opts = new ArrayList<>(deblur);
		opts.addAll(List.of("--unit", "tile", "--kernel-crop", "" + crop, "--tilesize", "" + tile));
		double[] wall = new double[3];
		for (int cores = 1; cores <= 2; cores++) {
			try (JavaSparkContext sc = context("local[" + cores + "]")) {
				run(sc, opts, warm, out.resolve("tile-warm-out-" + cores));
				long t0 = System.nanoTime();
				SparkDeblur.Report r = run(sc, opts, in, out.resolve("tile-out-local" + cores));
				wall[cores] = (System.nanoTime() - t0) * 1e-9;
				if (r.written() != 1) {
					throw new IllegalStateException("tile mode, local[" + cores + "]: " + r.failures());
				}
				line(report, "tile mode, local[%d]: one %dx%d field, tiles of %d, kernel from the central %d window: "
						+ "%.1f s wall, %.0f pixels/s, %d tile evaluations, %.1f s in the tiles' Spark jobs (%.0f%%), "
						+ "%.1f s on the driver", cores, side, side, tile, crop, wall[cores], (double) side * side
								/ wall[cores], r.tileEvaluations(), r.tileJobSeconds(), 100 * r.tileJobSeconds()
										/ wall[cores], wall[cores] - r.tileJobSeconds());
			}
		}
		line(report, "tile mode ratio local[2] / local[1]: %.2f; outputs of local[1] and local[2]: %s", wall[1]
				/ wall[2], same(out.resolve("tile-out-local1"), out.resolve("tile-out-local2")));
	}

	private static JavaSparkContext context(String master) {
		return new JavaSparkContext(new SparkConf().setMaster(master).setAppName("SparkBench " + master).set(
				"spark.ui.enabled", "false").set("spark.task.cpus", "1"));
	}

	/**
	 * Spark's {@code local-cluster[2,1,3072]}: a standalone master and worker in this JVM that start two executor
	 * JVMs of one core each (the layout docs/spark.md recommends), with this JVM's class path. The worker needs a
	 * Spark home; an empty one (its {@code jars} folder and a Scala 2.12 marker) is made under the output folder.
	 */
	private static JavaSparkContext clusterContext(Path out) throws IOException {
		Path home = Files.createDirectories(out.resolve("spark-home").toAbsolutePath());
		Files.createDirectories(home.resolve("jars"));
		Files.createDirectories(home.resolve("launcher/target/scala-2.12")); // how the launcher tells Scala 2.12
		System.setProperty("spark.testing", "true"); // lets the worker take its home from spark.test.home
		System.setProperty("spark.test.home", home.toString());
		return new JavaSparkContext(new SparkConf().setMaster("local-cluster[2,1,3072]").setAppName(
				"SparkBench local-cluster").set("spark.ui.enabled", "false").set("spark.task.cpus", "1").set(
						"spark.executor.memory", "2g").set("spark.executor.extraClassPath", absoluteClassPath()).set("spark.home", home.toString()));
	}

	private static SparkDeblur.Report run(JavaSparkContext sc, List<String> deblur, Path in, Path out) {
		List<String> a = new ArrayList<>(deblur);
		a.addAll(List.of("--input", in.toString(), "--output", out.toString(), "--overwrite"));
		return SparkDeblur.run(sc, a.toArray(String[]::new));
	}

	/** This JVM's class path with absolute entries (the executors start in their own folders). */
	private static String absoluteClassPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).map(p -> Path
				.of(p).toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(java.io.File
						.pathSeparator));
	}

	/** Seconds per task of a job of n tasks that do nothing (scheduling, serialisation, result collection). */
	private static double emptyTaskSeconds(JavaSparkContext sc, int n) {
		List<Integer> ids = IntStream.range(0, n).boxed().toList();
		sc.parallelize(ids, n).map(x -> x).collect(); // warm
		long t0 = System.nanoTime();
		sc.parallelize(ids, n).map(x -> x).collect();
		return (System.nanoTime() - t0) * 1e-9 / n;
	}

	/**
	 * The projection: one task per field; a field is tiled as the command line tiles it ({@link StackDeblur}); its
	 * cost is the measured cost per pixel and step (local[1], one thread) times the pixels of all its tiles times
	 * the steps; executors of one core work in waves of one field each.
	 */
	private static void project(StringBuilder report, double secondsPerImage, int size, int steps, int ks, int field,
			int fields, int fieldSteps, double taskOverhead, Path model) {
		int multiple = ModelCard.read(model, ModelCard.Role.IMAGE_PRIOR).toSpec().sizeMultiple();
		int benchPadded = Padding.roundUp(size + 2 * (ks / 2), multiple);
		double perPixelStep = secondsPerImage / ((double) benchPadded * benchPadded * steps);
		int padded = Padding.roundUp(field + 2 * (ks / 2), multiple);
		int t = org.fde.image.TileSize.AUTOMATIC.forPlane(padded, padded, ks, multiple);
		TileGrid g = t == 0 ? TileGrid.single(padded, padded) : TileGrid.of(padded, padded, t, TileGrid
				.defaultOverlap(t, ks));
		double fieldSeconds = perPixelStep * g.count() * (double) g.tileSize() * fieldSteps;
		line(report, "projection: %d fields of %dx%d, %d steps, kernel %d: padded %d, %s; %.3g s per pixel and "
				+ "step (measured, local[1], padded %dx%d) -> %.0f s per field on one core", fields, field, field,
				fieldSteps, ks, padded, g, perPixelStep, benchPadded, benchPadded, fieldSeconds);
		for (int executors : new int[] { 10, 50, 200 }) {
			long waves = (fields + executors - 1) / executors;
			double seconds = waves * (fieldSeconds + taskOverhead) + 60;
			line(report, "  %3d executors of 1 core: %d waves x (%.0f s + %.3f s task overhead) + 60 s start-up = "
					+ "%.1f h", executors, waves, fieldSeconds, taskOverhead, seconds / 3600);
		}
		line(report, "  assumptions: cost linear in tile pixels and steps (measured at %dx%d, one thread; larger "
				+ "tiles use the network better, so this errs high), executors of 1 core like this machine's, one "
				+ "field per task, staging (8 MB per field) and model loading (once per executor) within the 60 s",
				size, size);
	}

	/** Fields of random blobs and bars, Gaussian-blurred, with noise, as 16-bit TIFFs. */
	private static Path fields(Path dir, int n, int size) throws IOException {
		Files.createDirectories(dir);
		for (int i = 0; i < n; i++) {
			Random rnd = new Random(1000 + i);
			FloatProcessor fp = new FloatProcessor(size, size);
			float[] px = (float[]) fp.getPixels();
			Arrays.fill(px, 2000);
			for (int b = 0; b < size * size / 400 + 3; b++) {
				double cx = rnd.nextDouble() * size;
				double cy = rnd.nextDouble() * size;
				double r = 2 + rnd.nextDouble() * size / 16;
				double amp = 5000 + rnd.nextDouble() * 20000;
				boolean bar = rnd.nextBoolean();
				for (int y = 0; y < size; y++) {
					for (int x = 0; x < size; x++) {
						double dx = x - cx;
						double dy = y - cy;
						if (bar ? Math.abs(dx) < r / 3 && Math.abs(dy) < 3 * r : dx * dx + dy * dy < r * r) {
							px[y * size + x] += (float) amp;
						}
					}
				}
			}
			new GaussianBlur().blurGaussian(fp, 1.5);
			for (int j = 0; j < px.length; j++) {
				px[j] = (float) Math.max(0, px[j] + 300 * rnd.nextGaussian());
			}
			ImagePlus imp = new ImagePlus("field-" + i, fp.convertToShortProcessor(false));
			if (!new FileSaver(imp).saveAsTiff(dir.resolve(String.format(Locale.ROOT, "field-%03d.tif", i))
					.toString())) {
				throw new IOException("cannot write the bench fields into " + dir);
			}
		}
		return dir;
	}

	private static String same(Path a, Path b) {
		try (Stream<Path> s = Files.list(a)) {
			List<Path> files = s.sorted().toList();
			int differ = 0;
			for (Path f : files) {
				if (!Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(f.getFileName())))) {
					differ++;
				}
			}
			return differ == 0 ? "identical (" + files.size() + " files, byte for byte)" : differ + " of "
					+ files.size() + " files DIFFER";
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		} catch (IOException e) {
			return "unknown";
		}
	}

	private static void line(StringBuilder sb, String format, Object... args) {
		sb.append(String.format(Locale.ROOT, format, args)).append('\n');
		PrintStream err = System.err;
		err.println(String.format(Locale.ROOT, format, args));
	}
}
