package org.fde.imagej;

import static org.fde.imagej.Fixtures.H;
import static org.fde.imagej.Fixtures.KS;
import static org.fde.imagej.Fixtures.W;
import static org.fde.imagej.Fixtures.fastArgs;
import static org.fde.imagej.Fixtures.image;
import static org.fde.imagej.Fixtures.nonBlindArgs;
import static org.fde.imagej.Fixtures.run;
import static org.fde.imagej.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scijava.command.CommandModule;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.event.EventSubscriber;
import org.scijava.task.Task;
import org.scijava.task.event.TaskEvent;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

/**
 * Headless runs of the four commands through {@link org.scijava.command.CommandService} with the tiny test
 * networks: output types, dimensions, calibration, titles, and an untouched input.
 */
class CommandsTest extends SciJavaContextTest {

	/** A 32-bit output with the input's calibration and the given title and C/Z/T. */
	static void assertOutput(ImagePlus out, ImagePlus in, String title, int w, int h, int c, int z, int t) {
		assertNotNull(out, title);
		assertEquals(title, out.getTitle());
		assertEquals(ImagePlus.GRAY32, out.getType(), title + " must be 32-bit");
		assertEquals(w, out.getWidth(), title);
		assertEquals(h, out.getHeight(), title);
		assertEquals(c, out.getNChannels(), title + " channels");
		assertEquals(z, out.getNSlices(), title + " slices");
		assertEquals(t, out.getNFrames(), title + " frames");
		Calibration a = in.getCalibration();
		Calibration b = out.getCalibration();
		assertEquals(a.pixelWidth, b.pixelWidth, 0, title + " pixelWidth");
		assertEquals(a.pixelHeight, b.pixelHeight, 0, title + " pixelHeight");
		assertEquals(a.pixelDepth, b.pixelDepth, 0, title + " pixelDepth");
		assertEquals(a.frameInterval, b.frameInterval, 0, title + " frameInterval");
		assertEquals(a.getUnit(), b.getUnit(), title + " unit");
		for (int i = 1; i <= out.getStackSize(); i++) {
			for (float v : (float[]) out.getStack().getPixels(i)) {
				assertTrue(Float.isFinite(v), title + " has a non-finite value");
			}
		}
	}

	static void assertUntouched(List<Object> before, ImagePlus in) {
		List<Object> after = snapshot(in);
		assertEquals(before.size(), after.size());
		for (int i = 0; i < before.size(); i++) {
			Object a = before.get(i);
			Object b = after.get(i);
			if (a instanceof byte[] x) {
				assertArrayEquals(x, (byte[]) b, "input plane " + i + " was modified");
			} else if (a instanceof short[] x) {
				assertArrayEquals(x, (short[]) b, "input plane " + i + " was modified");
			} else if (a instanceof float[] x) {
				assertArrayEquals(x, (float[]) b, "input plane " + i + " was modified");
			} else {
				assertArrayEquals((int[]) a, (int[]) b, "input plane " + i + " was modified");
			}
		}
	}

	static void assertKernels(ImagePlus k) {
		for (int i = 1; i <= k.getStackSize(); i++) {
			double s = 0;
			for (float v : (float[]) k.getStack().getPixels(i)) {
				assertTrue(v >= 0, "kernel values must be >= 0");
				s += v;
			}
			assertEquals(1, s, 1e-3, "kernel " + i + " must sum to 1");
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 8, 16, 32 })
	void fastEmOnGrayImages(int bits) throws Exception {
		ImagePlus in = image("cells.tif", bits, W, H, 1, 1, 1);
		List<Object> before = snapshot(in);
		CommandModule m = run(context, FastDiffusionEmCommand.class, fastArgs(in));
		assertFalse(m.isCanceled(), m.getCancelReason());
		ImagePlus out = (ImagePlus) m.getOutput("deblurred");
		assertOutput(out, in, "cells-deblurred", W, H, 1, 1, 1);
		ImagePlus k = (ImagePlus) m.getOutput("kernel");
		assertOutput(k, in, "cells-kernel", KS, KS, 1, 1, 1);
		assertKernels(k);
		assertNull(m.getOutput("uncertaintyMap"));
		assertUntouched(before, in);
		// back on the input's intensity scale: the output mean lies within the input's range
		double mean = out.getStatistics().mean;
		double min = in.getStatistics().min;
		double max = in.getStatistics().max;
		assertTrue(mean > min && mean < max, "output mean " + mean + " outside the input range [" + min + ", "
				+ max + "]");
	}

