package org.fde.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.fde.cli.Targets.Target;
import org.fde.imagej.ImageFileCheck;

/**
 * Every file one run will write, made and checked before any image is read or any network is loaded.
 * <p>
 * Refused at once (an {@link IllegalArgumentException}, whatever {@code --overwrite} says): two outputs that are the
 * same file (also through a symbolic link, or by names differing only in case on a file system that ignores case),
 * an output that is an input (an image, or the PSF), and an output folder that cannot be created or written (with
 * the operating system's reason). Without {@code --overwrite}, an existing file at an output path must be an output
 * of this program for that same input (its {@link Provenance} note says so);
 * any other file is refused rather than replaced.
 * <p>
 * An input is done, and skipped, only when each of its requested outputs exists, carries its note and passes
 * {@link ImageFileCheck} (is complete). An input with some of its outputs missing or incomplete (a run killed between
 * two writes, or an output asked for on a later run) is redone, with the reason; its earlier outputs are replaced.
 */
final class OutputPlan {

	/** One file to write: its path and the option that named it. */
	record Output(Path path, String option) {
		/** "image", "kernel" or "uncertainty": the first word of the output's {@link Provenance} note. */
		String role() {
			return switch (option) {
			case "--kernel-output" -> "kernel";
			case "--uncertainty-output" -> "uncertainty";
			default -> "image";
			};
		}
	}

	/**
	 * One input and its outputs.
	 *
	 * @param done   all outputs exist and are complete: nothing to do
	 * @param redone why an input with some outputs already written is computed again, or null
	 */
	record Item(String command, Target target, List<Output> outputs, boolean done, String redone) {
		/** The note of one of this input's outputs. */
		String note(Output o) {
			return Provenance.note(command, o.role(), target.input());
		}
	}

	private final List<Item> items;

	private OutputPlan(List<Item> items) {
		this.items = items;
	}

	/** The inputs to compute, in order. */
	List<Item> todo() {
		return items.stream().filter(i -> !i.done()).toList();
	}

	/** The inputs whose outputs all exist and are complete. */
	List<Item> done() {
		return items.stream().filter(Item::done).toList();
	}

