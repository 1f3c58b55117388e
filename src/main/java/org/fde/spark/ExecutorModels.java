package org.fde.spark;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.fde.cli.FileDeblur;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The networks of this executor JVM, loaded by its first task and reused by every later one (a static holder: the
 * JVM is the executor). PyTorch's intra-op threads are set once, to {@code --threads} when given, else to
 * {@code spark.task.cpus}. On a real executor (not in local mode) DJL's native-library cache goes to the local
 * scratch folder unless {@code DJL_CACHE_DIR} is set.
 * <p>
 * The tasks of one executor share the networks and run their forwards and vector&ndash;Jacobian products at once
 * (each thread records its own graph; only a switch between a plain and a tracked forward runs alone,
 * docs/spark.md).
 */
final class ExecutorModels {

	private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);

	private static final Map<String, FileDeblur.Networks> LOADED = new ConcurrentHashMap<>();

	private ExecutorModels() {
	}

	/** The networks of a job, loaded on first use in this JVM. */
	static FileDeblur.Networks of(FileDeblur job) {
		return LOADED.computeIfAbsent(job.networksKey(), k -> {
			prepareNativeCache();
			TaskContext tc = TaskContext.get();
			// the driver of tile mode loads them outside a task: spark.task.cpus from the configuration
			SparkEnv env = SparkEnv.get();
			int threads = job.threads() > 0 ? job.threads() : tc != null ? tc.cpus() : env != null ? env.conf().getInt(
					"spark.task.cpus", 1) : 1;
			long start = System.nanoTime();
			FileDeblur.Networks n = job.load(threads);
			LOG.info("networks loaded once for this executor in {} s ({} PyTorch threads): {}", String.format(
					java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) * 1e-9), threads, n);
			return n;
		});
	}

	/** Number of network sets loaded in this JVM (tests). */
	static int loadedCount() {
		return LOADED.size();
	}

	/** Sets DJL_CACHE_DIR (as a system property, which DJL reads after the environment) to local scratch. */
	private static void prepareNativeCache() {
		SparkEnv env = SparkEnv.get();
		boolean executor = env != null && !"driver".equals(env.executorId());
		if (executor && System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
			Path cache = Staging.scratch().resolve("fde-djl-cache");
			System.setProperty("DJL_CACHE_DIR", cache.toString());
			LOG.info("DJL native-library cache: {}", cache);
		}
	}
}