	@Test
	void fastEmOnRgb() throws Exception {
		ImagePlus in = image("photo.png", 24, W, H, 1, 1, 1);
		List<Object> before = snapshot(in);
		CommandModule m = run(context, FastDiffusionEmCommand.class, fastArgs(in));
		ImagePlus out = (ImagePlus) m.getOutput("deblurred");
		assertOutput(out, in, "photo-deblurred", W, H, 3, 1, 1);
		assertTrue(out instanceof CompositeImage, "RGB becomes a 3-channel composite");
		assertOutput((ImagePlus) m.getOutput("kernel"), in, "photo-kernel", KS, KS, 1, 1, 1);
		assertUntouched(before, in);
	}

	@Test
	void hyperstackOneKernelPerPlaneAndChannel() throws Exception {
		ImagePlus in = image("series", 16, W, H, 2, 2, 2);
		List<Object> before = snapshot(in);
		CommandModule m = run(context, FastDiffusionEmCommand.class, fastArgs(in, "kernelScope", "plane",
				"channelKernels", "separate", "steps", 3));
		assertOutput((ImagePlus) m.getOutput("deblurred"), in, "series-deblurred", W, H, 2, 2, 2);
		ImagePlus k = (ImagePlus) m.getOutput("kernel");
		assertOutput(k, in, "series-kernel", KS, KS, 2, 2, 2);
		assertKernels(k);
		assertUntouched(before, in);
	}

	@Test
	void hyperstackOneKernelForTheStackWithUncertainty() throws Exception {
		ImagePlus in = image("series.tif", 32, W, H, 2, 3, 1);
		in.setPosition(1, 2, 1); // the reference plane: slice 2
		List<Object> before = snapshot(in);
		CommandModule m = run(context, FastDiffusionEmCommand.class, fastArgs(in, "kernelScope", "stack",
				"channelKernels", "shared", "particles", 2, "uncertainty", true, "steps", 3));
		assertOutput((ImagePlus) m.getOutput("deblurred"), in, "series-deblurred", W, H, 2, 3, 1);
		assertOutput((ImagePlus) m.getOutput("kernel"), in, "series-kernel", KS, KS, 1, 1, 1);
		ImagePlus u = (ImagePlus) m.getOutput("uncertaintyMap");
		assertOutput(u, in, "series-uncertainty", W, H, 2, 3, 1);
		assertTrue(u.getStatistics().min >= 0, "standard deviations are >= 0");
		assertUntouched(before, in);
	}

	@Test
	void rotationEnsembleRunsTheSameJobWithAnotherPrior() throws Exception {
		ImagePlus in = image("cells", 32, W, H, 1, 1, 1);
		List<Object> before = snapshot(in);
		float[] single = (float[]) ((ImagePlus) run(context, FastDiffusionEmCommand.class, fastArgs(in, "steps", 3))
				.getOutput("deblurred")).getProcessor().getPixels();
		CommandModule m = run(context, FastDiffusionEmCommand.class, fastArgs(in, "steps", 3, "ensemble", 2));
		ImagePlus out = (ImagePlus) m.getOutput("deblurred");
		assertOutput(out, in, "cells-deblurred", W, H, 1, 1, 1);
		assertOutput((ImagePlus) m.getOutput("kernel"), in, "cells-kernel", KS, KS, 1, 1, 1);
		float[] ens = (float[]) out.getProcessor().getPixels();
		double diff = 0;
		for (int i = 0; i < ens.length; i++) {
			assertTrue(Float.isFinite(ens[i]), "finite output");
			diff = Math.max(diff, Math.abs(ens[i] - single[i]));
		}
		assertTrue(diff > 0, "the ensemble is another prior than the single network");
		float[] again = (float[]) ((ImagePlus) run(context, FastDiffusionEmCommand.class, fastArgs(in, "steps", 3,
				"ensemble", 2)).getOutput("deblurred")).getProcessor().getPixels();
		assertArrayEquals(ens, again, "same seed and settings, same result");
		assertUntouched(before, in);
	}

