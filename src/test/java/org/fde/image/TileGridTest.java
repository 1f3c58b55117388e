package org.fde.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Tile geometry and blending weights: a partition of unity, so that crop-then-blend is the identity. */
class TileGridTest {

	static final int[][] CASES = { { 96, 80, 48, 6 }, { 100, 84, 48, 12 }, { 300, 64, 256, 32 }, { 497, 311, 128, 40 },
			{ 1056, 1056, 384, 48 }, { 70, 300, 64, 31 } };

	@Test
	void tilesCoverTheImageAndOverlapByAtLeastTheOverlap() {
		for (int[] c : CASES) {
			TileGrid g = TileGrid.of(c[0], c[1], c[2], c[3]);
			String name = g.toString();
			assertEquals(Math.min(c[2], c[0]), g.tileWidth(), name);
			assertEquals(Math.min(c[2], c[1]), g.tileHeight(), name);
			int[] cover = new int[c[0] * c[1]];
			for (int j = 0; j < g.count(); j++) {
				assertTrue(g.x(j) >= 0 && g.x(j) + g.tileWidth() <= c[0], name);
				assertTrue(g.y(j) >= 0 && g.y(j) + g.tileHeight() <= c[1], name);
				for (int y = 0; y < g.tileHeight(); y++) {
					for (int x = 0; x < g.tileWidth(); x++) {
						cover[(g.y(j) + y) * c[0] + g.x(j) + x]++;
					}
				}
				if (j % g.columns() > 0) {
					assertTrue(g.x(j - 1) + g.tileWidth() - g.x(j) >= c[3], name + ": column overlap");
				}
				if (j >= g.columns()) {
					assertTrue(g.y(j - g.columns()) + g.tileHeight() - g.y(j) >= c[3], name + ": row overlap");
				}
			}
			for (int v : cover) {
				assertTrue(v >= 1, name + ": pixel not covered");
			}
		}
	}

	@Test
	void weightsSumToOneAndAreSmooth() {
		for (int[] c : CASES) {
			TileGrid g = TileGrid.of(c[0], c[1], c[2], c[3]);
			float[] ones = new float[g.tileSize()];
			Arrays.fill(ones, 1f);
			float[] sum = new float[c[0] * c[1]];
			for (int j = 0; j < g.count(); j++) {
				g.blend(ones, 0, j, sum, 0);
				for (float w : g.weights(j)) {
					assertTrue(w > 0 && w <= 1 + 1e-6, g + ": weight " + w);
				}
			}
			for (float s : sum) {
				assertEquals(1.0, s, 1e-5, g.toString());
			}
			// raised-cosine ramps: a tile's weights change by at most ~pi/(2 overlap) per pixel
			for (int j = 0; j < g.count(); j++) {
				float[] w = g.weights(j);
				double maxStep = 0;
				for (int y = 0; y < g.tileHeight(); y++) {
					for (int x = 1; x < g.tileWidth(); x++) {
						maxStep = Math.max(maxStep, Math.abs(w[y * g.tileWidth() + x] - w[y * g.tileWidth() + x - 1]));
					}
				}
				assertTrue(maxStep <= Math.PI / (2.0 * c[3]) + 1e-6, g + ": weight step " + maxStep);
			}
		}
	}

	@Test
	void cropThenBlendIsTheIdentity() {
		for (int[] c : CASES) {
			TileGrid g = TileGrid.of(c[0], c[1], c[2], c[3]);
			float[] constant = new float[c[0] * c[1]];
			Arrays.fill(constant, 0.37f);
			float[] ramp = new float[c[0] * c[1]];
			for (int i = 0; i < ramp.length; i++) {
				ramp[i] = (float) Math.sin(i * 0.013) + (i % c[0]) * 0.001f;
			}
			for (float[] plane : List.of(constant, ramp)) {
				Image img = new Image(c[0], c[1], new float[][] { plane, plane.clone() });
				Image back = g.blend(g.crop(img));
				for (int ch = 0; ch < 2; ch++) {
					assertArrayEquals(plane, back.plane(ch), 2e-6f, g.toString());
				}
			}
		}
	}

	@Test
	void singleTileIsTheWholeImageWithWeightOne() {
		TileGrid g = TileGrid.single(96, 80);
		assertTrue(g.isSingle());
		assertEquals(1, g.count());
		for (float w : g.weights(0)) {
			assertEquals(1f, w);
		}
		assertTrue(TileGrid.of(96, 80, 96, 10).isSingle());
		assertTrue(!TileGrid.of(96, 80, 80, 10).isSingle());
	}

	@Test
	void invalidGeometryIsRejected() {
		assertThrows(IllegalArgumentException.class, () -> TileGrid.of(96, 80, 48, 48));
		assertThrows(IllegalArgumentException.class, () -> TileGrid.of(96, 80, 0, 0));
		assertThrows(IllegalArgumentException.class, () -> TileGrid.of(96, 80, 48, -1));
	}

	@Test
	void cheapestTileSizeMinimisesTheTiledArea() {
		// 1024^2 padded by 16 per side: 3x3 tiles of 384 (1.33 Mpx) beat 5x5 of 256 (1.64 Mpx)
		assertEquals(384, TileGrid.cheapestTileSize(1056, 1056, 33, 8, 256, 512));
		for (int size : new int[] { 600, 800, 1056, 2080 }) {
			int t = TileGrid.cheapestTileSize(size, size, 33, 8, 256, 512);
			assertTrue(t >= 256 && t <= 512 && t % 8 == 0, size + " -> " + t);
			TileGrid g = TileGrid.of(size, size, t, TileGrid.defaultOverlap(t, 33));
			double waste = (double) g.count() * g.tileSize() / ((double) size * size);
			assertTrue(waste < 1.45, size + ": tiles cover " + waste + " x the image");
		}
	}
}
