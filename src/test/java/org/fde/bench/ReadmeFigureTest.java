package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/** The documentation's pictures drawn from a made-up demo folder: the layout, the kernel inset, a missing input. */
class ReadmeFigureTest {

	@TempDir
	Path dir;

	private void tif(String name, int size, float value, boolean dot) {
		FloatProcessor fp = new FloatProcessor(size, size);
		fp.set(value);
		if (dot) {
			fp.setf(size / 2, size / 2, 1);
		}
		new FileSaver(new ImagePlus(name, fp)).saveAsTiff(dir.resolve(name + ".tif").toString());
	}

	@Test
	void drawsThreePanelsWithTheKernelsInsetAndTheKernelsEnlarged() throws Exception {
		tif("sharp", 96, 0.5f, false);
		tif("blurred", 96, 0.25f, false);
		tif("deblurred", 96, 0.5f, false);
		tif("kernel-true", 9, 0, true);
		tif("kernel-estimated", 9, 0, true);
		Path out = dir.resolve("img");
		ReadmeFigure.main(new String[] { "--demo", dir.toString(), "--out", out.toString() });
		ImageProcessor ba = IJ.openImage(out.resolve("before-after.png").toString()).getProcessor().convertToRGB();
		assertTrue(ba.getWidth() > 3 * 96 && ba.getWidth() < 3 * 96 + 40, "width " + ba.getWidth());
		// blurred panel (grey 64) at its centre; its top-left corner holds the inset: black kernel, white centre dot
		int x0 = 6;
		int y0 = 6;
		assertEquals(64, ba.getPixel(x0 + 60, y0 + 60) & 0xff);
		int zoom = 3;
		int inset = 2 + 4 * zoom + zoom / 2;
		assertEquals(0xffffff, ba.getPixel(x0 + inset, y0 + inset) & 0xffffff, "the kernel's peak, enlarged");
		assertEquals(0, ba.getPixel(x0 + 3, y0 + 3) & 0xffffff, "the kernel's background");
		assertEquals(0xffffff, ba.getPixel(x0, y0) & 0xffffff, "the inset's frame");
		// the sharp panel has no inset
		assertEquals(128, ba.getPixel(x0 + 2 * (96 + 6) + 3, y0 + 3) & 0xff);
		ImageProcessor k = IJ.openImage(out.resolve("kernels.png").toString()).getProcessor();
		assertTrue(k.getWidth() >= 2 * 9 * 6, "width " + k.getWidth());
	}

	@Test
	void aFolderWithoutTheDemosFilesIsNamed() throws Exception {
		tif("sharp", 16, 0.5f, false);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReadmeFigure.main(
				new String[] { "--demo", dir.toString(), "--out", dir.resolve("img").toString() }));
		assertTrue(e.getMessage().startsWith("--demo must be a folder written by the demo command"), e.getMessage());
		assertTrue(e.getMessage().contains("blurred.tif"), e.getMessage());
		assertTrue(!Files.exists(dir.resolve("img")), "nothing written");
	}
}