	@Test
	void diffusionEm() throws Exception {
		ImagePlus in = image("cells", 8, W, H, 1, 1, 2);
		CommandModule m = run(context, DiffusionEmCommand.class, fastArgs(in, "steps", 2, "outerIterations", 2));
		assertOutput((ImagePlus) m.getOutput("deblurred"), in, "cells-deblurred", W, H, 1, 1, 2);
		assertOutput((ImagePlus) m.getOutput("kernel"), in, "cells-kernel", KS, KS, 1, 1, 2);
	}

	@Test
	void diffusionDeconvolutionWithOnePsfAndWithOnePerChannel() throws Exception {
		ImagePlus in = image("cells.tif", 16, W, H, 2, 1, 1);
		List<Object> before = snapshot(in);
		ImagePlus psf = new ImagePlus("psf", new FloatProcessor(KS, KS, KernelGenerator.random(KernelFamily.GAUSSIAN,
				KS, 3)));
		CommandModule m = run(context, DiffusionDeconvolutionCommand.class, nonBlindArgs(in, "psf", psf));
		assertOutput((ImagePlus) m.getOutput("deblurred"), in, "cells-deblurred", W, H, 2, 1, 1);
		assertUntouched(before, in);

		ImagePlus rgb = image("photo", 24, W, H, 1, 1, 1);
		ij.ImageStack s = new ij.ImageStack(4, 4); // even-sized 3-channel PSF: one kernel per colour
		for (int c = 0; c < 3; c++) {
			float[] k = new float[16];
			k[2 * 4 + 2] = 1;
			k[2 * 4 + 1] = 0.5f * c;
			s.addSlice(new FloatProcessor(4, 4, k));
		}
		ImagePlus psf3 = new ImagePlus("psf3", s);
		psf3.setDimensions(3, 1, 1);
		m = run(context, DiffusionDeconvolutionCommand.class, nonBlindArgs(rgb, "psf", psf3, "particles", 2,
				"uncertainty", true));
		assertOutput((ImagePlus) m.getOutput("deblurred"), rgb, "photo-deblurred", W, H, 3, 1, 1);
		assertOutput((ImagePlus) m.getOutput("uncertaintyMap"), rgb, "photo-uncertainty", W, H, 3, 1, 1);
	}

	@Test
	void simulateBlur() throws Exception {
		ImagePlus in = image("sharp.tif", 16, W, H, 2, 1, 2);
		List<Object> before = snapshot(in);
		CommandModule m = run(context, SimulateBlurCommand.class, Map.of("input", in, "family", "defocus",
				"kernelSize", 7, "sigma", 10.0, "seed", 4L));
		ImagePlus b = (ImagePlus) m.getOutput("blurred");
		assertOutput(b, in, "sharp-blurred", W, H, 2, 1, 2);
		ImagePlus k = (ImagePlus) m.getOutput("kernel");
		assertOutput(k, in, "sharp-blur-kernel", 7, 7, 1, 1, 1);
		assertKernels(k);
		assertUntouched(before, in);
		// blurred: smoother than the input (smaller pixel-to-pixel differences), same mean
		assertEquals(in.getStatistics().mean, b.getStatistics().mean, 0.01 * in.getStatistics().mean);
		assertTrue(roughness(b) < roughness(in), "the blurred image must be smoother");
		// the same seed gives the same result
		CommandModule again = run(context, SimulateBlurCommand.class, Map.of("input", in, "family", "defocus",
				"kernelSize", 7, "sigma", 10.0, "seed", 4L));
		assertArrayEquals((float[]) b.getStack().getPixels(3),
				(float[]) ((ImagePlus) again.getOutput("blurred")).getStack().getPixels(3));
	}

