package org.fde.em;

import java.util.ArrayList;
import java.util.List;

import org.fde.kernel.BlurExtent;
import org.fde.kernel.HqsKernelEstimator;
import org.fde.kernel.KernelCentring;
import org.fde.score.KernelPrior;

/**
 * The kernel's side of a run: the M-step (paper eq. 24) on the data term summed over tiles and particles, with the
 * missing pixels of a padded measurement completed by the current kernel's prediction, inside the kernel support of
 * the step; and the centring (ALGORITHM.md &sect;5.3). &lambda; is adapted to the noise level
 * ({@link NoiseAdaptation}).
 */
final class KernelUpdate {

	private final EmConfig config;
	private final HqsKernelEstimator estimator;
	private final Measurement y;
	private final int particles;
	/** The largest support of Fast EM's kernel ({@link #supportCap}). */
	final int supportCap;

	KernelUpdate(EmConfig config, KernelPrior prior, Measurement y, int particles) {
		this.config = config;
		this.y = y;
		this.particles = particles;
		this.estimator = new HqsKernelEstimator(config.mStep().withLambda(config.adaptedLambda(y.sigma)), prior);
		this.supportCap = supportCap(config, y.observedPlanes[0], y.observedWidth, y.observedHeight, y.sigma);
	}

	/**
	 * The largest support Fast EM's kernel may take: the kernel size, or, when the support grows
	 * ({@link EmTuning#supportStart}) and the kernel is larger than its start, the size that the blur seen in the
	 * measurement suggests ({@link BlurExtent}), between the start and the kernel size.
	 */
	static int supportCap(EmConfig config, float[] plane, int w, int h, double sigma) {
		int ks = config.kernelSize();
		int start = config.tuning().supportStart();
		if (start == 0 || start >= ks || w < 8 || h < 8) {
			return ks;
		}
		return Math.max(start, Math.min(ks, BlurExtent.estimate(plane, w, h, sigma).kernelSize()));
	}

	/** Fast EM's kernel support at original timestep t: the growing window, at most {@link #supportCap}. */
	int support(int timestep) {
		return Math.min(supportCap, config.kernelSupport(timestep));
	}

	/** A plane x&#770;0 (its spectrum) of a tile whose measurement has missing pixels. */
	private record MissingPlane(int tile, int c, float[] x) {
	}

	/** The data term of eq. 24 being summed over tiles and particles. */
	final class Data {
		private final HqsKernelEstimator.DataTerm term = new HqsKernelEstimator.DataTerm(y.channels,
				y.grid.tileHeight(), y.grid.tileWidth());
		/** Planes of tiles with missing pixels, added with their completed measurement by the M-step. */
		private final List<MissingPlane> missing = new ArrayList<>();

		/** Adds the plane x&#770;0 (spectrum, unit range) of channel c on tile j. */
		void add(int tile, int c, float[] xSpectrum) {
			if (y.hasMissing(tile)) {
				missing.add(new MissingPlane(tile, c, xSpectrum));
			} else {
				term.add(c, y.spectrum(tile, c), xSpectrum);
			}
		}
	}

	Data data() {
		return new Data();
	}

	/**
	 * The M-step (eq. 24) warm-started from {@code kernels}, with the kernel held in the centred support&times;support
	 * window; the missing pixels of padded measurements are completed with {@code kernels}' prediction
	 * ({@link ObservedRegion}).
	 */
	float[][] estimate(Data data, float[][] kernels, int support) {
		return estimate(data, kernels, support, null);
	}

	/**
	 * As {@link #estimate(Data, float[][], int)}, with every iterate also held in {@code supportMask} (kernelSize&sup2;
	 * flags; null = no mask): the support a coarse-to-fine start allows the kernel ({@link CoarseToFine}).
	 */
	float[][] estimate(Data data, float[][] kernels, int support, boolean[] supportMask) {
		if (!data.missing.isEmpty()) {
			float[][] otfs = y.otfs(kernels, config.kernelSize());
			for (MissingPlane m : data.missing) {
				data.term.add(m.c(), y.completed(m.tile(), m.c(), otfs[otfs.length == 1 ? 0 : m.c()], m.x()), m.x());
			}
			data.missing.clear();
		}
		float[][] out = new float[kernels.length][];
		for (int j = 0; j < kernels.length; j++) {
			boolean[] mask = null;
			if (kernels.length > 1) {
				mask = new boolean[y.channels];
				mask[j] = true;
			}
			out[j] = estimator.estimate(data.term, y.sigma, particles, kernels[j], mask, support, supportMask);
		}
		return out;
	}

	/** The kernels moved so that their centre of mass lies at the p2o origin (when the tuning centres them). */
	float[][] centre(float[][] kernels) {
		if (!config.tuning().centreKernel()) {
			return kernels;
		}
		float[][] out = new float[kernels.length][];
		for (int j = 0; j < kernels.length; j++) {
			out[j] = KernelCentring.centre(kernels[j], config.kernelSize());
		}
		return out;
	}
}
