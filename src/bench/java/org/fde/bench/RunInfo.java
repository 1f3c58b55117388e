package org.fde.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the report records about a run.
 *
 * @param preset      preset name
 * @param seed        the run's seed
 * @param steps       diffusion steps
 * @param outer       Diffusion EM's L
 * @param commit      the git commit of the working tree, with " +dirty" if tracked files were changed (or "unknown")
 * @param machine     OS, architecture, cores, memory, Java
 * @param models      model name &rarr; version
 * @param wallSeconds wall time of this invocation (cached results cost nothing)
 * @param started     ISO time of the start
 * @param command     the command line
 * @param notes       skipped protocols and other remarks
 */
public record RunInfo(String preset, long seed, int steps, int outer, String commit, String machine,
		Map<String, String> models, double wallSeconds, String started, String command, List<String> notes) {

	/** OS, architecture, cores, physical and JVM memory, Java version. */
	public static String describeMachine() {
		Runtime rt = Runtime.getRuntime();
		String phys = "?";
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			phys = String.format(Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
		}
		return String.format(Locale.ROOT, "%s %s (%s), %d cores, %s RAM, JVM max heap %.1f GiB, Java %s",
				System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
				rt.availableProcessors(), phys, rt.maxMemory() / (1024.0 * 1024 * 1024), System.getProperty("java.version"));
	}

	/**
	 * The commit checked out in the repository holding {@code start} (searching upwards for .git), read from the
	 * files (HEAD, the ref, packed-refs) without running git, followed by {@link #treeState}: " +dirty" when tracked
	 * files differ from that commit, so that a report made from uncommitted code does not pass for the commit's.
	 */
	public static String gitCommit(Path start) {
		String commit = headCommit(start);
		return commit.startsWith("unknown") ? commit : commit + treeState(start);
	}

	/**
	 * " +dirty" if {@code git status --porcelain --untracked-files=no} run in {@code dir} lists changes to tracked
	 * files, "" if it lists none, and " (tree state unknown)" if git cannot be run or fails (10 s at most).
	 */
	static String treeState(Path dir) {
		Path out = null;
		try {
			out = Files.createTempFile("fde-git-status", ".txt");
			Process p = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
					.directory(dir.toAbsolutePath().toFile()).redirectOutput(out.toFile())
					.redirectError(ProcessBuilder.Redirect.DISCARD).start();
			p.getOutputStream().close();
			if (!p.waitFor(10, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				return UNKNOWN_STATE;
			}
			if (p.exitValue() != 0) {
				return UNKNOWN_STATE;
			}
			return Files.readString(out, StandardCharsets.UTF_8).isBlank() ? "" : " +dirty";
		} catch (IOException e) {
			return UNKNOWN_STATE;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return UNKNOWN_STATE;
		} finally {
			if (out != null) {
				try {
					Files.deleteIfExists(out);
				} catch (IOException e) {
					// a leftover temporary file is harmless
				}
			}
		}
	}

	private static final String UNKNOWN_STATE = " (tree state unknown)";

	private static String headCommit(Path start) {
		try {
			Path dir = start.toAbsolutePath();
			while (dir != null && !Files.exists(dir.resolve(".git"))) {
				dir = dir.getParent();
			}
			if (dir == null) {
				return "unknown";
			}
			Path git = dir.resolve(".git");
			if (Files.isRegularFile(git)) { // worktree or submodule: "gitdir: PATH"
				String s = Files.readString(git, StandardCharsets.UTF_8).trim();
				if (!s.startsWith("gitdir:")) {
					return "unknown";
				}
				git = dir.resolve(s.substring(7).trim()).normalize();
			}
			String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).trim();
			if (!head.startsWith("ref:")) {
				return head;
			}
			String ref = head.substring(4).trim();
			Path common = git;
			if (Files.isRegularFile(git.resolve("commondir"))) {
				common = git.resolve(Files.readString(git.resolve("commondir"), StandardCharsets.UTF_8).trim()).normalize();
			}
			for (Path base : List.of(git, common)) {
				Path f = base.resolve(ref);
				if (Files.isRegularFile(f)) {
					return Files.readString(f, StandardCharsets.UTF_8).trim() + " (" + ref.replace("refs/heads/", "") + ")";
				}
			}
			for (Path base : List.of(git, common)) {
				Path packed = base.resolve("packed-refs");
				if (Files.isRegularFile(packed)) {
					for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
						if (line.endsWith(" " + ref)) {
							return line.substring(0, line.indexOf(' ')) + " (" + ref.replace("refs/heads/", "") + ")";
						}
					}
				}
			}
			return "unknown (" + ref + ")";
		} catch (IOException | RuntimeException e) {
			return "unknown";
		}
	}
}
