package org.fde.em;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.fde.fft.Fft2;
import org.fde.guidance.DpsGuidance;
import org.fde.guidance.GuidanceKind;
import org.fde.guidance.PigdmGuidance;
import org.fde.image.BatchShape;
import org.fde.image.Image;
import org.fde.kernel.HqsKernelEstimator;
import org.fde.kernel.KernelCentring;
import org.fde.noise.NoiseEstimator;
import org.fde.sampler.Sampler;
import org.fde.schedule.NoiseSchedule;
import org.fde.schedule.RespacedSchedule;
import org.fde.score.EpsilonParameterisation;
import org.fde.score.EpsilonParameterisation.Prediction;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;
import org.fde.score.ValueRange;

/**
 * The machinery shared by the three solvers: one guided reverse-diffusion step with an optional M-step, the
 * measurement's spectra, the noise source and the bookkeeping. The solvers ({@link FastEm}, {@link DiffusionEm},
 * {@link NonBlind}) own the order of the steps.
 */
final class DiffusionRun {

	final EmConfig config;
	final ScoreModel model;
	final RespacedSchedule schedule;
	final Sampler sampler;
	final HqsKernelEstimator mStep;
	final BatchShape shape;
	final BatchShape netShape;
	final float[][] ySpectra;
	final double sigma;
	final SplittableRandom rng;
	final Fft2 fft;
	final ProgressListener listener;
	final BooleanSupplier cancelled;
	final List<StepDiagnostics> diagnostics = new ArrayList<>();
	final int totalSteps;
	final long start = System.nanoTime();
	private int done;

	DiffusionRun(ScoreModel model, KernelPrior prior, EmConfig config, Image y, int totalSteps,
			ProgressListener listener, BooleanSupplier cancelled) {
		if (!y.isFinite()) {
			throw new IllegalArgumentException("the image contains NaN or infinite values");
		}
		int ks = config.mStep().kernelSize();
		if (y.width() < 2 * ks || y.height() < 2 * ks) {
			throw new IllegalArgumentException("the image (" + y.width() + "x" + y.height()
					+ ") must be at least twice the kernel size (" + ks + ") in each dimension");
		}
		this.config = config;
		this.model = model;
		this.schedule = NoiseSchedule.linear(model.spec().trainingSteps(), model.spec().betaStart(),
				model.spec().betaEnd()).respace(config.steps());
		this.sampler = Double.isNaN(config.ddimEta()) ? Sampler.ddpm() : Sampler.ddim(config.ddimEta());
		this.mStep = new HqsKernelEstimator(config.mStep(), prior);
		this.shape = new BatchShape(config.particles(), y.channels(), y.height(), y.width());
		this.netShape = EpsilonParameterisation.networkShape(shape, model.spec());
		this.fft = Fft2.of(y.height(), y.width());
		this.ySpectra = new float[y.channels()][];
		float[][] planes = new float[y.channels()][];
		for (int c = 0; c < y.channels(); c++) {
			ySpectra[c] = fft.forward(y.plane(c));
			planes[c] = y.plane(c);
		}
		this.sigma = Double.isNaN(config.sigma()) ? NoiseEstimator.estimate(planes, y.width(), y.height())
				: config.sigma();
		this.rng = new SplittableRandom(config.seed());
		this.totalSteps = totalSteps;
		this.listener = listener == null ? ProgressListener.NONE : listener;
		this.cancelled = cancelled == null ? () -> false : cancelled;
	}

