package org.fde.em;

import org.fde.guidance.Residual;
import org.fde.parallel.Chunks;

/**
 * One reverse-diffusion step k of a run, split into the operations of the paper's algorithms, which the solvers call
 * in their order: Algorithm 2 (Fast EM) calls {@link #denoise}, {@link #mStep}, {@link #centre}, {@link #guidance} and
 * {@link #samplerStep}; Algorithm 1 (a held kernel) calls {@link #heldKernel}. Close it (try-with-resources) so that
 * a graph kept open for the guidance's VJP is freed if an operation throws.
 * <p>
 * <b>Tiles.</b> When the image is covered by a {@link org.fde.image.TileGrid}, each tile is its own periodic problem
 * with its own measurement y_j (the crop of y): x&#770;0 and the guidance's gradient of every tile are blended with the
 * grid's weights into whole-image arrays, and every tile's planes are added to the one M-step that gives the ONE
 * kernel shared by all tiles. Blending at every step (as MultiDiffusion does) keeps neighbouring tiles consistent, so
 * the result has no seams. With an M-step and more than one network batch, {@link #denoise} forwards all batches but
 * the last without tracking and keeps the last one's graph open for {@link #guidance}, which forwards the others again:
 * m batches cost m + (m &minus; 1) forwards and m VJPs instead of m and m. With a held kernel the tiles are
 * independent given it and each batch is forwarded once. With one batch (the whole image, or every tile in one batch)
 * the step is exactly the untiled one.
 */
final class Step implements AutoCloseable {

	private final DiffusionRun run;
	private final TiledDenoiser denoiser;
	private final StepRecorder recorder;
	private final int outer;
	private final int k;
	private final float[] x;
	/** w_t. */
	private final double weight;
	/** Whether the step is guided (w_t &gt; 0; the last &Pi;GDM step is not). */
	private final boolean guided;
	/** The batch whose graph {@link #denoise} kept open for the guidance, until it is used or closed. */
	private TiledDenoiser.Batch open;
	/** The kernels before this step's M-step (null when the kernel was held) and the ones the guidance used. */
	private float[][] before;
	private float[][] after;

	Step(DiffusionRun run, int outer, int k, float[] x, boolean kernelUpdated) {
		this.run = run;
		this.denoiser = run.denoiser;
		this.recorder = run.recorder;
		this.outer = outer;
		this.k = k;
		this.x = x;
		recorder.begin(k, run.schedule.length());
		this.weight = run.guidance.weight(run.schedule, k, kernelUpdated);
		this.guided = weight > 0;
	}

	/** x&#770;0 of every tile, blended, and the data term of the M-step summed over tiles and particles. */
	record Denoised(float[] x0, KernelUpdate.Data data) {
	}

	/** The guidance's gradient J<sup>T</sup>G (blended over tiles), or null for an unguided step. */
	record Gradient(float[] grad) {
	}

	/**
	 * x&#770;0(x_t) = (x_t &minus; sqrt(1 &minus; &alpha;&#772;_t) &epsilon;_&theta;(x_t, t))/sqrt(&alpha;&#772;_t), clipped, on every
	 * tile; the last batch's graph stays open for {@link #guidance}.
	 */
	Denoised denoise() {
		KernelUpdate.Data data = run.kernelUpdate.data();
		float[] x0 = null; // the blended x^0 (clipped, signed)
		int batches = denoiser.batches();
		for (int c = 0; c < batches; c++) {
			boolean last = c == batches - 1;
			TiledDenoiser.Batch b = denoiser.forward(c, x, k, guided && last); // the last batch's graph stays open
			try {
				x0 = denoiser.blend(b, b.x0(), x0);
				for (int q = 0; q < b.spectra.length; q++) {
					data.add(b.tileOfPlane(q), q % denoiser.shape.c(), b.spectra[q]);
				}
			} finally {
				if (last) {
					open = b;
				} else {
					b.close();
				}
			}
		}
		return new Denoised(x0, data);
	}

	/** The M-step (paper eq. 24) on x&#770;0, warm-started from {@code kernels}, in the step's kernel support. */
	float[][] mStep(Denoised x0, float[][] kernels) {
		return mStep(x0, kernels, run.kernelUpdate.support(run.schedule.timestep(k)));
	}

	/** As {@link #mStep(Denoised, float[][])}, with the kernel held in the centred support&times;support window. */
	float[][] mStep(Denoised x0, float[][] kernels, int support) {
		long m0 = System.nanoTime();
		before = kernels;
		float[][] out = run.kernelUpdate.estimate(x0.data(), kernels, support, run.supportMask);
		recorder.mStep(m0);
		return out;
	}

	/** The kernels' centre of mass moved to the p2o origin (ALGORITHM.md &sect;5.3), when the tuning centres them. */
	float[][] centre(float[][] kernels) {
		long m0 = System.nanoTime();
		float[][] out = run.kernelUpdate.centre(kernels);
		recorder.mStep(m0);
		return out;
	}

