package org.fde.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Moves files between a Hadoop file system (local, HDFS, S3A, ...) and this JVM's local scratch folder: the engine
 * reads and writes local files only.
 * <p>
 * The scratch folder is the first of {@code SPARK_LOCAL_DIRS} (standalone, Kubernetes), {@code LOCAL_DIRS} (YARN)
 * or {@code java.io.tmpdir}. Uploads are atomic where the file system's rename is (local, HDFS): the file is copied to
 * a hidden {@code .<name>.part-<id>} sibling, then renamed; on S3A the object appears whole on its own.
 */
final class Staging {

	/** Options whose value may be a Hadoop URI of a file or folder that the engine must read locally. */
	private static final List<String> STAGED_OPTIONS = List.of("--psf", "--model", "--kernelmodel",
			"--kernel-model");

	/** Folders and files already copied to scratch in this JVM, by URI. */
	private static final Map<String, java.nio.file.Path> STAGED = new ConcurrentHashMap<>();

	private Staging() {
	}

	/** A new folder in scratch, deleted with its content when the JVM exits. */
	private static java.nio.file.Path scratchFolder(String prefix) throws IOException {
		java.nio.file.Path dir = Files.createDirectories(scratch().resolve(prefix + UUID.randomUUID()));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try (java.util.stream.Stream<java.nio.file.Path> s = Files.walk(dir)) {
				s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			} catch (IOException e) {
				// best effort: the scratch folder is the cluster manager's to clean
			}
		}));
		return dir;
	}

	/** This JVM's local scratch folder. */
	static java.nio.file.Path scratch() {
		for (String env : new String[] { "SPARK_LOCAL_DIRS", "LOCAL_DIRS" }) {
			String v = System.getenv(env);
			if (v != null && !v.isBlank()) {
				return java.nio.file.Path.of(v.split(",")[0].trim());
			}
		}
		return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
	}

	/**
	 * The deblur options with every {@code --psf}, {@code --model} and {@code --kernelmodel} that names a non-local
	 * URI (hdfs://, s3a://, ...) replaced by a local copy (made once per JVM), and, when the job's jar carries the
	 * shipped models and no model was named, {@code --model} and {@code --kernelmodel} pointing at their copy.
	 */
	static String[] localOptions(String[] args, Configuration conf) {
		List<String> out = new ArrayList<>(List.of(args));
		for (int i = 0; i + 1 < out.size(); i++) {
			if (STAGED_OPTIONS.contains(out.get(i)) && isRemote(out.get(i + 1))) {
				out.set(i + 1, stageIn(out.get(i + 1), conf).toString());
			}
		}
		java.nio.file.Path shipped = shippedModels();
		if (shipped != null) {
			if (!out.contains("--model")) {
				out.addAll(List.of("--model", shipped.resolve("image-prior").toString()));
			}
			boolean nonBlind = out.indexOf("--method") >= 0 && out.indexOf("--method") + 1 < out.size()
					&& out.get(out.indexOf("--method") + 1).equalsIgnoreCase("nonblind");
			if (!nonBlind && !out.contains("--kernelmodel") && !out.contains("--kernel-model")) {
				out.addAll(List.of("--kernelmodel", shipped.resolve("kernel-prior").toString()));
			}
		}
		return out.toArray(String[]::new);
	}

	private static boolean isRemote(String value) {
		String scheme = URI.create(value.replace(" ", "%20")).getScheme();
		return scheme != null && scheme.length() > 1 && !scheme.equals("file");
	}

	/** A file or folder copied once per JVM into scratch (kept for the JVM's life). */
	private static java.nio.file.Path stageIn(String uri, Configuration conf) {
		return STAGED.computeIfAbsent(uri, u -> {
			try {
				java.nio.file.Path dir = scratchFolder("fde-staged-");
				Path src = new Path(u);
				java.nio.file.Path dst = dir.resolve(src.getName());
				src.getFileSystem(conf).copyToLocalFile(false, src, new Path(dst.toUri()), true);
				return dst;
			} catch (IOException e) {
				throw new IllegalArgumentException("cannot copy " + u + " to local scratch: " + e.getMessage(), e);
			}
		});
	}

	/** The models packed in the job's jar (models/image-prior, models/kernel-prior), unpacked once; null if none. */
	private static java.nio.file.Path shippedModels() {
		URL card = Staging.class.getResource("/models/image-prior/card.json");
		if (card == null || !"jar".equals(card.getProtocol())) {
			return null;
		}
		return STAGED.computeIfAbsent("jar:models", k -> {
			try {
				java.nio.file.Path root = scratchFolder("fde-models-");
				for (String m : new String[] { "image-prior", "kernel-prior" }) {
					Files.createDirectories(root.resolve(m));
					for (String f : new String[] { "card.json", "model.pt" }) {
						try (InputStream in = Staging.class.getResourceAsStream("/models/" + m + "/" + f)) {
							if (in != null) {
								Files.copy(in, root.resolve(m).resolve(f), StandardCopyOption.REPLACE_EXISTING);
							}
						}
					}
				}
				return root;
			} catch (IOException e) {
				throw new UncheckedIOException("cannot unpack the shipped models: " + e.getMessage(), e);
			}
		});
	}

	/** Copies a file of a Hadoop file system into a local folder, keeping its name. */
	static java.nio.file.Path download(String uri, java.nio.file.Path dir, Configuration conf) throws IOException {
		Path src = new Path(uri);
		java.nio.file.Path dst = Files.createDirectories(dir).resolve(src.getName());
		raw(src.getFileSystem(conf)).copyToLocalFile(false, src, new Path(dst.toUri()), true);
		return dst;
	}

	/** Copies a local file to {@code uri} atomically (a hidden part file renamed over the target). */
	static void upload(java.nio.file.Path local, String uri, Configuration conf) throws IOException {
		Path dst = new Path(uri);
		FileSystem fs = raw(dst.getFileSystem(conf));
		Path parent = dst.getParent();
		fs.mkdirs(parent);
		Path part = new Path(parent, "." + dst.getName() + ".part-" + UUID.randomUUID());
		try {
			fs.copyFromLocalFile(false, true, new Path(local.toUri()), part);
			if (fs.exists(dst)) {
				fs.delete(dst, false);
			}
			if (!fs.rename(part, dst)) {
				throw new IOException("could not rename " + part + " to " + dst);
			}
		} finally {
			if (fs.exists(part)) {
				fs.delete(part, false);
			}
		}
	}

	/** Whether a file exists (a finished output: outputs appear only whole). */
	static boolean exists(String uri, Configuration conf) throws IOException {
		Path p = new Path(uri);
		return p.getFileSystem(conf).exists(p);
	}

	/** The local file system without Hadoop's .crc side files; other file systems as they are. */
	private static FileSystem raw(FileSystem fs) {
		return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
	}
}
