package org.fde.imagej;

import static org.fde.imagej.ErrorsTest.assertFails;
import static org.fde.imagej.ErrorsTest.assertFastFails;
import static org.fde.imagej.Fixtures.H;
import static org.fde.imagej.Fixtures.W;
import static org.fde.imagej.Fixtures.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

/**
 * The checks of issue 33 on the Fiji path: an image that ImageJ opened from a damaged file, bad content before the
 * models load, Simulate Blur's sigma and a one-pixel image.
 */
class FijiFilesTest extends SciJavaContextTest {

	@TempDir
	Path dir;

	@Test
	void anImageOpenedFromATruncatedTiffIsRefused() throws IOException {
		ImagePlus whole = image("cells", 32, W, H, 1, 1, 1);
		Path file = dir.resolve("cells.tif");
		assertTrue(new FileSaver(whole).saveAsTiff(file.toString()));
		byte[] b = Files.readAllBytes(file);
		Path cut = Files.write(dir.resolve("cut.tif"), Arrays.copyOf(b, b.length / 2));
		ImagePlus opened = IJ.openImage(cut.toString()); // ImageJ fills the missing strips with zeros
		assertNotNull(opened, "ImageJ opens the truncated file");
		assertEquals(W, opened.getWidth());
		assertFastFails(opened, "was opened from a damaged file");
		assertFails(SimulateBlurCommand.class, Map.of("input", opened, "kernelSize", 5), "is damaged or truncated");
		// the intact file passes
		ImagePlusBridge.read(IJ.openImage(file.toString()), "the image");
	}

	@Test
	void badContentIsRefusedBeforeTheModelsLoad() {
		ImagePlus nan = image("nan", 32, W, H, 1, 1, 1);
		((FloatProcessor) nan.getProcessor()).setf(2, 2, Float.NaN);
		// the model folder does not exist: were the models loaded first, that would be the error
		assertFastFails(nan, "NaN or infinite values", "model", dir.resolve("no-model").toFile());
		assertFastFails(image("one", 32, 1, 1, 1, 1, 1), "the image (1x1) is too small: it needs at least 6x6",
				"model", dir.resolve("no-model").toFile());
	}

	@Test
	void simulateBlurRefusesASigmaBeyondFloatsAndATinyImage() {
		assertFails(SimulateBlurCommand.class, Map.of("input", image("x", 32, W, H, 1, 1, 1), "kernelSize", 5,
				"sigma", 1e40), "sigma must be in [0, 1.0E30]");
		assertFails(SimulateBlurCommand.class, Map.of("input", image("one", 32, 1, 1, 1, 1, 1), "kernelSize", 3),
				"the image (1x1) is too small");
	}

	@Test
	void aMissingFileIsNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFileCheck.check(dir
				.resolve("none.tif")));
		assertTrue(e.getMessage().startsWith("cannot read "), e.getMessage());
	}
}
