package org.fde.djl;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.util.ClassLoaderUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;

/**
 * Verifies DJL's cache of the PyTorch native libraries before the engine loads them.
 * <p>
 * On its first start DJL copies the libraries out of the {@code pytorch-native} jar into
 * {@code <cache>/pytorch/<version>-<flavor>-<classifier>/} ({@code <cache>}: {@code ENGINE_CACHE_DIR}, else
 * {@code DJL_CACHE_DIR}, else {@code ~/.djl.ai}), through a {@code tmp<digits>} folder that it then renames; the JNI
 * library comes from the {@code pytorch-jni} jar the same way. From then on it trusts the folder whenever
 * {@code libtorch.so} exists in it. A truncated library there makes the JVM die of a SIGBUS on every later run;
 * a fill killed midway leaves its {@code tmp} folder (tens of MB) behind.
 * <p>
 * {@link #prepare()} therefore, once per process: removes {@code tmp<digits>} folders (and the JNI's
 * {@code jni<digits>tmp} files) older than {@link #STALE}; compares every cached library's size with the size the
 * jar records for it (its zip entry), and removes a folder that differs, so that DJL extracts it again; and, when the
 * cache has to be written but cannot be (a read-only folder), switches DJL to a private folder under
 * {@code java.io.tmpdir} for this process, or refuses with a message naming the folder and {@code DJL_CACHE_DIR}. A
 * size check catches truncation, the damage an interrupted copy or a full disk leaves; a checksum of the 440 MB
 * would cost a second at every start.
 */
final class NativeCache {

	/** A {@code tmp} folder older than this is from a fill that was interrupted (a fill takes seconds). */
	static final Duration STALE = Duration.ofMinutes(10);

	private static final Logger LOG = LoggerFactory.getLogger(NativeCache.class);
	private static final Pattern TMP_FOLDER = Pattern.compile("tmp\\d+");
	private static final Pattern TMP_JNI = Pattern.compile("jni\\d+tmp");

	/** One library as the jar records it. */
	record Library(String name, long size) {
	}

	/** The jar's record: the cache folder's name and the libraries it must hold. */
	record Record(String folder, List<Library> libraries) {
	}

	private NativeCache() {
	}

	/**
	 * Checks the cache DJL is about to use, and repairs or replaces it; does nothing when {@code PYTORCH_LIBRARY_PATH}
	 * points DJL at a libtorch of the user's own, or when no native jar is on the class path.
	 *
	 * @throws IllegalStateException naming the folder and the fix when no usable cache can be had
	 */
	static void prepare() {
		if (Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH") != null) {
			return;
		}
		Record record = record();
		if (record == null) {
			return;
		}
		Path cache = Utils.getEngineCacheDir("pytorch");
		String variable = System.getenv("ENGINE_CACHE_DIR") != null ? "ENGINE_CACHE_DIR" : "DJL_CACHE_DIR";
		Path fallback = System.getenv("ENGINE_CACHE_DIR") != null ? null : privateFolder();
		Path use = usable(cache, record, fallback, variable);
		if (!use.equals(cache)) {
			System.setProperty("ENGINE_CACHE_DIR", use.getParent().toString());
		}
	}

	/**
	 * The pytorch cache folder to use: {@code cache} after {@link #verify}, or {@code fallback/pytorch} when the cache
	 * must be written and cannot be.
	 *
	 * @param fallback a private folder, or null when none may be used
	 * @param variable the environment variable that sets the cache, for messages
	 */
	static Path usable(Path cache, Record record, Path fallback, String variable) {
		String problem = verify(cache, record);
		if (problem == null) {
			return cache;
		}
		if (fallback != null) {
			Path other = fallback.resolve("pytorch");
			String otherProblem = verify(other, record);
			if (otherProblem == null) {
				LOG.warn("the PyTorch native cache {} cannot be used ({}); using the private folder {} for this run "
						+ "(set {} to a writable folder to keep one cache)", cache, problem, fallback, variable);
				return other;
			}
		}
		throw new IllegalStateException("the PyTorch native library cache " + cache + " cannot be used: " + problem
				+ ". Set " + variable + " to a writable folder (or make " + cache + " writable)");
	}

	/**
	 * Removes stale temporary fills and a damaged library folder, and checks that what DJL still has to write can be
	 * written.
	 *
	 * @return null when DJL can use the folder, else why not
	 */
	static String verify(Path cache, Record record) {
		removeStale(cache, TMP_FOLDER);
		Path dir = cache.resolve(record.folder());
		removeStale(dir, TMP_JNI);
		boolean complete = Files.isDirectory(dir);
		if (complete) {
			String damage = damage(dir, record);
			if (damage != null) {
				try {
					removeTree(dir);
					LOG.warn("the PyTorch native cache {} was damaged ({}): removed, to be extracted again", dir,
							damage);
				} catch (IOException e) {
					return damage + ", and the folder cannot be removed (" + reason(e) + "): delete " + dir;
				}
				complete = false;
			} else {
				complete = record.libraries().stream().allMatch(l -> Files.isRegularFile(dir.resolve(l.name())));
			}
		}
		return complete ? null : writable(cache);
	}

