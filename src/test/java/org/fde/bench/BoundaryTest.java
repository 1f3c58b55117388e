package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.fde.image.Image;
import org.fde.kernel.gen.KernelFamily;
import org.junit.jupiter.api.Test;

/** P2's valid-region blur and the mirror-padding decorator. */
class BoundaryTest {

	@Test
	void validBlurIsTheLinearConvolutionWithoutWrapAround() {
		for (int ks : new int[] { 7, 8 }) {
			ImageSource src = new ImageSource.Generated(32, 24, 3);
			KernelSource k = new KernelSource.Generated(KernelFamily.MOTION, ks, 2);
			BenchCase c = new BenchCase("v", Protocol.P2, src, k, 0, Boundary.VALID, null, ks, 1);
			CaseData d = CaseData.materialise(c);
			int before = CaseData.validOffset(ks);
			int after = ks - 1 - before;
			float[] large = src.load(before, after);
			int lw = 32 + ks - 1;
			float[] kv = k.load().values();
			int o = ks / 2; // p2o origin
			for (int y = 0; y < 24; y++) {
				for (int x = 0; x < 32; x++) {
					// y(r, c) = sum_{a,b} k(a, b) X(r + before - (a - o), c + before - (b - o)), all indices inside X
					double s = 0;
					for (int a = 0; a < ks; a++) {
						for (int b = 0; b < ks; b++) {
							int yy = y + before - (a - o);
							int xx = x + before - (b - o);
							s += kv[a * ks + b] * large[yy * lw + xx];
						}
					}
					assertEquals(s, d.observed().plane(0)[y * 32 + x], 1e-5, "ks " + ks + " at " + x + "," + y);
					assertEquals(large[(y + before) * lw + x + before], d.sharp().plane(0)[y * 32 + x], 0);
				}
			}
		}
	}

	@Test
	void mirrorPaddingRoundTrips() {
		float[] v = new float[5 * 4];
		for (int i = 0; i < v.length; i++) {
			v[i] = i;
		}
		Image img = Image.gray(5, 4, v);
		org.fde.image.PadFrame f = new org.fde.image.PadFrame(5, 4, 3, 2, 13, 9);
		Image p = f.pad(img);
		assertArrayEquals(v, f.crop(p).plane(0));
		// whole-sample symmetric: column -1 is column 1, row -2 is row 2
		assertEquals(img.get(0, 1, 0), p.get(0, 2, 2));
		assertEquals(img.get(0, 0, 2), p.get(0, 3, 0));
		assertEquals(img.get(0, 4, 3), p.get(0, 3 + 4, 2 + 3));
		assertEquals(img.get(0, 3, 0), p.get(0, 3 + 5, 2)); // column 5 of a 5-wide row mirrors column 3
	}

	@Test
	void paddedMethodSeesAPeriodicMultipleAndReturnsTheOriginalSize() throws Exception {
		int[] seen = new int[3];
		Method probe = new Method() {
			@Override
			public String name() {
				return "probe";
			}

			@Override
			public boolean blind() {
				return false;
			}

			@Override
			public int sizeMultiple() {
				return 24;
			}

			@Override
			public MethodResult run(Problem p) {
				seen[0] = p.observed().width();
				seen[1] = p.observed().height();
				seen[2] = p.periodic() ? 1 : 0;
				return new MethodResult(p.observed(), null, 0, 0, 0, p.observed(), List.of());
			}
		};
		Image y = Image.gray(30, 20, new float[600]);
		Problem p = new Problem(y, 0.01, 9, new float[49], 7, 1, false, null);
		MethodResult r = new PaddedMethod(probe).run(p);
		assertEquals(96, seen[0]); // 30 + 2*9 = 48 -> the next multiple of lcm(24, 32) = 96
		assertEquals(96, seen[1]); // 20 + 18 = 38 -> 96
		assertEquals(1, seen[2]);
		assertEquals(30, r.image().width());
		assertEquals(20, r.particleMean().height());
		// periodic problems pass through unchanged
		new PaddedMethod(probe).run(new Problem(y, 0.01, 9, new float[49], 7, 1, true, null));
		assertEquals(30, seen[0]);
	}

	@Test
	void diffusionMethodsGetThePluginsFrameAndClassicalOnesTheWholeWindow() {
		Image y = Image.gray(255, 250, new float[255 * 250]);
		Problem p = new Problem(y, 0.01, 33, new float[27 * 27], 27, 1, false, null);
		Method nb = new DiffusionMethod(DiffusionMethod.Kind.NON_BLIND, org.fde.guidance.GuidanceKind.PIGDM, 1, 4, 1,
				new AnalyticModels());
		// missing-data padding: half the larger window (16) on each side, centred, as StackDeblur pads
		assertEquals(org.fde.image.PadFrame.around(255, 250, 16, 32), PaddedMethod.frameFor(nb, p));
		org.fde.image.PadFrame f = PaddedMethod.frameFor(nb, p);
		assertEquals(288, f.paddedWidth()); // 255 + 32 = 287 -> 288
		assertEquals(288, f.paddedHeight());
		// a classical method: the whole window (33) left and top, rounded up right and bottom
		Method wiener = new ClassicalMethod(ClassicalMethod.Kind.WIENER);
		org.fde.image.PadFrame g = PaddedMethod.frameFor(wiener, p);
		assertEquals(33, g.left());
		assertEquals(352, g.paddedWidth()); // 255 + 66 = 321 -> 352
	}
}
