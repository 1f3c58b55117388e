package org.fde.cli;

import static org.fde.stack.ParameterRanges.DEVICE_AUTO;
import static org.fde.stack.ParameterRanges.DEVICE_CPU;
import static org.fde.stack.ParameterRanges.DEVICE_DEFAULT;
import static org.fde.stack.ParameterRanges.DEVICE_GPU;
import static org.fde.stack.ParameterRanges.ENSEMBLE_DEFAULT;
import static org.fde.stack.ParameterRanges.ENSEMBLE_MAX;
import static org.fde.stack.ParameterRanges.ENSEMBLE_MIN;

import java.nio.file.Path;
import java.util.Locale;

import org.fde.djl.DeviceChoice;
import org.fde.djl.DjlKernelPrior;
import org.fde.djl.DjlScoreModel;
import org.fde.djl.ModelStore;
import org.fde.kernel.L1Prior;
import org.fde.kernel.L2Prior;
import org.fde.kernel.ProjectionPrior;
import org.fde.options.CommandLineOptions;
import org.fde.score.KernelPrior;
import org.fde.score.Rot180Ensemble;
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

	/** The image prior as {@link #imagePrior(String, DeviceChoice)}, as the ensemble of {@code --ensemble} members. */
	static ScoreModel imagePrior(String dir, DeviceChoice device, int ensemble) {
		return Rot180Ensemble.of(imagePrior(dir, device), ensemble);
	}

	/** {@code --ensemble 1|2}. */
	static int ensemble(CommandLineOptions a) {
		return a.integer("ensemble", ENSEMBLE_DEFAULT, ENSEMBLE_MIN, ENSEMBLE_MAX);
	}

	/** The kernel prior by name: pnp (the shipped network, or {@code --kernelmodel DIR}), l1, l2 or projection. */
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

	/** {@code --device auto|cpu|gpu}. */
	static DeviceChoice device(CommandLineOptions a) {
		return DeviceChoice.valueOf(a.choice("device", DEVICE_DEFAULT, DEVICE_AUTO, DEVICE_CPU, DEVICE_GPU)
				.toUpperCase(Locale.ROOT));
	}
}
