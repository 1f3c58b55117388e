package org.fde.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.fde.image.BatchShape;
import org.fde.score.ScoreModel.TrackedEpsilon;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shipped networks, where present ({@link ModelStore#standard()}: {@code -Dfde.models=...} or
 * {@code ./models}). Skipped (assumption) on a checkout without exported models.
 */
@Tag("model")
class ShippedModelsTest {

	@Test
	void imagePriorLoadsAndRuns() {
		Path dir = locate(ModelStore.IMAGE_PRIOR);
		try (DjlScoreModel model = DjlScoreModel.load(dir, DeviceChoice.AUTO)) {
			int m = model.spec().sizeMultiple();
			int side = m * Math.max(1, 32 / m);
			BatchShape shape = new BatchShape(1, model.spec().channels(), side, side);
			float[] x = new float[shape.size()];
			float[] v = new float[shape.size()];
			for (int i = 0; i < x.length; i++) {
				x[i] = (float) Math.sin(0.1 * i);
				v[i] = (float) Math.cos(0.3 * i);
			}
			long t0 = System.nanoTime();
			float[] eps = model.epsilon(x, shape, 250);
			long t1 = System.nanoTime();
			float[] g;
			try (TrackedEpsilon te = model.epsilonTracked(x, shape, 250)) {
				g = te.vjp(v);
			}
			long t2 = System.nanoTime();
			assertEquals(shape.size(), eps.length);
			for (int i = 0; i < eps.length; i++) {
				assertTrue(Float.isFinite(eps[i]) && Float.isFinite(g[i]), "non-finite value at " + i);
			}
			System.out.printf(Locale.ROOT, "%s %s: forward %.1f ms, forward+VJP %.1f ms%n", model, shape,
					(t1 - t0) / 1e6, (t2 - t1) / 1e6);
		}
	}

	@Test
	void kernelPriorLoadsAndRuns() {
		Path dir = locate(ModelStore.KERNEL_PRIOR);
		try (DjlKernelPrior prior = DjlKernelPrior.load(dir, DeviceChoice.AUTO)) {
			int s = prior.card().kernelSizes().get(0);
			float[] k = new float[s * s];
			k[(s / 2) * s + s / 2] = 1;
			assertEquals(s * s, prior.denoise(k, s, prior.card().levelMin(), 1, 1).length);
		}
	}

	private static Path locate(String name) {
		ModelStore store = ModelStore.standard();
		Path found = null;
		for (Path root : store.roots()) {
			if (Files.isRegularFile(root.resolve(name).resolve(ModelCard.CARD_FILE))) {
				found = root.resolve(name);
				break;
			}
		}
		assumeTrue(found != null, "no shipped " + name + " in " + store.roots());
		return found;
	}
}