	/**
	 * The guidance with {@code kernels} (&Pi;GDM, paper eq. 17, or DPS, eq. 16) through the network's VJP: the open
	 * batch first (its result is added last, so that the tiles are summed in the same order however they are
	 * batched), then the other batches forwarded again.
	 */
	Gradient guidance(Denoised x0, float[][] kernels) {
		after = kernels;
		float[][] otfs = run.otfs(kernels);
		float[] grad = guided && !denoiser.grid.isSingle() ? new float[denoiser.shape.size()] : null;
		int batches = denoiser.batches();
		if (guided) {
			Guided deferred = guide(open, otfs);
			closeOpen();
			for (int c = 0; c < batches - 1; c++) {
				try (TiledDenoiser.Batch b = denoiser.forward(c, x, k, true)) {
					grad = apply(guide(b, otfs), grad);
				}
			}
			grad = apply(deferred, grad);
		} else if (denoiser.grid.isSingle()) {
			apply(guide(open, otfs), null); // unguided (the last PiGDM step): the residual, for the diagnostics
			closeOpen();
		} else {
			closeOpen();
			for (int c = 0; c < batches; c++) { // the same, measured on the blended x^0
				float[][] spectra = denoiser.spectraOf(c, x0.x0());
				Residual[] r = new Residual[spectra.length];
				for (int q = 0; q < spectra.length; q++) {
					r[q] = run.residual(denoiser.tileOfPlane(c, q), q % denoiser.shape.c(), otfs, spectra[q]);
				}
				recorder.residuals(r);
			}
		}
		return new Gradient(grad);
	}

	/** x_{t&minus;1} = the DDPM step (paper eq. 14) from x&#770;0, plus w_t J<sup>T</sup>G; ends the step. */
	float[] samplerStep(Denoised x0, Gradient g) {
		float[] next = run.sampler.step(run.schedule, k, x, x0.x0(), run.rng); // x_{t-1} ~ p(x_{t-1}|x_t), eq. 14
		if (g.grad() != null) {
			float[] grad = g.grad();
			double w = weight;
			Chunks.forEach(next.length, (from, to) -> {
				for (int i = from; i < to; i++) {
					next[i] += (float) (w * grad[i]); // x_{t-1} = sample + w_t * grad
				}
			});
		}
		double change = kernelChange(before == null ? after[0] : before[0], after[0]);
		recorder.end(outer, k, run.schedule.timestep(k), change, run.measurement.fft, x0.x0(), denoiser.shape,
				after[0], run.kernelSize());
		return next;
	}

	/**
	 * Algorithm 1's step with a held kernel: x&#770;0, the guidance (&Pi;GDM eq. 17 or DPS eq. 16) and the DDPM step
	 * (eq. 14). The tiles are independent given the kernel, so each batch is forwarded once, tracked, and guided at once.
	 */
	float[] heldKernel(float[][] kernels) {
		after = kernels;
		float[][] otfs = run.otfs(kernels);
		float[] x0 = null;
		float[] grad = guided && !denoiser.grid.isSingle() ? new float[denoiser.shape.size()] : null;
		for (int c = 0; c < denoiser.batches(); c++) {
			try (TiledDenoiser.Batch b = denoiser.forward(c, x, k, guided)) {
				x0 = denoiser.blend(b, b.x0(), x0);
				grad = apply(guide(b, otfs), grad);
			}
		}
		return samplerStep(new Denoised(x0, null), new Gradient(guided ? grad : null));
	}

	/** A batch's guidance result: its residuals and (if tracked) its gradient J<sup>T</sup>G, not yet applied. */
	private record Guided(TiledDenoiser.Batch batch, Residual[] residuals, float[] grad) {
	}

	/** Residuals with the given kernels and, for a tracked batch, the guidance's VJP through the network. */
	private Guided guide(TiledDenoiser.Batch b, float[][] otfs) {
		int cs = denoiser.shape.c();
		Residual[] residuals = new Residual[b.spectra.length];
		for (int q = 0; q < residuals.length; q++) {
			residuals[q] = run.residual(b.tileOfPlane(q), q % cs, otfs, b.spectra[q]); // y_j - k * x^0
		}
		if (!b.tracked()) {
			return new Guided(b, residuals, null);
		}
		// the direction on the unit range: Pi-GDM per plane, DPS per (tile, particle)
		float[] dir = new float[b.shape.size()];
		int planeSize = b.shape.planeSize();
		double r2 = run.schedule.pigdmR2(k);
		for (int i = 0; i < b.shape.n(); i++) {
			float[][] o = new float[cs][];
			Residual[] r = new Residual[cs];
			float[][] masks = new float[cs][];
			for (int c = 0; c < cs; c++) {
				o[c] = otfs[otfs.length == 1 ? 0 : c];
				r[c] = residuals[i * cs + c];
				masks[c] = run.measurement.mask(b.tileOfPlane(i * cs + c));
			}
			float[][] g = run.guidance.direction(run.measurement.fft, o, r, masks, r2, run.measurement.sigma);
			for (int c = 0; c < cs; c++) {
				System.arraycopy(g[c], 0, dir, b.shape.planeOffset(i, c), planeSize);
			}
		}
		return new Guided(b, residuals, b.vjp(dir)); // J^T G for x^0 (chain rule)
	}

	/** Adds a batch's residuals to the step's RMS and blends its gradient into {@code grad}; returns the gradient. */
	private float[] apply(Guided g, float[] grad) {
		recorder.residuals(g.residuals());
		if (g.grad() == null) {
			return grad;
		}
		return denoiser.grid.isSingle() ? g.grad() : denoiser.blend(g.batch(), g.grad(), grad);
	}

	private void closeOpen() {
		if (open != null) {
			TiledDenoiser.Batch b = open;
			open = null;
			b.close();
		}
	}

	static double kernelChange(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			double d = a[i] - b[i];
			s += d * d;
		}
		return Math.sqrt(s);
	}

	@Override
	public void close() {
		closeOpen();
	}
}
