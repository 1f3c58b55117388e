package org.fde.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.fde.djl.NativeCache.Library;
import org.fde.djl.NativeCache.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch native cache is verified before DJL loads it: against the native jar's own record (the real one on the
 * class path), on fake caches of sparse files (no 440 MB is written), never on the engine's cache in use.
 */
class NativeCacheTest {

	@TempDir
	Path dir;

	@Test
	void theRecordComesFromTheNativeJars() {
		Record r = NativeCache.record();
		assertNotNull(r, "the pytorch-native jar is on the test class path");
		assertTrue(r.folder().contains("cpu") && r.folder().startsWith("2."), r.folder());
		Library cpu = r.libraries().stream().filter(l -> l.name().equals(System.mapLibraryName("torch_cpu")))
				.findFirst().orElseThrow();
		assertTrue(cpu.size() > 100_000_000, "libtorch_cpu's size from the jar: " + cpu.size());
		assertTrue(r.libraries().stream().anyMatch(l -> l.name().endsWith(System.mapLibraryName("djl_torch"))),
				"the JNI library is recorded too: " + r.libraries());
	}

	/** A cache holding every library at its recorded size (sparse files). */
	private Path fill(Path cache, Record r) throws IOException {
		Path d = Files.createDirectories(cache.resolve(r.folder()));
		for (Library l : r.libraries()) {
			try (RandomAccessFile f = new RandomAccessFile(d.resolve(l.name()).toFile(), "rw")) {
				f.setLength(l.size());
			}
		}
		return d;
	}

	private static Record small() {
		return new Record("2.5.1-cpu-test", List.of(new Library("libtorch.so", 7000), new Library("libtorch_cpu.so",
				900_000), new Library("0.32.0-libdjl_torch.so", 4000)));
	}

	@Test
	void aWholeCacheIsLeftAlone() throws IOException {
		Record r = NativeCache.record();
		Path d = fill(dir.resolve("pytorch"), r);
		assertNull(NativeCache.verify(dir.resolve("pytorch"), r));
		for (Library l : r.libraries()) {
			assertEquals(l.size(), Files.size(d.resolve(l.name())));
		}
	}

	@Test
	void aTruncatedLibraryIsRemovedToBeExtractedAgain() throws IOException {
		Path cache = dir.resolve("pytorch");
		Path d = fill(cache, small());
		try (RandomAccessFile f = new RandomAccessFile(d.resolve("libtorch_cpu.so").toFile(), "rw")) {
			f.setLength(1000); // as a killed copy or a full disk leaves it
		}
		assertNull(NativeCache.verify(cache, small()), "repaired: DJL extracts the folder again");
		assertFalse(Files.exists(d), "the damaged folder is gone");
		assertTrue(Files.isDirectory(cache), "the cache itself stays");
	}

	@Test
	void staleTemporaryFillsAreRemovedAndFreshOnesKept() throws IOException {
		Path cache = dir.resolve("pytorch");
		Path d = fill(cache, small());
		Path stale = Files.createDirectories(cache.resolve("tmp4471190233"));
		Files.write(stale.resolve("libtorch_cpu.so"), new byte[4096]);
		Path staleJni = Files.write(d.resolve("jni8812tmp"), new byte[10]);
		Path fresh = Files.createDirectories(cache.resolve("tmp99120031"));
		Path notOurs = Files.createDirectories(cache.resolve("tmp-notes"));
		FileTime old = FileTime.from(Instant.now().minus(NativeCache.STALE).minusSeconds(60));
		Files.setLastModifiedTime(stale, old);
		Files.setLastModifiedTime(staleJni, old);
		Files.setLastModifiedTime(notOurs, old);
		assertNull(NativeCache.verify(cache, small()));
		assertFalse(Files.exists(stale), "an interrupted fill's folder is removed");
		assertFalse(Files.exists(staleJni));
		assertTrue(Files.exists(fresh), "a fill in progress (another process) is kept");
		assertTrue(Files.exists(notOurs), "only DJL's tmp<digits> names are touched");
		assertTrue(Files.exists(d.resolve("libtorch_cpu.so")));
	}

	@Test
	void anUnwritableCacheFallsBackToAPrivateFolder() throws IOException {
		Path file = Files.writeString(dir.resolve("a-file"), "x");
		Path cache = file.resolve("cache/pytorch"); // cannot be created, even by root
		Path fallback = Files.createDirectories(dir.resolve("private"));
		assertEquals(fallback.resolve("pytorch"), NativeCache.usable(cache, small(), fallback, "DJL_CACHE_DIR"));
		assertTrue(Files.isDirectory(fallback.resolve("pytorch")));
	}

	@Test
	void anUnwritableCacheWithoutFallbackIsRefusedNamingTheFolderAndTheVariable() throws IOException {
		Path file = Files.writeString(dir.resolve("a-file"), "x");
		Path cache = file.resolve("cache/pytorch");
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> NativeCache.usable(cache, small(),
				null, "DJL_CACHE_DIR"));
		assertTrue(e.getMessage().startsWith("the PyTorch native library cache " + cache + " cannot be used: it has "
				+ "to be filled but cannot be written (") && e.getMessage().contains("Set DJL_CACHE_DIR to a writable "
						+ "folder"), e.getMessage());
	}

	@Test
	void aFolderMissingALibraryIsRemovedButAMissingJniLibraryIsLeftToDjl() throws IOException {
		Path cache = dir.resolve("pytorch");
		Path d = fill(cache, small());
		Files.delete(d.resolve("0.32.0-libdjl_torch.so"));
		assertNull(NativeCache.verify(cache, small()), "DJL extracts the JNI library into the folder itself");
		assertTrue(Files.isRegularFile(d.resolve("libtorch_cpu.so")));
		Files.delete(d.resolve("libtorch.so"));
		assertNull(NativeCache.verify(cache, small()));
		assertFalse(Files.exists(d), "DJL would trust the folder once libtorch.so exists again: it is removed");
	}
}
