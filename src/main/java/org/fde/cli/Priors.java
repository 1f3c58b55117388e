package org.fde.cli;

import java.nio.file.Path;

import org.fde.djl.DeviceChoice;
import org.fde.djl.DjlKernelPrior;
import org.fde.djl.DjlScoreModel;
import org.fde.djl.ModelStore;
import org.fde.score.KernelPrior;

/**
 * The networks of one {@code deblur} run, loaded once for all its images and closed at the end (native memory
 * released).
 *
 * @param kernelPrior null for the non-blind method
 */
record Priors(DjlScoreModel imagePrior, KernelPrior kernelPrior) implements AutoCloseable {

	/**
	 * Loads the image prior (--model, else the shipped one found by {@link ModelStore}) and, when blind, the kernel
	 * prior (--kernelmodel, else the shipped one).
	 *
	 * @param threads PyTorch intra-op threads, 0 = leave PyTorch's default
	 */
	static Priors load(Path model, Path kernelModel, boolean blind, DeviceChoice device, int threads) {
		Path im = model != null ? model : ModelStore.standard().find(ModelStore.IMAGE_PRIOR);
		Path km = !blind ? null : kernelModel != null ? kernelModel : ModelStore.standard().find(
				ModelStore.KERNEL_PRIOR);
		DjlScoreModel imagePrior = DjlScoreModel.load(im, device);
		try {
			if (threads > 0) {
				DjlScoreModel.setThreads(threads);
			}
			return new Priors(imagePrior, km == null ? null : DjlKernelPrior.load(km, device));
		} catch (RuntimeException e) {
			imagePrior.close();
			throw e;
		}
	}

	@Override
	public void close() {
		try {
			if (kernelPrior != null) {
				kernelPrior.close();
			}
		} finally {
			imagePrior.close();
		}
	}

	@Override
	public String toString() {
		return "image prior " + imagePrior + (kernelPrior == null ? "" : ", kernel prior " + kernelPrior)
				+ "; device " + imagePrior.device();
	}
}
