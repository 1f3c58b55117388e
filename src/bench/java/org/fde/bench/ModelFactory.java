package org.fde.bench;

import java.util.Map;

import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;

/**
 * Supplies the networks (or their analytic stand-ins) to the diffusion methods, so that tests can inject
 * {@link AnalyticModels} and the command line the shipped TorchScript models ({@link ShippedModels}). The factory owns
 * what it returns: callers must not close the models; {@link #close} releases them all.
 */
public interface ModelFactory extends AutoCloseable {

	/** The image prior for h&times;w images (the same instance may be returned for every size). */
	ScoreModel imagePrior(int h, int w);

	/** The kernel prior used by the blind diffusion methods' M-step (the {@code --prior} choice). */
	KernelPrior kernelPrior();

	/** The plug-and-play kernel prior of the ablation (Figure 4). */
	KernelPrior pnpKernelPrior();

	/** The image prior's size multiple. */
	int sizeMultiple();

	/** A short, file-name-safe tag identifying the models (part of the cache key). */
	String tag();

	/** Model name &rarr; version/description, for the report. */
	Map<String, String> versions();

	@Override
	void close();
}
