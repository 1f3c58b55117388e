package org.fde.imagej;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.fde.TinyModels;
import org.fde.image.Synthetic;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/**
 * Shared helpers of the command tests: small test images (also used by the command-line tests), the tiny-model
 * settings, headless command runs.
 */
public final class Fixtures {

	static final int W = 48;
	static final int H = 40;
	static final int KS = 5;
	static final int STEPS = 4;

	private Fixtures() {
	}


	/** A smooth test pattern on [0, 1] (values differ by seed). */
	static float[] pattern(int w, int h, long seed) {
		return Synthetic.shapes(w, h, seed);
	}

	/** A processor of the given ImageJ bit depth (8, 16, 32, 24 = RGB) with the test pattern scaled into range. */
	public static ImageProcessor processor(int bits, int w, int h, long seed) {
		float[] p = pattern(w, h, seed);
		switch (bits) {
		case 8: {
			byte[] b = new byte[w * h];
			for (int i = 0; i < b.length; i++) {
				b[i] = (byte) Math.round(20 + 200 * p[i]);
			}
			return new ByteProcessor(w, h, b);
		}
		case 16: {
			short[] s = new short[w * h];
			for (int i = 0; i < s.length; i++) {
				s[i] = (short) Math.round(1000 + 40000 * p[i]);
			}
			return new ShortProcessor(w, h, s, null);
		}
		case 32: {
			float[] f = new float[w * h];
			for (int i = 0; i < f.length; i++) {
				f[i] = -3f + 7f * p[i];
			}
			return new FloatProcessor(w, h, f);
		}
		case 24: {
			float[] q = pattern(w, h, seed + 17);
			int[] c = new int[w * h];
			for (int i = 0; i < c.length; i++) {
				int r = Math.round(30 + 200 * p[i]);
				int g = Math.round(10 + 180 * q[i]);
				int b = Math.round(60 + 100 * (1 - p[i]));
				c[i] = (r << 16) | (g << 8) | b;
			}
			return new ColorProcessor(w, h, c);
		}
		default:
			throw new IllegalArgumentException("bits " + bits);
		}
	}

	/** A calibrated C/Z/T image of the given bit depth. */
	public static ImagePlus image(String title, int bits, int w, int h, int c, int z, int t) {
		ImageStack stack = new ImageStack(w, h);
		for (int i = 0; i < c * z * t; i++) {
			stack.addSlice(processor(bits, w, h, 11 + 7 * i));
		}
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(c, z, t);
		if (c * z * t > 1) {
			imp.setOpenAsHyperStack(true);
		}
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.25;
		cal.pixelHeight = 0.3;
		cal.pixelDepth = 1.5;
		cal.frameInterval = 2.0;
		cal.setUnit("um");
		return imp;
	}

	/** Copies of every plane's pixel array, to check later that the input was not modified. */
	static List<Object> snapshot(ImagePlus imp) {
		List<Object> out = new ArrayList<>();
		ImageStack s = imp.getStack();
		for (int i = 1; i <= s.getSize(); i++) {
			Object px = s.getPixels(i);
			if (px instanceof byte[] b) {
				out.add(b.clone());
			} else if (px instanceof short[] sh) {
				out.add(sh.clone());
			} else if (px instanceof float[] f) {
				out.add(f.clone());
			} else {
				out.add(((int[]) px).clone());
			}
		}
		return out;
	}

	/** The tiny-model settings every deblurring test uses, then the given key/value pairs. */
	static Map<String, Object> fastArgs(ImagePlus imp, Object... more) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("input", imp);
		m.put("kernelSize", KS);
		m.put("steps", STEPS);
		m.put("threads", 1);
		m.put("device", "cpu");
		m.put("model", TinyModels.score().toFile());
		m.put("kernelModel", TinyModels.kernelPrior().toFile());
		for (int i = 0; i < more.length; i += 2) {
			m.put((String) more[i], more[i + 1]);
		}
		return m;
	}

	/** {@link #fastArgs} without the blind-only keys, for {@link DiffusionDeconvolutionCommand} (add the psf). */
	static Map<String, Object> nonBlindArgs(ImagePlus imp, Object... more) {
		Map<String, Object> m = fastArgs(imp, more);
		m.remove("kernelSize");
		m.remove("kernelModel");
		return m;
	}

	/** Runs a command headless with pre- and postprocessing, as a script or Fiji would, and waits for it. */
	static CommandModule run(Context ctx, Class<? extends Command> cmd, Map<String, Object> args)
			throws InterruptedException, ExecutionException {
		return ctx.service(CommandService.class).run(cmd, true, args).get();
	}

	/** The first IllegalArgumentException-like cause's message in a chain (the command's own error). */
	static String errorMessage(Throwable t) {
		Throwable e = t;
		while (e != null) {
			if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
					|| e.getClass().getSimpleName().equals("InvalidModelException")) {
				return e.getMessage();
			}
			e = e.getCause();
		}
		throw new AssertionError("no command error in the cause chain", t);
	}
}
