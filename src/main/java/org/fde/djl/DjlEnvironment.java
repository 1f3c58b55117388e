package org.fde.djl;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Process-wide DJL settings, applied in one place.
 * <p>
 * Every factory of this package calls {@link #engine()} (which calls {@link #ensureOffline()}) before its first DJL
 * call. Offline mode matters: without it DJL's engine start-up contacts a cloud metadata address and may try to
 * download native libraries; with it, the PyTorch natives come from the {@code pytorch-native-cpu} jar on the class
 * path and nothing leaves the machine.
 */
public final class DjlEnvironment {

	/** The DJL system property (also read from the {@code DJL_OFFLINE} environment variable by DJL). */
	public static final String OFFLINE_PROPERTY = "ai.djl.offline";

	/** The DJL engine used by this package. */
	static final String ENGINE_NAME = "PyTorch";

	private static final Logger LOG = LoggerFactory.getLogger(DjlEnvironment.class);

	private static volatile Engine engine;

	private DjlEnvironment() {
	}

	/**
	 * Sets the system property {@value #OFFLINE_PROPERTY} to {@code true} unless it is already set. An explicit
	 * {@code false} is respected (with a warning), for users who want DJL's download path. Idempotent and cheap.
	 */
	public static synchronized void ensureOffline() {
		String value = System.getProperty(OFFLINE_PROPERTY);
		if (value == null) {
			System.setProperty(OFFLINE_PROPERTY, "true");
		} else if (!Boolean.parseBoolean(value)) {
			LOG.warn("{}={} was set explicitly: DJL may contact the network at engine start-up", OFFLINE_PROPERTY,
					value);
		}
	}

	/**
	 * The PyTorch engine, started on first use in offline mode (the first start unpacks the natives into DJL's cache,
	 * {@code ~/.djl.ai} unless {@code DJL_CACHE_DIR} says otherwise, and takes a few seconds). The cache is verified
	 * first ({@link NativeCache}).
	 *
	 * @throws IllegalStateException if the engine cannot start (no PyTorch natives for this platform)
	 */
	static Engine engine() {
		Engine e = engine;
		if (e != null) {
			return e;
		}
		synchronized (DjlEnvironment.class) {
			if (engine == null) {
				ensureOffline();
				withOwnClassLoader(() -> {
					NativeCache.prepare(); // a damaged cache would crash the JVM when loaded
					return null;
				});
				try {
					engine = withOwnClassLoader(() -> Engine.getEngine(ENGINE_NAME));
				} catch (RuntimeException ex) {
					String cache = unwritableCache();
					throw new IllegalStateException("cannot start DJL's " + ENGINE_NAME + " engine: " + (cache != null
							? "its cache folder " + cache + " cannot be written (the PyTorch library is unpacked "
									+ "there); give a writable one with -DDJL_CACHE_DIR=<folder> or the DJL_CACHE_DIR "
									+ "environment variable"
							: "offline mode, native library cache " + ai.djl.util.Utils.getEngineCacheDir("pytorch")
									+ " (set by DJL_CACHE_DIR); are the pytorch-jni and pytorch-native jars for this "
									+ "platform on the class path?")
							+ " (" + ex.getMessage() + ")", ex);
				}
				LOG.info("DJL {} engine {} started (offline={}, {} intra-op threads)", ENGINE_NAME,
						engine.getVersion(), System.getProperty(OFFLINE_PROPERTY), JniUtils.getNumThreads());
			}
			return engine;
		}
	}

	/** DJL's engine cache folder when it cannot be created or written, else null. */
	static String unwritableCache() {
		try {
			java.nio.file.Path dir = ai.djl.util.Utils.getEngineCacheDir();
			java.nio.file.Path existing = dir;
			while (existing != null && !java.nio.file.Files.exists(existing)) {
				existing = existing.getParent();
			}
			return existing == null || !java.nio.file.Files.isWritable(existing) ? dir.toString() : null;
		} catch (RuntimeException e) {
			return null;
		}
	}

	/**
	 * Sets PyTorch's intra-op thread count for the whole process (the knob to use inside Fiji; DJL's default is the
	 * number of cores). Starts the engine if needed.
	 *
	 * @param threads at least 1
	 */
	public static void setThreads(int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("PyTorch thread count must be >= 1, got " + threads);
		}
		engine();
		JniUtils.setNumThreads(threads);
	}

	/** PyTorch's current intra-op thread count. Starts the engine if needed. */
	public static int threads() {
		engine();
		return JniUtils.getNumThreads();
	}

	/**
	 * Whether a GPU can be used: the PyTorch natives must be built with CUDA <em>and</em> a CUDA device must be
	 * visible. (DJL's {@code Engine.getGpuCount()} alone counts devices through the CUDA runtime and says nothing
	 * about whether the loaded natives can use them.)
	 */
	public static boolean gpuAvailable() {
		Engine e = engine();
		return e.hasCapability(StandardCapabilities.CUDA) && e.getGpuCount() > 0;
	}

	/** Resolves a device choice, logging a GPU fallback. */
	static Device resolve(DeviceChoice choice) {
		switch (choice) {
		case CPU:
			return Device.cpu();
		case GPU:
			if (gpuAvailable()) {
				return Device.gpu();
			}
			LOG.warn("GPU requested, but {}; falling back to the CPU", gpuProblem());
			return Device.cpu();
		case AUTO:
			return gpuAvailable() ? Device.gpu() : Device.cpu();
		default:
			throw new IllegalArgumentException("unknown device choice " + choice);
		}
	}

	private static String gpuProblem() {
		Engine e = engine();
		if (!e.hasCapability(StandardCapabilities.CUDA)) {
			return "the PyTorch " + e.getVersion() + " library in use is the CPU build; docs/gpu.md tells how to use "
					+ "the CUDA build";
		}
		return "the PyTorch library has CUDA, but no CUDA device is visible (driver, CUDA_VISIBLE_DEVICES?)";
	}

	/**
	 * One line saying where the networks run for this choice, with how many threads, and why: for example
	 * "networks on the CPU, 2 threads (device=auto: the PyTorch 2.5.1 library in use is the CPU build; ...)". Starts the engine if needed; logs nothing.
	 */
	public static String deviceSummary(DeviceChoice choice) {
		Engine e = engine();
		boolean gpu = choice != DeviceChoice.CPU && gpuAvailable();
		String why;
		if (gpu) {
			why = "device=" + name(choice) + ": PyTorch " + e.getVersion() + " with CUDA, " + e.getGpuCount()
					+ " GPU(s) visible";
		} else if (choice == DeviceChoice.CPU) {
			why = "device=cpu; PyTorch " + e.getVersion();
		} else {
			why = "device=" + name(choice) + (choice == DeviceChoice.GPU ? ", fell back to the CPU: " : ": ")
					+ gpuProblem();
		}
		return "networks on the " + (gpu ? "GPU (" + Device.gpu() + ")" : "CPU") + ", " + JniUtils.getNumThreads()
				+ " threads (" + why + ")";
	}

	private static String name(DeviceChoice choice) {
		return choice.name().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * Runs {@code action} with this class's class loader as the thread's context class loader: DJL finds its engine,
	 * model zoos and translator factories through {@link java.util.ServiceLoader} on the context class loader, which
	 * inside Fiji is not the plugin's.
	 */
	static <T> T withOwnClassLoader(Supplier<T> action) {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(DjlEnvironment.class.getClassLoader());
		try {
			return action.get();
		} finally {
			thread.setContextClassLoader(previous);
		}
	}
}
