package org.fde.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of one run: a single input, or every image of a folder (sorted by name, not recursive), each with its
 * output paths.
 * <p>
 * Single file: {@code --output} is a file name ending with .tif, .tiff or .png, or a folder (an existing one, or a
 * name without an ending; the output is then {@code <folder>/<base>.tif}, and {@code <base>-kernel.tif},
 * {@code <base>-uncertainty.tif} for the other outputs). Folder: {@code --output} is a folder (created if needed)
 * receiving {@code <base>.tif} for every input {@code <base>.<ending>}; the other outputs are folders too,
 * receiving {@code <base>-kernel.tif} and {@code <base>-uncertainty.tif}. No output folder may be the input folder.
 */
final class Targets {

	/** One input and where its results go (kernel and uncertainty may be null: not asked). */
	record Target(Path input, Path output, Path kernel, Path uncertainty) {
	}

	private Targets() {
	}

	/**
	 * @param kernel      --kernel-output, or null
	 * @param uncertainty --uncertainty-output, or null
	 * @throws IllegalArgumentException naming the option at fault
	 */
	static List<Target> plan(Path input, Path output, Path kernel, Path uncertainty) {
		if (Files.isDirectory(input)) {
			return folder(input, output, kernel, uncertainty);
		}
		if (!Files.isRegularFile(input)) {
			throw new IllegalArgumentException("--input " + input + " does not exist (give an image file or a "
					+ "folder of images)");
		}
		String base = StackFiles.baseName(input);
		Target t = new Target(input, file("output", output, base, ""), file("kernel-output", kernel, base,
				"-kernel"), file("uncertainty-output", uncertainty, base, "-uncertainty"));
		for (Path p : new Path[] { t.output(), t.kernel(), t.uncertainty() }) {
			if (p != null && same(p, input)) {
				throw new IllegalArgumentException("the output " + p + " is the input file: choose another name");
			}
		}
		return List.of(t);
	}

	private static List<Target> folder(Path input, Path output, Path kernel, Path uncertainty) {
		Path outDir = outputFolder("output", output, input);
		Path kernelDir = kernel == null ? null : outputFolder("kernel-output", kernel, input);
		Path uncertaintyDir = uncertainty == null ? null : outputFolder("uncertainty-output", uncertainty, input);
		List<Path> images;
		try (Stream<Path> s = Files.list(input)) {
			images = s.filter(Files::isRegularFile).filter(StackFiles::isImageName).sorted().toList();
		} catch (IOException e) {
			throw new IllegalArgumentException("--input: cannot list the folder " + input + ": " + e.getMessage());
		}
		if (images.isEmpty()) {
			throw new IllegalArgumentException("--input: the folder " + input + " holds no images (file names "
					+ "ending with " + String.join(", ", StackFiles.IMAGE_ENDINGS) + ")");
		}
		List<Target> out = new ArrayList<>();
		Map<String, Path> byBase = new HashMap<>();
		for (Path img : images) {
			String base = StackFiles.baseName(img);
			Path before = byBase.putIfAbsent(base, img);
			if (before != null) {
				throw new IllegalArgumentException("--input: " + before.getFileName() + " and " + img.getFileName()
						+ " would both be written to " + outDir.resolve(base + ".tif") + ": rename one of them");
			}
			out.add(new Target(img, outDir.resolve(base + ".tif"), kernelDir == null ? null
					: kernelDir.resolve(base + "-kernel.tif"), uncertaintyDir == null ? null
							: uncertaintyDir.resolve(base + "-uncertainty.tif")));
		}
		return out;
	}

	/**
	 * A single-file output: the given file, or {@code <folder>/<base><suffix>.tif} when it names a folder (an
	 * existing one, or a name without an ending, created when writing).
	 */
	private static Path file(String key, Path given, String base, String suffix) {
		if (given == null) {
			if (key.equals("output")) {
				throw new IllegalArgumentException("--output is required (an image file name, or a folder)");
			}
			return null;
		}
		if (Files.isDirectory(given) || !given.getFileName().toString().contains(".")) {
			return given.resolve(base + suffix + ".tif");
		}
		if (!StackFiles.isTiff(given) && !StackFiles.isPng(given)) {
			throw new IllegalArgumentException("--" + key + " must end with .tif, .tiff or .png (or name a folder), "
					+ "got " + given.getFileName());
		}
		return given;
	}

	/** A folder output of a folder input: not an existing file, not the input folder. */
	private static Path outputFolder(String key, Path given, Path input) {
		if (given == null) {
			throw new IllegalArgumentException("--" + key + " is required (a folder for the results)");
		}
		if (Files.exists(given) && !Files.isDirectory(given)) {
			throw new IllegalArgumentException("--" + key + " must be a folder when --input is a folder, but "
					+ given + " is a file");
		}
		if (!Files.exists(given) && StackFiles.isImageName(given)) {
			throw new IllegalArgumentException("--" + key + " must be a folder when --input is a folder, but "
					+ given.getFileName() + " is an image file name: name a folder for the results");
		}
		if (same(given, input)) {
			throw new IllegalArgumentException("--" + key + " must not be the input folder " + input
					+ " (the inputs would be overwritten): choose another folder");
		}
		return given;
	}

	/** Whether two paths name the same file or folder (the first need not exist). */
	static boolean same(Path a, Path b) {
		if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
			return true;
		}
		try {
			return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
		} catch (IOException e) {
			return false;
		}
	}
}
