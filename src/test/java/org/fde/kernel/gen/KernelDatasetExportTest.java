package org.fde.kernel.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.fde.kernel.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelDatasetExportTest {

	@TempDir
	Path dir;

	@Test
	void writesOneFilePerSizeAndAManifest() throws IOException {
		Path manifest = KernelDatasetExport.export(dir, 6, new int[] { 15, 16 }, 5, 0.5);
		String json = Files.readString(manifest);
		assertTrue(json.contains("\"kernels\": \"kernels_15.npy\""), json);
		assertTrue(json.contains("\"shape\": [6, 16, 16]"), json);
		for (int size : new int[] { 15, 16 }) {
			NpyWriterTest.Parsed k = NpyWriterTest.parse(dir.resolve("kernels_" + size + ".npy"));
			assertArrayEquals(new int[] { 6, size, size }, k.shape());
			NpyWriterTest.Parsed f = NpyWriterTest.parse(dir.resolve("families_" + size + ".npy"));
			assertEquals("|u1", f.descr());
			assertArrayEquals(new int[] { 6 }, f.shape());
			float[] all = new float[6 * size * size];
			k.data().asFloatBuffer().get(all);
			for (int i = 0; i < 6; i++) {
				float[] one = new float[size * size];
				System.arraycopy(all, i * size * size, one, 0, one.length);
				assertEquals(1.0, Kernels.sum(one), 1e-5, "kernel " + i);
				assertTrue(f.data().get(i) >= 0 && f.data().get(i) < KernelFamily.values().length);
			}
		}
	}

	@Test
	void aSizeDoesNotDependOnTheOtherSizesRequested() throws IOException {
		KernelDatasetExport.export(dir.resolve("a"), 3, new int[] { 15, 33 }, 9, 0.7);
		KernelDatasetExport.export(dir.resolve("b"), 3, new int[] { 33 }, 9, 0.7);
		assertArrayEquals(Files.readAllBytes(dir.resolve("a/kernels_33.npy")),
				Files.readAllBytes(dir.resolve("b/kernels_33.npy")));
	}

	@Test
	void badArgumentsNameTheParameter() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> KernelDatasetExport.export(dir, 0, new int[] { 33 }, 1, 0.7));
		assertTrue(e.getMessage().contains("count"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class,
				() -> KernelDatasetExport.export(dir, 1, new int[] { 33 }, 1, 1.5));
		assertTrue(e.getMessage().contains("motionFraction"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class,
				() -> KernelDatasetExport.export(dir, 1, new int[] { 1 }, 1, 0.5));
		assertTrue(e.getMessage().contains("size"), e.getMessage());
	}
}
