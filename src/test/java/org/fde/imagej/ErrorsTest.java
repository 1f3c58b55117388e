package org.fde.imagej;

import static org.fde.imagej.Fixtures.H;
import static org.fde.imagej.Fixtures.W;
import static org.fde.imagej.Fixtures.fastArgs;
import static org.fde.imagej.Fixtures.image;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.fde.TinyModels;
import org.fde.djl.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.Command;

import ij.ImagePlus;
import ij.process.FloatProcessor;

/** Every invalid input fails with an exception whose message names the problem (so that macros stop). */
class ErrorsTest extends SciJavaContextTest {

	static void assertFails(Class<? extends Command> cmd, Map<String, Object> args, String expected) {
		ExecutionException e = assertThrows(ExecutionException.class, () -> Fixtures.run(context, cmd, args));
		String msg = Fixtures.errorMessage(e);
		assertTrue(msg != null && msg.contains(expected), "expected a message containing '" + expected + "', got: "
				+ msg);
	}

	static void assertFastFails(ImagePlus imp, String expected, Object... more) {
		assertFails(FastDiffusionEmCommand.class, fastArgs(imp, more), expected);
	}

	static ImagePlus gray() {
		return image("cells", 8, W, H, 1, 1, 1);
	}

	@Test
	void emptyImage() {
		assertFastFails(new ImagePlus(), "is empty");
	}

	@Test
	void imageSmallerThanTwiceTheKernel() {
		assertFastFails(image("tiny", 8, 9, 30, 1, 1, 1), "at least twice the kernel size");
		assertFails(SimulateBlurCommand.class, Map.of("input", image("tiny", 8, 9, 30, 1, 1, 1), "kernelSize", 5),
				"at least twice the kernel size");
	}

	@Test
	void evenOrOutOfRangeKernelSize() {
		assertFastFails(gray(), "kernelsize must be odd and in [3, 129], got 4", "kernelSize", 4);
		assertFastFails(gray(), "kernelsize must be odd and in [3, 129], got 1", "kernelSize", 1);
		assertFastFails(gray(), "kernelsize must be odd and in [3, 129], got 131", "kernelSize", 131);
		assertFails(SimulateBlurCommand.class, Map.of("input", gray(), "kernelSize", 6), "kernelsize must be odd");
	}

	@Test
	void negativeOrNanSigma() {
		assertFastFails(gray(), "sigma must be >= 0", "sigma", -1.0);
		assertFastFails(gray(), "sigma must be >= 0", "sigma", Double.NaN);
		assertFails(SimulateBlurCommand.class, Map.of("input", gray(), "kernelSize", 5, "sigma", -2.0),
				"sigma must be >= 0");
	}

	@Test
	void sigmaLargerThanTheIntensityRange() {
		assertFastFails(gray(), "must be smaller than the intensity range", "sigma", 1000.0);
	}

	@Test
	void nanOrInfinitePixels() {
		ImagePlus nan = image("nan", 32, W, H, 1, 1, 1);
		((FloatProcessor) nan.getProcessor()).setf(3, 4, Float.NaN);
		assertFastFails(nan, "NaN or infinite values: pixel (x=3, y=4)");
		ImagePlus inf = image("inf", 32, W, H, 1, 2, 1);
		((float[]) inf.getStack().getPixels(2))[0] = Float.POSITIVE_INFINITY;
		assertFastFails(inf, "slice 2");
		assertFails(SimulateBlurCommand.class, Map.of("input", inf, "kernelSize", 5), "NaN or infinite");
	}

	/**
	 * ImageJ 1.54 reports an 8-bit image with a colour LUT as GRAY8 (its values are read as they are); COLOR_256
	 * (indexed colour, from some file formats) is refused. Such an image is simulated by overriding getType().
	 */
	@Test
	void unsupportedIndexedColourImage() {
		ImagePlus imp = new ImagePlus("indexed", Fixtures.processor(8, W, H, 1)) {
			@Override
			public int getType() {
				return ImagePlus.COLOR_256;
			}
		};
		assertFastFails(imp, "indexed-colour");
	}

	@Test
	void missingOrInvalidModels(@TempDir Path tmp) throws Exception {
		assertFastFails(gray(), "does not exist", "model", tmp.resolve("nope").toFile());
		assertFastFails(gray(), "invalid model", "model", tmp.toFile()); // no card.json
		assertFastFails(gray(), "invalid model", "model", TinyModels.kernelPrior().toFile()); // wrong role
		assertFastFails(gray(), "invalid model", "kernelModel", TinyModels.score().toFile());
		Path broken = Files.createDirectories(tmp.resolve("broken"));
		Files.copy(TinyModels.score().resolve("card.json"), broken.resolve("card.json"));
		Files.writeString(broken.resolve("model.pt"), "not a TorchScript file");
		assertFastFails(gray(), "invalid model", "model", broken.toFile());
		// empty = the shipped model; with an empty models root it is reported as not found
		String before = System.getProperty(ModelStore.PROPERTY);
		System.setProperty(ModelStore.PROPERTY, tmp.toString());
		try {
			assertFastFails(gray(), "not found", "model", "");
		} finally {
			if (before == null) {
				System.clearProperty(ModelStore.PROPERTY);
			} else {
				System.setProperty(ModelStore.PROPERTY, before);
			}
		}
	}

	@Test
	void otherParameterRanges() {
		assertFastFails(gray(), "steps must be in [2, 1000], got 1", "steps", 1);
		assertFastFails(gray(), "particles must be in [1, 64], got 0", "particles", 0);
		assertFastFails(gray(), "uncertainty needs particles >= 2", "uncertainty", true);
		assertFastFails(gray(), "guidance must be one of [PiGDM, DPS]", "guidance", "nope");
		assertFastFails(gray(), "device must be one of", "device", "tpu");
		assertFastFails(gray(), "threads must be in [0, 256]", "threads", -1);
		assertFastFails(gray(), "ensemble must be in [1, 2], got 3", "ensemble", 3);
		assertFastFails(gray(), "kernelscope must be one of", "kernelScope", "frame");
		assertFastFails(gray(), "lambda must be >= 0", "lambda", -0.5);
		assertFails(DiffusionEmCommand.class, fastArgs(gray(), "outerIterations", 0), "outeriterations must be in");
		assertFails(SimulateBlurCommand.class, Map.of("input", gray(), "kernelSize", 5, "family", "box"),
				"family must be one of");
	}

	@Test
	void badPsf() {
		Map<String, Object> args = Fixtures.nonBlindArgs(gray());
		args.put("psf", image("psf", 32, 5, 5, 1, 3, 1));
		assertFails(DiffusionDeconvolutionCommand.class, args, "single plane");
		args.put("psf", image("psf", 32, 5, 5, 2, 1, 1));
		assertFails(DiffusionDeconvolutionCommand.class, args, "channels");
		args.put("psf", new ImagePlus("zero", new FloatProcessor(5, 5)));
		assertFails(DiffusionDeconvolutionCommand.class, args, "no positive value");
		FloatProcessor big = new FloatProcessor(31, 31);
		big.setf(15, 15, 1);
		args.put("psf", new ImagePlus("big", big));
		assertFails(DiffusionDeconvolutionCommand.class, args, "at least twice the kernel size");
	}
}
