package org.fde.cli;

import static org.fde.cli.CliFixtures.H;
import static org.fde.cli.CliFixtures.W;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.fde.cli.CliFixtures.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

/** {@code deblur} end to end with the tiny networks: files in, files out. */
class DeblurCliTest {

	@TempDir
	Path dir;

	@Test
	void singleFileKeepsDimensionsAndCalibrationAndLeavesTheInputAlone() throws IOException {
		Path in = CliFixtures.saveTiff(CliFixtures.gray16("cells", 1, 1, 1), dir.resolve("cells.tif"));
		byte[] before = Files.readAllBytes(in);
		Path out = dir.resolve("out/cells-deblurred.tif");
		Path kernel = dir.resolve("out/cells-kernel.tif");
		Run r = CliFixtures.deblur("--input", in.toString(), "--output", out.toString(), "--kernel-output",
				kernel.toString());
		assertEquals(0, r.status(), r.out() + r.err());
		assertTrue(r.out().contains("step 3/3") && r.out().contains(" elapsed"), r.out());
		assertTrue(r.out().contains("networks on the CPU, 1 threads (device=cpu; PyTorch "),
				r.out());
		ImagePlus res = IJ.openImage(out.toString());
		assertNotNull(res);
		assertEquals(W, res.getWidth());
		assertEquals(H, res.getHeight());
		assertEquals(1, res.getStackSize());
		assertEquals(32, res.getBitDepth());
		assertEquals(0.25, res.getCalibration().pixelWidth, 1e-6);
		assertEquals(0.3, res.getCalibration().pixelHeight, 1e-6);
		assertEquals(IJ.openImage(in.toString()).getCalibration().getUnit(), res.getCalibration().getUnit());
		ImagePlus k = IJ.openImage(kernel.toString());
		assertEquals(5, k.getWidth());
		assertEquals(5, k.getHeight());
		assertArrayEquals(before, Files.readAllBytes(in), "the input file must not change");
		try (var files = Files.list(dir.resolve("out"))) {
			assertEquals(2, files.count(), "only the two outputs, no temporary .part file");
		}
	}

