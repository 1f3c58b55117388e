package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.fde.djl.ModelStore;
import org.fde.image.Synthetic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mstep-pairs} on generated images with the shipped networks: every denoiser call of every M-step is kept
 * ({@code --keep 1}), so the count is exact, and each pair is a projected kernel with its true kernel.
 */
@Tag("model")
class MStepPairsExportTest {

	@TempDir
	Path tmp;

	@Test
	void recordsEveryDataStepKernelWithItsTrueKernel() throws Exception {
		assumeTrue(shippedModels(), "shipped networks not found");
		Path natural = Files.createDirectories(tmp.resolve("data/train/natural"));
		ImageFiles.writePng(Synthetic.shapes(130, 120, 5), 130, 120, natural.resolve("a.png"), false);
		ImageFiles.writePng(Synthetic.shapes(120, 130, 6), 120, 130, natural.resolve("b.png"), false);
		Path out = tmp.resolve("pairs");
		int runs = 3;
		int steps = 3;
		MStepPairsExport.main(new String[] { "--out", out.toString(), "--data", tmp.resolve("data").toString(), "--runs",
				String.valueOf(runs), "--steps", String.valueOf(steps), "--size", "80", "--keep", "1", "--seed", "4",
				"--padded-fraction", "0.5", "--device", "cpu" });
		NpyReader.Array in = NpyReader.read(out.resolve("inputs_33.npy"));
		NpyReader.Array target = NpyReader.read(out.resolve("targets_33.npy"));
		NpyReader.Array meta = NpyReader.read(out.resolve("meta_33.npy"));
		int n = runs * steps * 10; // 10 HQS iterations per M-step, one M-step per diffusion step
		assertArrayEquals(new int[] { n, 33, 33 }, in.shape());
		assertArrayEquals(new int[] { n, 33, 33 }, target.shape());
		assertArrayEquals(new int[] { n, 4 }, meta.shape());
		Set<Integer> stepsSeen = new HashSet<>();
		for (int i = 0; i < n; i++) {
			double sumIn = 0;
			double sumTarget = 0;
			for (int j = 0; j < 33 * 33; j++) {
				double v = in.values()[i * 33 * 33 + j];
				assertTrue(v >= 0, "the denoiser sees projected kernels");
				sumIn += v;
				sumTarget += target.values()[i * 33 * 33 + j];
			}
			assertEquals(1, sumIn, 1e-4);
			assertEquals(1, sumTarget, 1e-4);
			int run = (int) meta.values()[i * 4];
			assertEquals(i / (steps * 10), run, "pairs are in run order");
			stepsSeen.add((int) meta.values()[i * 4 + 1]);
			assertEquals(Math.sqrt(30 / 1e4), meta.values()[i * 4 + 2], 1e-6, "the default level sqrt(lambda/beta)");
		}
		assertEquals(Set.of(1, 2, 3), stepsSeen);
		assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"pairs\": " + n));
	}

	@Test
	void needsTheTrainingPhotographs() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MStepPairsExport
				.main(new String[] { "--out", tmp.resolve("o").toString(), "--data", tmp.toString() }));
		assertTrue(e.getMessage().contains("train/natural"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> MStepPairsExport
				.main(new String[] { "--out", tmp.resolve("o").toString(), "--keep", "2" }));
		assertTrue(e.getMessage().contains("--keep must be a number in [0.0, 1.0]"), e.getMessage());
	}

	private static boolean shippedModels() {
		try {
			ModelStore.standard().find(ModelStore.IMAGE_PRIOR);
			ModelStore.standard().find(ModelStore.KERNEL_PRIOR);
			return true;
		} catch (RuntimeException e) {
			return false;
		}
	}
}
