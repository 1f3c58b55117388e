package org.fde.cli;

import java.nio.file.Path;

import org.fde.djl.DeviceChoice;
import org.fde.djl.DjlKernelPrior;
import org.fde.djl.DjlScoreModel;
import org.fde.djl.ModelStore;
import org.fde.kernel.L1Prior;
import org.fde.kernel.L2Prior;
import org.fde.kernel.ProjectionPrior;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;

/** Loads the networks named on the command line (or the shipped ones). */
final class Models {

	private Models() {
	}

	/** The image prior: {@code --model DIR} or the shipped models/image-prior. */
	static ScoreModel imagePrior(String dir, DeviceChoice device) {
		Path p = dir != null ? Path.of(dir) : ModelStore.standard().find(ModelStore.IMAGE_PRIOR);
		return DjlScoreModel.load(p, device);
	}

	/** The kernel prior by name: pnp (the shipped network, or {@code --kernel-model DIR}), l1, l2 or projection. */
	static KernelPrior kernelPrior(String name, String dir, DeviceChoice device) {
		return switch (name) {
		case "pnp" -> DjlKernelPrior.load(
				dir != null ? Path.of(dir) : ModelStore.standard().find(ModelStore.KERNEL_PRIOR), device);
		case "l1" -> new L1Prior();
		case "l2" -> new L2Prior();
		case "projection" -> new ProjectionPrior();
		default -> throw new IllegalArgumentException("--prior must be one of pnp, l1, l2, projection; got " + name);
		};
	}

	static DeviceChoice device(String s) {
		try {
			return DeviceChoice.valueOf(s.toUpperCase(java.util.Locale.ROOT));
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("--device must be auto, cpu or gpu; got " + s);
		}
	}
}
