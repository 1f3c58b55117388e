package org.fde.bench;

import java.util.List;

import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.kernel.blind.BlindConfig;
import org.fde.kernel.blind.ClassicalDeblur;

/**
 * {@code classical-l0}: the classical multiscale &ell;0 blind method ({@link ClassicalDeblur}) with its published
 * defaults ({@link BlindConfig#defaults}) at the case's estimate size. It reads only the measured window of a padded
 * problem (it needs no padding: the kernel step leaves the borders out and the sparse deconvolution assumes nothing
 * about them); the result is mirror-padded back into the frame for the padding decorator to crop.
 */
public final class ClassicalBlindMethod implements Method {

	@Override
	public String name() {
		return "classical-l0";
	}

	@Override
	public String cacheKey() {
		return name() + "-v1";
	}

	@Override
	public boolean blind() {
		return true;
	}

	@Override
	public boolean paddingIsMissingData() {
		return true;
	}

	@Override
	public MethodResult run(Problem p) throws Exception {
		Image y = p.observed();
		PadFrame f = p.padding();
		Resources.Measured<ClassicalDeblur.Result> m = Resources.measure(() -> {
			float[][] planes = new float[y.channels()][];
			for (int c = 0; c < planes.length; c++) {
				planes[c] = f == null ? y.plane(c) : f.crop(y.plane(c));
			}
			int w = f == null ? y.width() : f.width();
			int h = f == null ? y.height() : f.height();
			return ClassicalDeblur.run(planes, w, h, BlindConfig.defaults(p.estimateSize()));
		});
		ClassicalDeblur.Result r = m.value();
		float[][] out = new float[r.planes().length][];
		for (int c = 0; c < out.length; c++) {
			out[c] = f == null ? r.planes()[c] : f.pad(r.planes()[c]);
		}
		return new MethodResult(new Image(y.width(), y.height(), out), r.kernel(), r.kernelSize(), m.seconds(),
				m.peakBytes(), null, List.of());
	}
}
