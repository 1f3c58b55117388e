package org.fde.stack;

import java.util.List;

import org.fde.baseline.SparseDeconvolution;
import org.fde.em.DeblurResult;
import org.fde.em.EmConfig;
import org.fde.image.Image;
import org.fde.kernel.blind.BlindConfig;
import org.fde.kernel.blind.ClassicalDeblur;

/**
 * {@link StackRequest.Method#CLASSICAL} on one normalised plane group: the classical blind preview
 * ({@link ClassicalDeblur}, the published defaults at the request's kernel size), or, given kernels (the other planes
 * of a whole-stack kernel), its sparse non-blind deconvolution with them. No padding: neither step assumes anything
 * about the borders.
 */
final class ClassicalPlanes {

	private ClassicalPlanes() {
	}

	static DeblurResult solve(Image y, float[][] kernels, EmConfig c) {
		int ks = c.mStep().kernelSize();
		long t0 = System.nanoTime();
		float[][] planes = new float[y.channels()][];
		for (int i = 0; i < planes.length; i++) {
			planes[i] = y.plane(i);
		}
		double sigma = c.sigma().resolve(planes, y.width(), y.height());
		float[][] out;
		float[] k;
		if (kernels == null) {
			ClassicalDeblur.Result r = ClassicalDeblur.run(planes, y.width(), y.height(), BlindConfig.defaults(ks));
			out = r.planes();
			k = r.kernel();
		} else {
			k = kernels[0];
			out = new float[planes.length][];
			for (int i = 0; i < planes.length; i++) {
				out[i] = SparseDeconvolution.levin(planes[i], y.width(), y.height(), k, ks);
			}
		}
		Image img = new Image(y.width(), y.height(), out);
		return new DeblurResult(img, img, null, new float[][] { k }, ks, sigma, List.of(), (System.nanoTime() - t0)
				* 1e-9);
	}
}
