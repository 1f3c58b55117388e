package org.fde.spark;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.fde.cli.FileDeblur;

/**
 * The images of a job on a Hadoop file system and their output paths, with the command line's naming: a single image
 * ({@code --output} a .tif/.tiff/.png name, or a folder receiving {@code <base>.tif}), every image of a folder (not
 * recursive, sorted by name) or every image named in a list file ({@code .txt}, one path per line, relative to the
 * list's folder; blank lines and lines starting with # are skipped). Folder and list inputs write
 * {@code <base>.tif}, {@code <base>-kernel.tif} and {@code <base>-uncertainty.tif} into the output folders.
 */
final class RemoteTargets {

	private RemoteTargets() {
	}

	/**
	 * @param kernel      --kernel-output or null
	 * @param uncertainty --uncertainty-output or null
	 * @throws IllegalArgumentException naming the option at fault, as the command line does
	 */
	static List<RemoteTarget> plan(Configuration conf, String input, String output, String kernel,
			String uncertainty) {
		try {
			Path in = new Path(input);
			FileSystem fs = in.getFileSystem(conf);
			FileStatus st;
			try {
				st = fs.getFileStatus(in);
			} catch (FileNotFoundException e) {
				throw new IllegalArgumentException("--input " + input + " does not exist (give an image file, a "
						+ "folder of images or a .txt list of images)");
			}
			if (st.isDirectory()) {
				FileStatus[] all = fs.listStatus(in);
				Arrays.sort(all, Comparator.comparing(s -> s.getPath().getName()));
				List<Path> images = new ArrayList<>();
				for (FileStatus s : all) {
					if (s.isFile() && FileDeblur.isImageName(s.getPath().getName())) {
						images.add(s.getPath());
					}
				}
				if (images.isEmpty()) {
					throw new IllegalArgumentException("--input: the folder " + input + " holds no images (file "
							+ "names ending with .tif, .tiff, .png, .jpg, .jpeg)");
				}
				return many(conf, images, in, output, kernel, uncertainty);
			}
			if (st.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".txt")) {
				return many(conf, list(fs, st.getPath()), st.getPath().getParent(), output, kernel, uncertainty);
			}
			if (!FileDeblur.isImageName(st.getPath().getName())) {
				throw new IllegalArgumentException("--input " + input + " is neither an image (.tif, .tiff, .png, "
						+ ".jpg, .jpeg), a folder nor a .txt list of images");
			}
			String base = FileDeblur.baseName(in.getName());
			RemoteTarget t = new RemoteTarget(0, st.getPath().toString(), file(conf, "output", output, base, ""),
					file(conf, "kernel-output", kernel, base, "-kernel"), file(conf, "uncertainty-output",
							uncertainty, base, "-uncertainty"));
			for (String p : new String[] { t.output(), t.kernel(), t.uncertainty() }) {
				Path q = p == null ? null : new Path(p);
				if (q != null && q.getFileSystem(conf).makeQualified(q).equals(st.getPath())) {
					throw new IllegalArgumentException("the output " + p + " is the input file: choose another "
							+ "name");
				}
			}
			return List.of(t);
		} catch (IOException e) {
			throw new UncheckedIOException("cannot plan the job's files: " + e.getMessage(), e);
		}
	}

	private static List<Path> list(FileSystem fs, Path listFile) throws IOException {
		List<Path> out = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(listFile),
				StandardCharsets.UTF_8))) {
			for (String line = r.readLine(); line != null; line = r.readLine()) {
				String s = line.trim();
				if (s.isEmpty() || s.startsWith("#")) {
					continue;
				}
				Path p = new Path(s);
				Path abs = p.isAbsoluteAndSchemeAuthorityNull() || p.toUri().getScheme() != null ? p
						: new Path(listFile.getParent(), p);
				if (!FileDeblur.isImageName(abs.getName())) {
					throw new IllegalArgumentException("--input " + listFile + ": '" + s + "' is not an image name "
							+ "(.tif, .tiff, .png, .jpg, .jpeg)");
				}
				out.add(abs);
			}
		}
		if (out.isEmpty()) {
			throw new IllegalArgumentException("--input: the list " + listFile + " names no images");
		}
		return out;
	}

	private static List<RemoteTarget> many(Configuration conf, List<Path> images, Path inputFolder, String output,
			String kernel, String uncertainty) throws IOException {
		Path outDir = folder(conf, "output", output, inputFolder);
		Path kernelDir = kernel == null ? null : folder(conf, "kernel-output", kernel, inputFolder);
		Path uncDir = uncertainty == null ? null : folder(conf, "uncertainty-output", uncertainty, inputFolder);
		Map<String, Path> byBase = new HashMap<>();
		List<RemoteTarget> out = new ArrayList<>();
		for (Path img : images) {
			String base = FileDeblur.baseName(img.getName());
			Path before = byBase.putIfAbsent(base, img);
			if (before != null) {
				throw new IllegalArgumentException("--input: " + before.getName() + " and " + img.getName()
						+ " would both be written to " + new Path(outDir, base + ".tif") + ": rename one of them");
			}
			out.add(new RemoteTarget(out.size(), img.toString(), new Path(outDir, base + ".tif").toString(),
					kernelDir == null ? null : new Path(kernelDir, base + "-kernel.tif").toString(),
					uncDir == null ? null : new Path(uncDir, base + "-uncertainty.tif").toString()));
		}
		return out;
	}

	/** A single image's output: the given file, or {@code <folder>/<base><suffix>.tif} for a folder. */
	private static String file(Configuration conf, String key, String given, String base, String suffix)
			throws IOException {
		if (given == null) {
			if (key.equals("output")) {
				throw new IllegalArgumentException("--output is required (an image file name, or a folder)");
			}
			return null;
		}
		Path p = new Path(given);
		FileSystem fs = p.getFileSystem(conf);
		if ((fs.exists(p) && fs.getFileStatus(p).isDirectory()) || !p.getName().contains(".")) {
			return new Path(p, base + suffix + ".tif").toString();
		}
		if (!FileDeblur.isOutputName(p.getName())) {
			throw new IllegalArgumentException("--" + key + " must end with .tif, .tiff or .png (or name a folder), "
					+ "got " + p.getName());
		}
		return p.toString();
	}

	private static Path folder(Configuration conf, String key, String given, Path input) throws IOException {
		if (given == null) {
			throw new IllegalArgumentException("--" + key + " is required (a folder for the results)");
		}
		Path p = new Path(given);
		FileSystem fs = p.getFileSystem(conf);
		if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
			throw new IllegalArgumentException("--" + key + " must be a folder when --input is a folder or list, "
					+ "but " + given + " is a file");
		}
		Path q = fs.makeQualified(p);
		if (q.equals(input.getFileSystem(conf).makeQualified(input))) {
			throw new IllegalArgumentException("--" + key + " must not be the input folder " + input
					+ " (the inputs would be overwritten): choose another folder");
		}
		return q;
	}
}