	/**
	 * Makes and checks the plan.
	 *
	 * @param command the command writing the files ({@code deblur}, {@code simulate}), part of their notes
	 * @param others  further input files (the PSF), never to be written
	 * @throws IllegalArgumentException naming the files and options at fault
	 */
	static OutputPlan make(String command, List<Target> targets, List<Path> others, boolean overwrite) {
		Map<Path, Path> inputs = new HashMap<>();
		for (Target t : targets) {
			inputs.put(key(t.input()), t.input());
		}
		for (Path p : others) {
			if (p != null) {
				inputs.put(key(p), p);
			}
		}
		Map<Path, String> taken = new HashMap<>();
		Map<String, String> takenIgnoringCase = new HashMap<>();
		Map<Path, Boolean> caseInsensitive = new HashMap<>();
		List<Item> items = new ArrayList<>();
		List<String> foreign = new ArrayList<>();
		for (Target t : targets) {
			List<Output> outs = outputs(t);
			for (Output o : outs) {
				Path k = key(o.path());
				Path in = inputs.get(k);
				if (in != null) {
					throw new IllegalArgumentException("the output " + o.path() + " (" + o.option() + ") is the input "
							+ "file " + in + ": choose another name");
				}
				if (Files.isDirectory(o.path())) {
					throw new IllegalArgumentException("the output " + o.path() + " (" + o.option() + ") is a folder: "
							+ "choose a file name");
				}
				String who = o.option() + (targets.size() > 1 ? " of " + t.input().getFileName() : "");
				String before = taken.putIfAbsent(k, who);
				String sameIgnoringCase = takenIgnoringCase.putIfAbsent(k.toString().toLowerCase(Locale.ROOT), who);
				if (before == null && sameIgnoringCase != null && caseInsensitive.computeIfAbsent(k.getParent(),
						OutputPlan::ignoresCase)) {
					before = sameIgnoringCase; // one file on this file system (macOS, Windows)
				}
				if (before != null) {
					throw new IllegalArgumentException(before + " and " + who + " are the same file " + o.path()
							+ ": give each output its own name" + (targets.size() > 1 ? " (use different folders for "
									+ "the outputs, or rename an input)" : ""));
				}
			}
			items.add(state(command, t, outs, overwrite, foreign));
		}
		if (!foreign.isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", foreign.subList(0, Math.min(3, foreign.size())))
					+ (foreign.size() > 3 ? " (and " + (foreign.size() - 3) + " more)" : "") + ": --overwrite "
					+ "replaces " + (foreign.size() > 1 ? "them" : "it") + ", or choose other output names");
		}
		Set<Path> folders = new LinkedHashSet<>();
		Map<Path, String> optionOf = new HashMap<>();
		for (Item i : items) {
			if (!i.done()) {
				for (Output o : i.outputs()) {
					Path f = o.path().toAbsolutePath().normalize().getParent();
					folders.add(f);
					optionOf.putIfAbsent(f, o.option());
				}
			}
		}
		for (Path f : folders) {
			checkWritable(f, optionOf.get(f));
		}
		return new OutputPlan(items);
	}

	static List<Output> outputs(Target t) {
		List<Output> outs = new ArrayList<>();
		outs.add(new Output(t.output(), "--output"));
		if (t.kernel() != null) {
			outs.add(new Output(t.kernel(), "--kernel-output"));
		}
		if (t.uncertainty() != null) {
			outs.add(new Output(t.uncertainty(), "--uncertainty-output"));
		}
		return outs;
	}

	/** Done, to redo, or new; adds the existing files that are not this input's outputs to {@code foreign}. */
	private static Item state(String command, Target t, List<Output> outs, boolean overwrite,
			List<String> foreign) {
		if (overwrite) {
			return new Item(command, t, outs, false, null);
		}
		List<String> missing = new ArrayList<>();
		int existing = 0;
		for (Output o : outs) {
			Path p = o.path();
			if (!Files.exists(p)) {
				missing.add(p + " is missing");
				continue;
			}
			existing++;
			String note = Files.isRegularFile(p) ? Provenance.read(p) : null;
			if (!Provenance.note(command, o.role(), t.input()).equals(note)) {
				foreign.add(p + " (" + o.option() + ") exists and is not " + command + "'s " + o.role() + " output for "
						+ t.input().getFileName());
				continue;
			}
			try {
				ImageFileCheck.check(p);
			} catch (IllegalArgumentException e) {
				missing.add(p + " is incomplete (" + e.getMessage() + ")");
			}
		}
		if (missing.isEmpty()) {
			return new Item(command, t, outs, true, null);
		}
		return new Item(command, t, outs, false, existing == 0 ? null : String.join("; ", missing));
	}

	/**
	 * Checks that a file can be created in a folder (or that the folder can be created): a temporary file is made
	 * and deleted in the folder, or in its nearest existing parent.
	 *
	 * @throws IllegalArgumentException with the operating system's reason
	 */
	static void checkWritable(Path folder, String option) {
		Path existing = folder;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			throw new IllegalArgumentException(option + ": cannot create the folder " + folder + ": no part of it "
					+ "exists");
		}
		if (!Files.isDirectory(existing)) {
			throw new IllegalArgumentException(option + ": cannot create the folder " + folder + ": " + existing
					+ " is a file, not a folder");
		}
		try {
			Path probe = Files.createTempFile(existing, ".fde-write-test", ".tmp");
			Files.delete(probe);
		} catch (IOException e) {
			throw new IllegalArgumentException(option + ": cannot write in the folder " + existing + ": "
					+ reason(e));
		}
	}

	/**
	 * Whether the file system of a folder (or of its nearest existing parent) treats names differing in case as one
	 * file: a probe file is made and looked up in upper case.
	 */
	private static boolean ignoresCase(Path folder) {
		Path existing = folder;
		while (existing != null && !Files.isDirectory(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return false;
		}
		try {
			Path probe = Files.createTempFile(existing, ".fde-case-test", ".tmp");
			try {
				return Files.exists(probe.resolveSibling(probe.getFileName().toString().toUpperCase(Locale.ROOT)));
			} finally {
				Files.delete(probe);
			}
		} catch (IOException e) {
			return false; // the folder is checked for writing later, with the reason
		}
	}

	/** The operating system's reason for an I/O error, where Java has it. */
	static String reason(IOException e) {
		if (e instanceof java.nio.file.AccessDeniedException) {
			return "permission denied";
		}
		if (e instanceof java.nio.file.FileSystemException fe && fe.getReason() != null) {
			return fe.getReason();
		}
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}

	/**
	 * The path to compare: absolute and normalised, with its existing part resolved through symbolic links, so that
	 * two names of one file compare equal.
	 */
	static Path key(Path p) {
		Path abs = p.toAbsolutePath().normalize();
		Path existing = abs;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return abs;
		}
		try {
			return existing.toRealPath().resolve(existing.relativize(abs));
		} catch (IOException e) {
			return abs;
		}
	}
}