	/** x_T ~ N(0, I) for all particles and channels. */
	float[] initialNoise() {
		float[] x = new float[shape.size()];
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) rng.nextGaussian();
		}
		return x;
	}

	/** Number of kernels: one shared, or one per channel. */
	int kernelCount() {
		return config.kernelMode() == KernelMode.SHARED ? 1 : shape.c();
	}

	float[] kernelOfChannel(float[][] kernels, int c) {
		return kernels.length == 1 ? kernels[0] : kernels[c];
	}

	/** The result of one step. */
	record Outcome(float[] x, float[][] kernels) {
	}

	/**
	 * One reverse step k with guidance; with {@code updateKernel} the M-step runs on this step's x&#770;0 first
	 * (Algorithm 2 of the paper), else the kernels are held (Algorithm 1).
	 */
	Outcome step(int outer, int k, float[] x, float[][] kernels, boolean updateKernel) {
		if (cancelled.getAsBoolean()) {
			throw new CancellationException("cancelled at step " + (schedule.length() - k) + " of " + schedule.length());
		}
		int t = schedule.timestep(k);
		double alphaBar = schedule.alphaBar(k);
		double weight = config.guidance() == GuidanceKind.PIGDM ? schedule.pigdmWeight(k)
				: config.dpsScale() * Math.sqrt(alphaBar);
		long t0 = System.nanoTime();
		ScoreModel.TrackedEpsilon tracked = weight > 0 ? model.epsilonTracked(x, netShape, t) : null;
		try {
			float[] eps = tracked != null ? tracked.epsilon() : model.epsilon(x, netShape, t);
			long t1 = System.nanoTime();
			Prediction pred = EpsilonParameterisation.x0(x, eps, alphaBar); // x^0 = (x_t - sqrt(1-a) eps)/sqrt(a), eq. 9
			float[] x0Unit = ValueRange.toUnit(pred.x0Clipped()); // E-step sample on [0, 1]
			float[][] xSpectra = spectra(x0Unit); // F(x^0), shared by the M-step and the guidance
			long t2 = System.nanoTime();
			float[][] newKernels = updateKernel ? mStep(xSpectra, kernels, schedule.pigdmR2(k), true) : kernels;
			long t3 = System.nanoTime();
			float[] next = sampler.step(schedule, k, x, pred.x0Clipped(), rng); // x_{t-1} ~ p(x_{t-1}|x_t), eq. 14
			float[][] otfs = otfs(newKernels);
			float[][] residuals = residualSpectra(otfs, xSpectra); // F(y - k * x^0)
			double residualRms = rms(residuals);
			double vjpSeconds = 0;
			if (tracked != null) {
				float[] dir = guidanceDirection(otfs, residuals, k); // Pi-GDM eq. 17 or DPS eq. 16, unit range
				float[] u = ValueRange.pullBackUnitToSigned(dir, pred.x0Raw());
				long v0 = System.nanoTime();
				float[] grad = EpsilonParameterisation.vjpX0(tracked, u, alphaBar); // J^T u through the network
				vjpSeconds = (System.nanoTime() - v0) * 1e-9;
				for (int i = 0; i < next.length; i++) {
					next[i] += (float) (weight * grad[i]); // x_{t-1} = sample + w_t * grad
				}
			}
			long t4 = System.nanoTime();
			double change = kernelChange(kernels[0], newKernels[0]);
			StepDiagnostics d = new StepDiagnostics(outer, k, t, residualRms, change, (t1 - t0) * 1e-9 + vjpSeconds,
					(t3 - t2) * 1e-9, (t2 - t1 + t4 - t3) * 1e-9 - vjpSeconds);
			diagnostics.add(d);
			listener.onStep(++done, totalSteps, d);
			return new Outcome(next, newKernels);
		} finally {
			if (tracked != null) {
				tracked.close();
			}
		}
	}

	/** The M-step (eq. 24) on unit-range particle spectra, then optional centring (&sect;5.3). */
	float[][] mStep(float[][] xSpectra, float[][] kernels, double r2, boolean mayCentre) {
		float[][] out = new float[kernels.length][];
		int s = config.mStep().kernelSize();
		for (int j = 0; j < kernels.length; j++) {
			boolean[] mask = null;
			if (kernels.length > 1) {
				mask = new boolean[shape.c()];
				mask[j] = true;
			}
			float[] k = mStep.estimate(ySpectra, xSpectra, shape, sigma, kernels[j], r2, mask);
			out[j] = (mayCentre && config.centreKernel()) ? KernelCentring.centre(k, s) : k;
		}
		return out;
	}

	/** F of every plane of a unit-range batch (NCHW). */
	float[][] spectra(float[] batch) {
		int planes = shape.n() * shape.c();
		float[][] out = new float[planes][];
		for (int p = 0; p < planes; p++) {
			out[p] = fft.forward(batch, p * shape.planeSize());
		}
		return out;
	}

	float[][] otfs(float[][] kernels) {
		int s = config.mStep().kernelSize();
		float[][] out = new float[kernels.length][];
		for (int j = 0; j < kernels.length; j++) {
			out[j] = fft.otf(kernels[j], s, s);
		}
		return out;
	}

	float[][] residualSpectra(float[][] otfs, float[][] xSpectra) {
		float[][] out = new float[xSpectra.length][];
		for (int p = 0; p < xSpectra.length; p++) {
			int c = p % shape.c();
			out[p] = DpsGuidance.residualSpectrum(kernelOfChannel(otfs, c), ySpectra[c], xSpectra[p]);
		}
		return out;
	}

	/** RMS of the residual over all planes, by Parseval. */
	double rms(float[][] residualSpectra) {
		double s = 0;
		for (float[] r : residualSpectra) {
			for (float v : r) {
				s += (double) v * v;
			}
		}
		double n = shape.planeSize();
		return Math.sqrt(s / n / (n * residualSpectra.length));
	}

	/** The guidance direction on the unit range for every plane (NCHW). */
	float[] guidanceDirection(float[][] otfs, float[][] residuals, int k) {
		float[] out = new float[shape.size()];
		int planeSize = shape.planeSize();
		if (config.guidance() == GuidanceKind.PIGDM) {
			double r2 = schedule.pigdmR2(k);
			for (int p = 0; p < residuals.length; p++) {
				float[] g = PigdmGuidance.vector(fft, kernelOfChannel(otfs, p % shape.c()), residuals[p], r2, sigma);
				System.arraycopy(g, 0, out, p * planeSize, planeSize);
			}
		} else {
			for (int i = 0; i < shape.n(); i++) {
				float[][] o = new float[shape.c()][];
				float[][] r = new float[shape.c()][];
				for (int c = 0; c < shape.c(); c++) {
					o[c] = kernelOfChannel(otfs, c);
					r[c] = residuals[i * shape.c() + c];
				}
				float[][] g = DpsGuidance.direction(fft, o, r);
				for (int c = 0; c < shape.c(); c++) {
					System.arraycopy(g[c], 0, out, shape.planeOffset(i, c), planeSize);
				}
			}
		}
		return out;
	}

	static double kernelChange(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			double d = a[i] - b[i];
			s += d * d;
		}
		return Math.sqrt(s);
	}

	/** Packs the final x_0 into a result (unit range): first particle, mean and standard deviation. */
	DeblurResult result(float[] x, float[][] kernels) {
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
		double elapsed = (System.nanoTime() - start) * 1e-9;
		return new DeblurResult(first, mean, std, kernels, config.mStep().kernelSize(), sigma, List.copyOf(diagnostics),
				elapsed);
	}
}