	/** The first library whose size differs from the jar's record (a missing JNI library is not damage). */
	private static String damage(Path dir, Record record) {
		for (Library l : record.libraries()) {
			Path p = dir.resolve(l.name());
			try {
				if (!Files.exists(p)) {
					if (!l.name().contains("djl_torch")) {
						return l.name() + " is missing";
					}
				} else if (Files.size(p) != l.size()) {
					return l.name() + " has " + Files.size(p) + " bytes, the jar records " + l.size();
				}
			} catch (IOException e) {
				return l.name() + " cannot be read (" + reason(e) + ")";
			}
		}
		return null;
	}

	/** Null when a file can be created in the folder (made if needed), else the reason. */
	private static String writable(Path folder) {
		try {
			Files.createDirectories(folder);
			Path probe = Files.createTempFile(folder, ".fde-write-test", ".tmp");
			Files.delete(probe);
			return null;
		} catch (IOException e) {
			return "it has to be filled but cannot be written (" + reason(e) + ")";
		}
	}

	private static void removeStale(Path folder, Pattern names) {
		if (!Files.isDirectory(folder)) {
			return;
		}
		FileTime before = FileTime.from(java.time.Instant.now().minus(STALE));
		try (Stream<Path> s = Files.list(folder)) {
			for (Path p : s.filter(p -> names.matcher(p.getFileName().toString()).matches()).toList()) {
				if (Files.getLastModifiedTime(p).compareTo(before) < 0) {
					removeTree(p);
					LOG.info("removed {}, left by an interrupted extraction of the PyTorch natives", p);
				}
			}
		} catch (IOException e) {
			LOG.warn("cannot tidy the PyTorch native cache {}: {}", folder, reason(e));
		}
	}

	private static void removeTree(Path p) throws IOException {
		try (Stream<Path> s = Files.walk(p)) {
			for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(q);
			}
		}
	}

	/** The record of the native jar on the class path; null when there is none (DJL would download). */
	static Record record() {
		Platform platform;
		try {
			platform = Platform.detectPlatform("pytorch");
		} catch (RuntimeException e) {
			return null;
		}
		if (platform.isPlaceholder()) {
			return null;
		}
		String flavor = platform.getFlavor();
		String classifier = platform.getClassifier();
		List<Library> libs = new ArrayList<>();
		for (String name : platform.getLibraries()) {
			long size = size("pytorch/" + flavor + "/" + classifier + "/" + name);
			if (size < 0) {
				return null;
			}
			libs.add(new Library(name, size));
		}
		String jni = System.mapLibraryName("djl_torch");
		long jniSize = size("jnilib/" + classifier + "/" + flavor + "/" + jni);
		if (jniSize >= 0) {
			libs.add(new Library(platform.getApiVersion() + "-" + jni, jniSize));
		}
		return new Record(platform.getVersion() + "-" + flavor + "-" + classifier, libs);
	}

	/** A class-path resource's size as its jar records it; -1 when unknown. */
	private static long size(String resource) {
		try {
			URL url = ClassLoaderUtils.getResource(resource);
			if (url == null) {
				return -1;
			}
			URLConnection c = url.openConnection();
			if (c instanceof JarURLConnection j) { // the JarFile is cached, and reused when DJL extracts
				return j.getJarEntry().getSize();
			}
			return "file".equals(url.getProtocol()) ? Files.size(Path.of(url.toURI())) : -1;
		} catch (IOException | java.net.URISyntaxException | RuntimeException e) {
			return -1;
		}
	}

	/** {@code java.io.tmpdir/fde-djl-<user>}, owner-only; a fresh temporary folder if that one is not ours. */
	private static Path privateFolder() {
		String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
		Path p = Path.of(System.getProperty("java.io.tmpdir"), "fde-djl-" + user);
		try {
			if (!Files.exists(p)) {
				try {
					Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
							"rwx------")));
				} catch (UnsupportedOperationException e) {
					Files.createDirectory(p);
				}
			}
			if (Files.isDirectory(p) && Files.isWritable(p) && Files.getOwner(p).getName().equals(System
					.getProperty("user.name"))) {
				return p;
			}
			return Files.createTempDirectory("fde-djl-");
		} catch (IOException | UnsupportedOperationException e) {
			return null;
		}
	}

	private static String reason(IOException e) {
		if (e instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (e instanceof FileSystemException fe && fe.getReason() != null) {
			return fe.getReason();
		}
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}
}
