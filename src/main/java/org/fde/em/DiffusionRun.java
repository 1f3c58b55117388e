package org.fde.em;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import org.fde.fft.Fft2;
import org.fde.guidance.Guidance;
import org.fde.guidance.Residual;
import org.fde.image.BatchShape;
import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.image.TileGrid;
import org.fde.kernel.Kernels;
import org.fde.sampler.Sampler;
import org.fde.schedule.NoiseSchedule;
import org.fde.schedule.RespacedSchedule;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;
import org.fde.score.ValueRange;

/**
 * One run of a solver on one measurement: its parts ({@link Measurement}, {@link TiledDenoiser}, {@link KernelUpdate},
 * {@link Guidance}, {@link StepRecorder}), the schedule, the sampler and the noise source. The solvers ({@link FastEm},
 * {@link DiffusionEm}, {@link NonBlind}, {@link HybridEm}) own the order of the steps, through {@link #step} and
 * {@link #heldStep}.
 * <p>
 * The seam for runs seeded with a kernel (a given initial kernel, steps that hold it, a kernel support restriction):
 * {@link #copies} of the initial kernel, {@link #heldStep} for a step that holds it, {@link #step} and
 * {@link Step#mStep(Step.Denoised, float[][], int)} for one that updates it inside a given support, and
 * {@link #supportCap} / {@link #timestep} to choose.
 */
final class DiffusionRun {

	final RespacedSchedule schedule;
	final Sampler sampler = Sampler.ddpm();
	final SplittableRandom rng;
	final Measurement measurement;
	final TiledDenoiser denoiser;
	final KernelUpdate kernelUpdate;
	final Guidance guidance;
	final StepRecorder recorder;
	private final int kernelSize;
	private final int kernelCount;
	/**
	 * Where the M-step may put the kernel's mass (kernelSize&sup2; flags), or null: anywhere in the centred support
	 * window. Set by {@link CoarseToFine} before its fine stage's steps.
	 */
	boolean[] supportMask;

	/**
	 * @param observed null when every pixel of y is measured; else the frame that padded the measurement to y's size:
	 *                 only its inner window is measured, the padding is missing data ({@link ObservedRegion})
	 */
	DiffusionRun(ScoreModel model, KernelPrior prior, EmConfig config, Image y, PadFrame observed, int totalSteps,
			ProgressListener listener, BooleanSupplier cancelled) {
		this.recorder = new StepRecorder(totalSteps, listener, cancelled);
		if (!y.isFinite()) {
			throw new IllegalArgumentException("the image contains NaN or infinite values");
		}
		int ks = config.kernelSize();
		if (y.width() < 2 * ks || y.height() < 2 * ks) {
			throw new IllegalArgumentException("the image (" + y.width() + "x" + y.height()
					+ ") must be at least twice the kernel size (" + ks + ") in each dimension");
		}
		this.kernelSize = ks;
		this.schedule = NoiseSchedule.linear(model.spec().trainingSteps(), model.spec().betaStart(),
				model.spec().betaEnd()).respace(config.steps());
		BatchShape shape = new BatchShape(config.particles(), y.channels(), y.height(), y.width());
		TileGrid grid = config.tiles(y.width(), y.height())
				? TileGrid.of(y.width(), y.height(), config.tileSize(), config.tileOverlap())
				: TileGrid.single(y.width(), y.height());
		if (grid.tileWidth() < 2 * ks || grid.tileHeight() < 2 * ks) {
			throw new IllegalArgumentException("the tiles (" + grid.tileWidth() + "x" + grid.tileHeight()
					+ ") must be at least twice the kernel size (" + ks + ") in each dimension");
		}
		Fft2 fft = Fft2.of(grid.tileHeight(), grid.tileWidth());
		this.denoiser = new TiledDenoiser(model, schedule, shape, grid, fft, config.tilesPerBatch(), recorder);
		this.measurement = new Measurement(y, observed, grid, fft, config.sigma());
		this.kernelUpdate = new KernelUpdate(config, prior, measurement, config.particles());
		EmTuning t = config.tuning();
		this.guidance = Guidance.of(config.guidance(), t.pigdmScale(), config.adaptedBlindPigdmScale(measurement.sigma),
				t.maskedGuidanceIterations(), t.dpsScale());
		this.rng = new SplittableRandom(config.seed());
		this.kernelCount = config.kernelMode() == KernelMode.SHARED ? 1 : y.channels();
	}

