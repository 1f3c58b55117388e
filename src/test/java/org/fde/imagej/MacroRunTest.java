package org.fde.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.fde.TinyModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.macro.Interpreter;

/**
 * Runs the shipped macros (macros/*.ijm) in ImageJ 1's macro interpreter, headless, with the commands bridged into
 * IJ1's command table by {@link LegacyBridge} (Fiji's legacy layer is not available here). The bridge forces the
 * tiny test networks and few steps; everything else (option keys, titles, image selection, saving) is the macros'.
 */
public class MacroRunTest extends SciJavaContextTest {

	private static final Path MACROS = Path.of("macros");
	private static final List<String> records = new ArrayList<>();
	@BeforeAll
	static void installBridge() throws Exception {
		LegacyBridge.install(context);
		LegacyBridge.overrides.put("model", TinyModels.score().toFile());
		LegacyBridge.overrides.put("kernelmodel", TinyModels.kernelPrior().toFile());
		LegacyBridge.overrides.put("steps", 3);
		LegacyBridge.overrides.put("threads", 1);
		LegacyBridge.overrides.put("device", "cpu");
		LegacyBridge.overrides.put("kernelsize", 5);
	}

	@AfterAll
	static void clearOverrides() {
		LegacyBridge.overrides.clear();
	}

	@BeforeEach
	void clear() {
		records.clear();
		LegacyBridge.calls.clear();
	}

	/** Called from the macros through call("org.fde.imagej.MacroRunTest.record", text). */
	public static String record(String text) {
		records.add(text);
		return "";
	}

	static String macro(String file) throws IOException {
		return Files.readString(MACROS.resolve(file));
	}

	static void run(String code, String argument) {
		new Interpreter().run(code, argument);
	}

	/** Every run("<our command>", "...") literal in the macro files uses pinned keys only. */
	@Test
	void literalOptionKeysArePinned() throws IOException {
		Pattern call = Pattern.compile("run\\(\"([^\"]+)\",\\s*\"([^\"]*)\"");
		Pattern key = Pattern.compile("(?:^|\\s)([a-z]+)=");
		try (var files = Files.list(MACROS)) {
			for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".ijm"))::iterator) {
				Matcher m = call.matcher(Files.readString(f));
				while (m.find()) {
					var cls = LegacyBridge.COMMANDS.get(m.group(1));
					if (cls == null) {
						continue;
					}
					Matcher k = key.matcher(m.group(2));
					while (k.find()) {
						assertTrue(MacroKeysTest.KEYS.get(cls).contains(k.group(1)), f + ": unknown key " + k.group(1));
					}
				}
			}
		}
	}

	@Test
	void deblurActiveImage() throws IOException {
		String code = "setBatchMode(true);\nnewImage('cells.tif', '8-bit ramp', 48, 40, 1);\n"
				+ "setColor(250);\nfillOval(10, 8, 20, 16);\n" + macro("deblur_active_image.ijm")
				+ "\ncall('org.fde.imagej.MacroRunTest.record', getTitle() + '|' + bitDepth() + '|' + nImages);\n";
		run(code, "");
		assertEquals(List.of("cells-deblurred|32|3"), records, "the deblurred image must be active afterwards");
		String options = LegacyBridge.calls.get("Fast Diffusion EM").get(0);
		for (String k : MacroKeysTest.KEYS.get(FastDiffusionEmCommand.class)) {
			assertTrue(k.equals("input") || options.contains(k + "="), "the macro must give every key: " + k);
		}
	}

	@Test
	void batchFolderHeadless(@TempDir Path tmp) throws IOException {
		Path in = Files.createDirectories(tmp.resolve("in"));
		Path out = tmp.resolve("out");
		for (int i = 0; i < 2; i++) {
			ImagePlus imp = Fixtures.image("img" + i, 16, 48, 40, 1, 1, 1);
			IJ.saveAsTiff(imp, in.resolve("img" + i + ".tif").toString());
		}
		Files.writeString(in.resolve("notes.txt"), "not an image");
		run(macro("batch_folder_headless.ijm"), "input=" + in + " output=" + out);
		for (int i = 0; i < 2; i++) {
			ImagePlus d = IJ.openImage(out.resolve("img" + i + "-deblurred.tif").toString());
			assertEquals(48, d.getWidth());
			assertEquals(ImagePlus.GRAY32, d.getType());
			assertEquals(0.25, d.getCalibration().pixelWidth, 1e-9, "calibration kept through the saved file");
			ImagePlus k = IJ.openImage(out.resolve("img" + i + "-kernel.tif").toString());
			assertEquals(5, k.getWidth());
		}
		assertEquals(2, LegacyBridge.calls.get("Fast Diffusion EM").size());
	}

	@Test
	void simulateDeblurCompare() throws IOException {
		String code = macro("simulate_deblur_compare.ijm").replace("256, 256", "64, 64")
				+ "\ncall('org.fde.imagej.MacroRunTest.record', '' + psnrBlurred + '|' + psnrDeblurred);\n";
		run(code, "");
		assertEquals(1, records.size(), "the macro ran to its end");
		String[] v = records.get(0).split("\\|");
		double blurred = Double.parseDouble(v[0]);
		double deblurred = Double.parseDouble(v[1]);
		assertTrue(Double.isFinite(blurred) && blurred > 10, "PSNR of the blurred image: " + blurred);
		assertTrue(Double.isFinite(deblurred), "PSNR of the deblurred image: " + deblurred);
		assertEquals(1, LegacyBridge.calls.get("Simulate Blur").size());
	}

	/** An invalid value stops the macro: the statements after run(...) are not executed. */
	@Test
	void anErrorAbortsTheMacro() {
		String code = "setBatchMode(true);\nnewImage('cells', '8-bit ramp', 48, 40, 1);\n"
				+ "run('Fast Diffusion EM', 'kernelsize=4 steps=100');\n"
				+ "call('org.fde.imagej.MacroRunTest.record', 'after');\n";
		LegacyBridge.overrides.remove("kernelsize");
		try {
			run(code, "");
		} finally {
			LegacyBridge.overrides.put("kernelsize", 5);
		}
		assertFalse(records.contains("after"), "the macro must stop at the failing command");
		assertEquals(1, LegacyBridge.calls.get("Fast Diffusion EM").size());
	}

	static String lower(String s) {
		return s.toLowerCase(Locale.ROOT);
	}
}
