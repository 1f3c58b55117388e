package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunInfoTest {

	private static boolean git(Path dir, String... args) throws IOException, InterruptedException {
		String[] cmd = new String[args.length + 5];
		cmd[0] = "git";
		cmd[1] = "-c";
		cmd[2] = "user.name=test";
		cmd[3] = "-c";
		cmd[4] = "user.email=test@example.org";
		System.arraycopy(args, 0, cmd, 5, args.length);
		Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
	}

	private static boolean gitAvailable(Path dir) {
		try {
			return git(dir, "--version");
		} catch (IOException | InterruptedException e) {
			return false;
		}
	}

	/** A temporary folder is normally outside any repository; skip if the temp root happens to be inside one. */
	private static void assumeOutsideAnyRepository(Path dir) {
		for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
			assumeTrue(!Files.exists(d.resolve(".git")), "the temporary folder lies inside a git repository");
		}
	}

	@Test
	void commitIsMarkedDirtyOnlyWhenTrackedFilesChanged(@TempDir Path dir) throws Exception {
		assumeTrue(gitAvailable(dir), "git is not on the PATH");
		Path f = dir.resolve("a.txt");
		Files.writeString(f, "one\n", StandardCharsets.UTF_8);
		assertTrue(git(dir, "init", "-q", "-b", "main") || git(dir, "init", "-q"));
		assertTrue(git(dir, "add", "a.txt"));
		assertTrue(git(dir, "commit", "-q", "-m", "first"));

		String clean = RunInfo.gitCommit(dir);
		assertTrue(clean.matches("[0-9a-f]{40} \\(\\S+\\)"), clean);

		Files.writeString(dir.resolve("untracked.txt"), "x\n", StandardCharsets.UTF_8);
		assertEquals(clean, RunInfo.gitCommit(dir), "untracked files do not make the tree dirty");

		Files.writeString(f, "two\n", StandardCharsets.UTF_8);
		assertEquals(clean + " +dirty", RunInfo.gitCommit(dir));
	}

	@Test
	void noRepositoryGivesUnknownWithoutRunningGit(@TempDir Path dir) {
		assumeOutsideAnyRepository(dir);
		assertEquals("unknown", RunInfo.gitCommit(dir));
	}

	@Test
	void treeStateOfAFolderThatIsNoRepositoryIsUnknown(@TempDir Path dir) {
		assumeTrue(gitAvailable(dir), "git is not on the PATH");
		assumeOutsideAnyRepository(dir);
		assertEquals(" (tree state unknown)", RunInfo.treeState(dir));
	}
}