	/** x_T ~ N(0, I) for all particles and channels of the whole image. */
	float[] initialNoise() {
		float[] x = new float[denoiser.shape.size()];
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) rng.nextGaussian();
		}
		return x;
	}

	/** Number of kernels: one shared, or one per channel. */
	int kernelCount() {
		return kernelCount;
	}

	int kernelSize() {
		return kernelSize;
	}

	/** {@link #kernelCount} copies of the kernel {@code k}. */
	float[][] copies(float[] k) {
		float[][] out = new float[kernelCount][];
		for (int j = 0; j < out.length; j++) {
			out[j] = k.clone();
		}
		return out;
	}

	/** The delta kernels (the first prox centre of Fast EM and Diffusion EM). */
	float[][] deltaKernels() {
		return copies(Kernels.delta(kernelSize));
	}

	/** &sigma;, given or estimated on the measured pixels. */
	double sigma() {
		return measurement.sigma;
	}

	/** The number of respaced steps K. */
	int steps() {
		return schedule.length();
	}

	/** The original timestep m(k) of respaced step k. */
	int timestep(int k) {
		return schedule.timestep(k);
	}

	/** The largest support Fast EM's kernel may take ({@link KernelUpdate#supportCap}). */
	int supportCap() {
		return kernelUpdate.supportCap;
	}

	/** Starts step k of outer iteration {@code outer} from x_t, for Algorithm 2 (the kernel is updated). */
	Step step(int outer, int k, float[] x) {
		return new Step(this, outer, k, x, true);
	}

	/** Step k with the kernels held (Algorithm 1): x&#770;0, guidance and the DDPM step; returns x_{t&minus;1}. */
	float[] heldStep(int outer, int k, float[] x, float[][] kernels) {
		try (Step s = new Step(this, outer, k, x, false)) {
			return s.heldKernel(kernels);
		}
	}

	/**
	 * Diffusion EM's M-step on the final samples of an E-step (whole image, signed range): every tile's planes with
	 * its own measurement, warm-started from {@code kernels}, in the whole kernel window, without centring.
	 */
	float[][] mStepOnSamples(float[] x, float[][] kernels) {
		KernelUpdate.Data data = kernelUpdate.data();
		for (int c = 0; c < denoiser.batches(); c++) {
			float[][] spectra = denoiser.spectraOf(c, x);
			for (int q = 0; q < spectra.length; q++) {
				data.add(denoiser.tileOfPlane(c, q), q % denoiser.shape.c(), spectra[q]);
			}
		}
		return kernelUpdate.estimate(data, kernels, kernelSize);
	}

	/** The kernels' transfer functions on a tile. */
	float[][] otfs(float[][] kernels) {
		return measurement.otfs(kernels, kernelSize);
	}

	/** y_j^c &minus; k &#8859; x&#770;0 on the measured pixels of tile j, with the channel's kernel. */
	Residual residual(int tile, int c, float[][] otfs, float[] xSpectrum) {
		return measurement.residual(tile, c, otfs[otfs.length == 1 ? 0 : c], xSpectrum);
	}

	/**
	 * A blind run's result: as {@link #result}, with each kernel projected once more (&ge; 0, divided by its sum), as
	 * blind runs have always returned them.
	 */
	DeblurResult blindResult(float[] x, float[][] kernels) {
		float[][] out = new float[kernels.length][];
		for (int j = 0; j < out.length; j++) {
			out[j] = Kernels.project(kernels[j], kernelSize);
		}
		return result(x, out);
	}

	/** Packs the final x_0 into a result (unit range): first particle, mean and standard deviation. */
	DeblurResult result(float[] x, float[][] kernels) {
		BatchShape shape = denoiser.shape;
		float[] unit = ValueRange.toUnit(x);
		int c = shape.c();
		int n = shape.n();
		int ps = shape.planeSize();
		Image first = Image.fromBatch(unit, shape, 0);
		Image mean = first;
		Image std = null;
		if (n > 1) {
			float[][] m = new float[c][ps];
			float[][] sd = new float[c][ps];
			for (int ch = 0; ch < c; ch++) {
				for (int q = 0; q < ps; q++) {
					double s1 = 0;
					double s2 = 0;
					for (int i = 0; i < n; i++) {
						double v = unit[shape.planeOffset(i, ch) + q];
						s1 += v;
						s2 += v * v;
					}
					double mu = s1 / n;
					m[ch][q] = (float) mu;
					sd[ch][q] = (float) Math.sqrt(Math.max(0, s2 / n - mu * mu));
				}
			}
			mean = new Image(shape.w(), shape.h(), m);
			std = new Image(shape.w(), shape.h(), sd);
		}
		return new DeblurResult(first, mean, std, kernels, kernelSize, measurement.sigma, recorder.diagnostics(),
				recorder.elapsedSeconds());
	}
}