	@Test
	void anOutputIsWrittenWholeOrNotAtAll() throws IOException {
		Path target = dir.resolve("sub/result.tif");
		Path part = dir.resolve("sub/.result.tif.part");
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> StackFiles.writeWhole(target,
				p -> !write(p, "half a file"))); // writes, then reports failure
		assertTrue(e.getMessage().contains("result.tif"), e.getMessage());
		assertFalse(Files.exists(target), "a failed write left a file under the output name");
		assertFalse(Files.exists(part), "a failed write left its temporary file");
		Files.writeString(target, "old");
		StackFiles.writeWhole(target, p -> {
			assertEquals(part.toString(), p);
			assertEquals("old", read(target), "the output changed before the move");
			return write(p, "new");
		});
		assertEquals("new", Files.readString(target));
		assertFalse(Files.exists(part));
	}

	private static String read(Path p) {
		try {
			return Files.readString(p);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Writes {@code text} to the file {@code path}; true (a writer for {@link StackFiles#writeWhole}). */
	private static boolean write(String path, String text) {
		try {
			Files.writeString(Path.of(path), text);
			return true;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Test
	void hyperstackKeepsItsChannelsSlicesAndFrames() {
		Path in = CliFixtures.saveTiff(CliFixtures.gray16("stack", 2, 2, 1), dir.resolve("stack.tif"));
		Path out = dir.resolve("stack-out.tif");
		Run r = CliFixtures.deblur("--input", in.toString(), "--output", out.toString(), "--steps", "2",
				"--kernelscope", "stack");
		assertEquals(0, r.status(), r.out() + r.err());
		ImagePlus res = IJ.openImage(out.toString());
		assertEquals(2, res.getNChannels());
		assertEquals(2, res.getNSlices());
		assertEquals(1, res.getNFrames());
		assertEquals(32, res.getBitDepth());
		assertEquals(1.5, res.getCalibration().pixelDepth, 1e-6);
	}

	@Test
	void tiledRunKeepsTheImageSize() {
		Path in = CliFixtures.saveTiff(CliFixtures.gray16("t", 1, 1, 1), dir.resolve("t.tif"));
		Path out = dir.resolve("t-out.tif");
		Run r = CliFixtures.deblur("--input", in.toString(), "--output", out.toString(), "--tilesize", "24");
		assertEquals(0, r.status(), r.out() + r.err());
		ImagePlus res = IJ.openImage(out.toString());
		assertEquals(W, res.getWidth());
		assertEquals(H, res.getHeight());
	}

	@Test
	void folderBatchGoesOnPastACorruptFileAndSkipsExistingOutputs() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in"));
		CliFixtures.saveTiff(CliFixtures.gray16("a", 1, 1, 1), in.resolve("a.tif"));
		CliFixtures.savePng(CliFixtures.plane("b", 8), in.resolve("b.png"));
		Files.write(in.resolve("c.tif"), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
		Files.writeString(in.resolve("notes.txt"), "not an image");
		Path out = dir.resolve("out");
		Run r = CliFixtures.deblur("--input", in.toString(), "--output", out.toString(), "--kernel-output",
				dir.resolve("kernels").toString());
		assertEquals(1, r.status(), r.out() + r.err());
		assertTrue(r.err().contains("error: c.tif: "), r.err());
		assertTrue(r.out().contains("[1/2]") && r.out().contains("[2/2]"), "c.tif is refused before the networks "
				+ "load: " + r.out());
		assertTrue(r.out().contains("2 written, 1 failed"), r.out());
		ImagePlus b = IJ.openImage(out.resolve("b.tif").toString());
		assertEquals(32, b.getBitDepth());
		assertTrue(Files.isRegularFile(out.resolve("a.tif")));
		assertTrue(Files.isRegularFile(dir.resolve("kernels/a-kernel.tif")));
		assertFalse(Files.exists(out.resolve("c.tif")));
		assertFalse(Files.exists(out.resolve("notes.tif")));

		Files.delete(in.resolve("c.tif"));
		Run again = CliFixtures.deblur("--input", in.toString(), "--output", out.toString());
		assertEquals(0, again.status(), again.out() + again.err());
		assertTrue(again.out().contains("skip a.tif") && again.out().contains("skip b.png"), again.out());
	}

	@Test
	void pngOutputIsEightBitFor8BitInputAndRgbForRgb() {
		Path gray = CliFixtures.savePng(CliFixtures.plane("g", 8), dir.resolve("g.png"));
		Path grayOut = dir.resolve("g-out.png");
		Run r = CliFixtures.deblur("--input", gray.toString(), "--output", grayOut.toString());
		assertEquals(0, r.status(), r.out() + r.err());
		ImagePlus g = IJ.openImage(grayOut.toString());
		assertEquals(8, g.getBitDepth());
		assertEquals(W, g.getWidth());

		Path rgb = CliFixtures.saveTiff(CliFixtures.plane("c", 24), dir.resolve("c.tif"));
		Path rgbOut = dir.resolve("c-out.png");
		r = CliFixtures.deblur("--input", rgb.toString(), "--output", rgbOut.toString());
		assertEquals(0, r.status(), r.out() + r.err());
		ImagePlus c = IJ.openImage(rgbOut.toString());
		assertEquals(24, c.getBitDepth());
		assertEquals(H, c.getHeight());
	}

	@Test
	void pngOfAStackIsRefusedBeforeAnyWork() {
		Path in = CliFixtures.saveTiff(CliFixtures.gray16("z", 1, 2, 1), dir.resolve("z.tif"));
		Run r = CliFixtures.deblur("--input", in.toString(), "--output", dir.resolve("z.png").toString());
		assertEquals(1, r.status());
		assertTrue(r.err().contains("z.tif") && r.err().contains("use a .tif name"), r.err());
	}
}
