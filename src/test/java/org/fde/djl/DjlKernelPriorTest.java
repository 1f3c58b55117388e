package org.fde.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.fde.TinyModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The TorchScript kernel prior through DJL, on the tiny seeded test network. */
class DjlKernelPriorTest {

	private static DjlKernelPrior prior;

	@BeforeAll
	static void load() {
		prior = DjlKernelPrior.load(TinyModels.kernelPrior(), DeviceChoice.CPU);
	}

	@AfterAll
	static void close() {
		prior.close();
	}

	@Test
	void loadsCard() {
		assertEquals("pnp", prior.name());
		assertEquals("cpu()", prior.device());
		assertEquals(List.of(33, 64), prior.card().kernelSizes());
		assertEquals(0.0, prior.card().levelMin(), 0);
		assertEquals(0.5, prior.card().levelMax(), 0);
	}

	@Test
	void denoiseHasTheRightShapeAndMatchesPythonReference() {
		JsonObject ref = TestModels.reference(TinyModels.kernelPrior());
		for (JsonElement e : ref.getAsJsonArray("cases")) {
			JsonObject c = e.getAsJsonObject();
			int size = c.get("size").getAsInt();
			float[] k = gaussian(size, c.get("sigma").getAsDouble());
			float[] copy = k.clone();
			float[] out = prior.denoise(k, size, c.get("level").getAsDouble(), 1.0, 1.0);
			assertEquals(size * size, out.length);
			assertArrayEquals(copy, k, 0f, "input kernel modified");
			TestModels.assertMatchesSummary(c.getAsJsonObject("output"), out, 1e-4, "kernel prior, size " + size);
		}
	}

	@Test
	void worksAtOtherSizesAndDoesNotLeak() {
		float[] k = gaussian(21, 2);
		prior.denoise(k, 21, 0.1, 1, 1);
		int before = prior.managedArrayCount();
		for (int i = 0; i < 50; i++) {
			assertEquals(21 * 21, prior.denoise(k, 21, 0.01 * i, 1, 1).length);
		}
		assertEquals(before, prior.managedArrayCount());
	}

	@Test
	void rejectsBadArguments() {
		assertThrows(IllegalArgumentException.class, () -> prior.denoise(new float[10], 3, 0.1, 1, 1));
		assertThrows(IllegalArgumentException.class, () -> prior.denoise(new float[9], 3, -0.1, 1, 1));
		assertThrows(IllegalArgumentException.class, () -> prior.denoise(new float[9], 3, Double.NaN, 1, 1));
	}

	/** Normalised isotropic Gaussian centred at (size-1)/2, as in make_tiny_score_net.py. */
	private static float[] gaussian(int size, double sigma) {
		double[] g = new double[size * size];
		double sum = 0;
		double c = (size - 1) / 2.0;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double v = Math.exp(-((y - c) * (y - c) + (x - c) * (x - c)) / (2 * sigma * sigma));
				g[y * size + x] = v;
				sum += v;
			}
		}
		float[] k = new float[g.length];
		for (int i = 0; i < g.length; i++) {
			k[i] = (float) (g[i] / sum);
		}
		return k;
	}
}
