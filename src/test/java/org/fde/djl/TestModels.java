package org.fde.djl;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The Python reference data of the tiny TorchScript fixtures (made by models/training/make_tiny_score_net.py; their
 * folders: {@link org.fde.TinyModels}).
 */
final class TestModels {

	private TestModels() {
	}

	/** The reference.json of a fixture folder. */
	static JsonObject reference(Path dir) {
		try (Reader r = Files.newBufferedReader(dir.resolve("reference.json"), StandardCharsets.UTF_8)) {
			return JsonParser.parseReader(r).getAsJsonObject();
		} catch (IOException e) {
			throw new IllegalStateException("cannot read " + dir.resolve("reference.json"), e);
		}
	}

	/** x[i, ch, y, x] = 0.9 sin(0.31 y + 0.17 x + 1.3 ch + 0.7 i), as in make_tiny_score_net.py. */
	static float[] referenceImage(int n, int c, int h, int w) {
		float[] x = new float[n * c * h * w];
		int k = 0;
		for (int i = 0; i < n; i++) {
			for (int ch = 0; ch < c; ch++) {
				for (int y = 0; y < h; y++) {
					for (int xx = 0; xx < w; xx++) {
						x[k++] = (float) (0.9 * Math.sin(0.31 * y + 0.17 * xx + 1.3 * ch + 0.7 * i));
					}
				}
			}
		}
		return x;
	}

	/** v[k] = cos(0.13 k), as in make_tiny_score_net.py. */
	static float[] referenceVector(int size) {
		float[] v = new float[size];
		for (int k = 0; k < size; k++) {
			v[k] = (float) Math.cos(0.13 * k);
		}
		return v;
	}

	/** Checks an array against a reference summary (sum, sum_abs, sum_sq, weighted_sum, first). */
	static void assertMatchesSummary(JsonObject ref, float[] a, double rel, String what) {
		double sum = 0;
		double sumSq = 0;
		double weighted = 0;
		for (int k = 0; k < a.length; k++) {
			sum += a[k];
			sumSq += (double) a[k] * a[k];
			weighted += a[k] * Math.sin(0.05 * k + 0.1);
		}
		double scale = ref.get("sum_abs").getAsDouble();
		check(what + " sum", sum, ref.get("sum").getAsDouble(), rel * scale);
		check(what + " weighted_sum", weighted, ref.get("weighted_sum").getAsDouble(), rel * scale);
		double refSq = ref.get("sum_sq").getAsDouble();
		check(what + " sum_sq", sumSq, refSq, rel * refSq);
		for (int k = 0; k < 4; k++) {
			double r = ref.getAsJsonArray("first").get(k).getAsDouble();
			check(what + " [" + k + "]", a[k], r, rel * Math.max(1.0, Math.abs(r)));
		}
	}

	private static void check(String what, double got, double expected, double tol) {
		if (!(Math.abs(got - expected) <= tol)) {
			throw new AssertionError(what + ": got " + got + ", Python reference " + expected + " (tolerance " + tol
					+ ")");
		}
	}

}
