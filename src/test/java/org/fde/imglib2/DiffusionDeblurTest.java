package org.fde.imglib2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fde.TinyModels;
import org.fde.djl.DeviceChoice;
import org.fde.djl.DjlKernelPrior;
import org.fde.djl.DjlScoreModel;
import org.fde.em.EmConfig;
import org.fde.stack.Hyperstack;
import org.fde.stack.StackDeblur;
import org.fde.stack.StackRequest;
import org.fde.stack.StackRequest.Method;
import org.fde.stack.StackResult;
import org.junit.jupiter.api.Test;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** The ImgLib2 entry point: axes in and out, the same result as the engine's own path, and clear errors. */
class DiffusionDeblurTest {

	private static final int W = 48;
	private static final int H = 40;

	/** A 16-bit XYC test pattern with 2 channels (each channel different). */
	private static Img<UnsignedShortType> pattern() {
		Img<UnsignedShortType> img = ArrayImgs.unsignedShorts(W, H, 2);
		Cursor<UnsignedShortType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			int x = c.getIntPosition(0);
			int y = c.getIntPosition(1);
			int ch = c.getIntPosition(2);
			c.get().set(1000 + ((x / 6 + y / 5) % 2) * 3000 + 500 * ch + (x * 7 + y * 3) % 50);
		}
		return img;
	}

	@Test
	void hyperstackRoundTripKeepsAnyAxisOrder() {
		Img<FloatType> img = ArrayImgs.floats(5, 4, 3, 2); // XYZC
		Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(c.getIntPosition(0) + 10 * c.getIntPosition(1) + 100 * c.getIntPosition(2) + 1000
					* c.getIntPosition(3));
		}
		Hyperstack h = Hyperstacks.read(img, "XYZC");
		assertEquals(2, h.channels());
		assertEquals(3, h.slices());
		assertEquals(1, h.frames());
		assertEquals(1000 + 200 + 30 + 4, h.plane(1, 2, 0)[3 * 5 + 4]);
		Img<FloatType> back = Hyperstacks.write(h, "XYZC");
		assertArrayEquals(img.dimensionsAsLongArray(), back.dimensionsAsLongArray());
		Cursor<FloatType> a = Views.flatIterable(img).cursor();
		Cursor<FloatType> b = Views.flatIterable(back).cursor();
		while (a.hasNext()) {
			assertEquals(a.next().get(), b.next().get());
		}
		assertThrows(IllegalArgumentException.class, () -> Hyperstacks.read(img, "XYZ"));
		assertThrows(IllegalArgumentException.class, () -> Hyperstacks.read(img, "XYZZ"));
		assertThrows(IllegalArgumentException.class, () -> Hyperstacks.read(img, "ZYXC"));
	}

	@Test
	void fastEmOnAnImgLib2ImageMatchesTheEnginesOwnPath() {
		Img<UnsignedShortType> in = pattern();
		Img<UnsignedShortType> copy = in.copy();
		DiffusionDeblur.Result r = DiffusionDeblur.fastEm().kernelSize(5).steps(3).seed(4).device(DeviceChoice.CPU)
				.model(TinyModels.score()).kernelModel(TinyModels.kernelPrior()).run(in, "XYC");
		assertArrayEquals(new long[] { W, H, 2 }, r.deblurred().dimensionsAsLongArray());
		assertArrayEquals(new long[] { 5, 5 }, r.kernel().dimensionsAsLongArray(), "one kernel shared by the channels");
		assertNull(r.uncertainty());
		double sum = 0;
		for (FloatType v : r.kernel()) {
			sum += v.get();
		}
		assertEquals(1, sum, 1e-4);
		Cursor<UnsignedShortType> a = copy.cursor();
		Cursor<UnsignedShortType> b = in.cursor();
		while (a.hasNext()) {
			assertEquals(a.next().get(), b.next().get(), "the input is not modified");
		}

		// the same request through StackDeblur directly (as the Fiji commands and the command line run it)
		Hyperstack y = Hyperstacks.read(in, "XYC");
		EmConfig cfg = EmConfig.builder().kernelSize(5).steps(3).seed(4).outerIterations(1).build();
		StackRequest req = StackRequest.blind(Method.FAST_EM, cfg, 0, false, false, 0, 0, false);
		StackResult direct;
		try (DjlScoreModel m = DjlScoreModel.load(TinyModels.score(), DeviceChoice.CPU);
				DjlKernelPrior k = DjlKernelPrior.load(TinyModels.kernelPrior(), DeviceChoice.CPU)) {
			direct = StackDeblur.run(y, req, m, k, null, null);
		}
		Hyperstack got = Hyperstacks.read(r.deblurred(), "XYC");
		for (int c = 0; c < 2; c++) {
			assertArrayEquals(direct.deblurred().plane(c, 0, 0), got.plane(c, 0, 0), 1e-5f, "channel " + c);
		}
	}

	@Test
	void badSettingsFailBeforeAnyWork() {
		Img<UnsignedShortType> in = pattern();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiffusionDeblur.fastEm()
				.kernelSize(4).model(TinyModels.score()).kernelModel(TinyModels.kernelPrior()).run(in, "XYC"));
		assertTrue(e.getMessage().contains("kernel"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> DiffusionDeblur.fastEm().run(in, "XY"));
	}
}
