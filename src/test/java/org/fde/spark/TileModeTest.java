package org.fde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.fde.TinyModels;
import org.fde.imagej.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Tile mode with the tiny networks (the README's test command): the checks of {@link TileModeChecks} on a
 * 160&times;128 image in 48-pixel tiles (12 tiles over the padded 164&times;132 plane, 4 over the 64&sup2; window),
 * 5&times;5 kernels, 3 steps; and a bad input failing alone with its name.
 */
class TileModeTest extends TileModeChecks {

	@Override
	Setup setup() {
		return new Setup(List.of("--model", TinyModels.score().toString()), List.of("--kernelmodel", TinyModels
				.kernelPrior().toString(), "--kernelsize", "5"), 160, 128, 64, 96, 48, 12, 4, 3, 5);
	}

	@Test
	void aBadInputFailsAloneWithItsName() throws IOException {
		Path in = dir.resolve("in");
		image("in", "good.tif");
		byte[] junk = new byte[4000];
		new Random(1).nextBytes(junk);
		junk[0] = 'I';
		junk[1] = 'I';
		Files.write(in.resolve("broken.tif"), junk);
		save(Fixtures.image("stack", 16, 160, 128, 1, 2, 1), in.resolve("stack.tif"));
		Path out = dir.resolve("out");
		SparkDeblur.Report r = tiles(blind("--input", in, "--output", out));
		assertEquals(1, r.written(), r.toString());
		assertEquals(List.of("broken.tif", "stack.tif"), r.failures().stream().map(o -> o.target().name()).sorted()
				.toList());
		for (Outcome o : r.failures()) {
			String why = o.error();
			assertTrue(o.target().name().equals("broken.tif") ? why.contains("is damaged or truncated: not a TIFF")
					&& why.contains(in.resolve("broken.tif").toString()) : why.contains("2 slices and 1 frames"), why);
		}
		assertTrue(Files.exists(out.resolve("good.tif")));
		try (Stream<Path> files = Files.list(out)) {
			assertEquals(1, files.count(), "only the good image's output");
		}

		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkDeblur.run(sc,
				withUnit(blind("--input", in, "--output", out), "tiles")));
		assertEquals("--unit must be file (one task per image) or tile (the tiles of one image at a time), got tiles",
				e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> SparkDeblur.run(sc, withCrop(blind("--input", in,
				"--output", out), 8)));
		assertTrue(e.getMessage().startsWith("--kernel-crop must be an integer in [16, 16384], got 8"), e.getMessage());
		List<String> big = common("--input", in, "--output", out, "--kernelmodel", TinyModels.kernelPrior(),
				"--kernelsize", 9);
		e = assertThrows(IllegalArgumentException.class, () -> SparkDeblur.run(sc, withCrop(big, 16)));
		assertEquals("--kernel-crop must be at least twice the kernel size (9), got 16", e.getMessage());
	}

	static String[] withUnit(List<String> args, String unit) {
		List<String> a = new ArrayList<>(args);
		a.addAll(List.of("--unit", unit));
		return a.toArray(String[]::new);
	}
}