	static double roughness(ImagePlus imp) {
		ij.process.ImageProcessor ip = imp.getStack().getProcessor(1);
		double s = 0;
		for (int y = 0; y < imp.getHeight(); y++) {
			for (int x = 1; x < imp.getWidth(); x++) {
				s += Math.abs(ip.getf(x, y) - ip.getf(x - 1, y));
			}
		}
		return s;
	}

	@Test
	void constantImageIsReturnedUnchanged() throws Exception {
		ImagePlus in = ij.IJ.createImage("flat", "8-bit white", W, H, 1);
		CommandModule m = run(context, FastDiffusionEmCommand.class, fastArgs(in));
		ImagePlus out = (ImagePlus) m.getOutput("deblurred");
		assertOutput(out, in, "flat-deblurred", W, H, 1, 1, 1);
		assertEquals(255, out.getStatistics().min, 0);
		assertEquals(255, out.getStatistics().max, 0);
		float[] k = (float[]) ((ImagePlus) m.getOutput("kernel")).getProcessor().getPixels();
		assertEquals(1, k[(KS / 2) * KS + KS / 2], 0, "delta kernel");
	}

	@Test
	void sameSeedSameResult() throws Exception {
		ImagePlus in = image("cells", 8, W, H, 1, 1, 1);
		float[] a = (float[]) ((ImagePlus) run(context, FastDiffusionEmCommand.class, fastArgs(in, "seed", 9L))
				.getOutput("deblurred")).getProcessor().getPixels();
		float[] b = (float[]) ((ImagePlus) run(context, FastDiffusionEmCommand.class, fastArgs(in, "seed", 9L))
				.getOutput("deblurred")).getProcessor().getPixels();
		assertArrayEquals(a, b);
	}

	/** Progress reaches the task's maximum; cancelling the task mid-run cancels the command (no outputs). */
	@Test
	void progressAndCancellationThroughTheTaskService() throws Exception {
		TaskWatcher watcher = new TaskWatcher();
		EventService events = context.service(EventService.class);
		List<EventSubscriber<?>> subscribers = events.subscribe(watcher);
		try {
			progressAndCancellation(watcher);
		} finally {
			events.unsubscribe(subscribers);
		}
	}

	private void progressAndCancellation(TaskWatcher watcher) throws Exception {
		ImagePlus in = image("cells", 8, W, H, 1, 1, 3);
		CommandModule m = run(context, FastDiffusionEmCommand.class, fastArgs(in));
		assertFalse(m.isCanceled());
		assertEquals(12, watcher.maximum, "3 planes x 4 steps");
		assertTrue(watcher.values.contains(12L), "progress reached the maximum: " + watcher.values);

		watcher.cancelAt = 5;
		watcher.values.clear();
		m = run(context, FastDiffusionEmCommand.class, fastArgs(in));
		assertTrue(m.isCanceled(), "the command must be cancelled");
		assertTrue(m.getCancelReason().contains("cancelled"), m.getCancelReason());
		assertNull(m.getOutput("deblurred"));
		assertTrue(watcher.values.stream().allMatch(v -> v <= 6), "the run stops within one step: "
				+ watcher.values);
	}

	/** Records task progress and cancels the task when asked. */
	public static final class TaskWatcher {
		volatile long maximum;
		volatile long cancelAt = Long.MAX_VALUE;
		final List<Long> values = new ArrayList<>();

		@EventHandler
		public void onEvent(TaskEvent e) {
			Task t = e.getTask();
			if (!t.getName().equals(FastDiffusionEmCommand.NAME)) {
				return;
			}
			maximum = t.getProgressMaximum();
			synchronized (values) {
				values.add(t.getProgressValue());
			}
			if (t.getProgressValue() >= cancelAt && !t.isCanceled()) {
				t.cancel("test");
			}
		}
	}
}
