package org.fde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's file plan on the local Hadoop file system: the command line's names for folders, lists and files. */
class RemoteTargetsTest {

	@TempDir
	Path dir;

	private final Configuration conf = new Configuration();

	private static String uri(Path p) {
		return p.toUri().toString();
	}

	@Test
	void aFolderGivesItsImagesSortedWithTheCommandLinesNames() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in"));
		for (String n : new String[] { "b.tif", "a.PNG", ".hidden.tif", "notes.txt", "c.tiff" }) {
			Files.writeString(in.resolve(n), "x");
		}
		List<RemoteTarget> t = RemoteTargets.plan(conf, in.toString(), dir.resolve("out").toString(), dir.resolve(
				"k").toString(), null);
		assertEquals(List.of("a.PNG", "b.tif", "c.tiff"), t.stream().map(RemoteTarget::name).toList());
		assertTrue(t.get(0).output().endsWith("/out/a.tif"), t.get(0).output());
		assertTrue(t.get(2).kernel().endsWith("/k/c-kernel.tif"), t.get(2).kernel());
		assertNull(t.get(1).uncertainty());
		assertEquals(List.of(0, 1, 2), t.stream().map(RemoteTarget::index).toList());
	}

	@Test
	void aListNamesImagesRelativeToItsFolder() throws IOException {
		Path sub = Files.createDirectories(dir.resolve("data/sub"));
		Files.writeString(sub.resolve("x.tif"), "x");
		Files.writeString(dir.resolve("elsewhere.png"), "x");
		Path list = dir.resolve("data/list.txt");
		Files.writeString(list, "# fields\nsub/x.tif\n\n" + uri(dir.resolve("elsewhere.png")) + "\n");
		List<RemoteTarget> t = RemoteTargets.plan(conf, list.toString(), dir.resolve("out").toString(), null, null);
		assertEquals(List.of("x.tif", "elsewhere.png"), t.stream().map(RemoteTarget::name).toList());
		assertTrue(t.get(0).input().endsWith("/data/sub/x.tif"), t.get(0).input());
		assertTrue(t.get(1).output().endsWith("/out/elsewhere.tif"), t.get(1).output());
	}

	@Test
	void aSingleImageTakesAFileOrAFolderAndBadNamesAreRefused() throws IOException {
		Path img = dir.resolve("cells.tif");
		Files.writeString(img, "x");
		assertTrue(RemoteTargets.plan(conf, img.toString(), dir.resolve("res").toString(), null, null).get(0)
				.output().endsWith("/res/cells.tif"));
		assertTrue(RemoteTargets.plan(conf, img.toString(), dir.resolve("r.png").toString(), null, null).get(0)
				.output().endsWith("/r.png"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RemoteTargets.plan(conf,
				img.toString(), dir.resolve("r.jpg").toString(), null, null));
		assertTrue(e.getMessage().startsWith("--output must end with .tif, .tiff or .png"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> RemoteTargets.plan(conf, img.toString(), img
				.toString(), null, null));
		assertTrue(e.getMessage().contains("is the input file"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> RemoteTargets.plan(conf, dir.toString(), dir
				.toString(), null, null));
		assertTrue(e.getMessage().contains("must not be the input folder"), e.getMessage());
	}
}
