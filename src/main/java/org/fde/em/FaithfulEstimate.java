package org.fde.em;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.fde.fft.Fft2;
import org.fde.image.BatchShape;
import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.image.TileGrid;
import org.fde.schedule.NoiseSchedule;
import org.fde.score.EpsilonParameterisation;
import org.fde.score.ModelSpec;
import org.fde.score.ScoreModel;
import org.fde.score.ValueRange;

/**
 * The faithful (posterior-mean-type) image given the final kernel: plug-and-play half-quadratic splitting with the
 * image prior as the denoiser (Zhang et al., DPIR, TPAMI 2021). From x = y, for noise levels s_i falling
 * log-uniformly from {@link Settings#startNoise()} to &sigma; (unit range):
 * <pre>
 *   x = argmin_x ||M(y &minus; k &#8859; x)||&sup2; + &rho;_i ||x &minus; z||&sup2;,   &rho;_i = &lambda; &sigma;&sup2; / s_i&sup2;   (data step)
 *   z = D(x, s_i)                                                                   (prior step)
 * </pre>
 * and the last z is the estimate. The prior step D is the network's one-step x&#770;0 at the diffusion timestep whose
 * noise level is s_i ((1 &minus; &alpha;&#772;)/&alpha;&#772; = (2 s_i)&sup2; on the signed range): the posterior mean of
 * the clean image given a noisy one, so the estimate is a mean-type restoration, not a sample.
 * <p>
 * <b>Borders.</b> As in the diffusion solvers ({@link ObservedRegion}), only the window {@code observed} of a padded
 * measurement is data (mask M); the padding is missing. With missing pixels the data step is no longer diagonal in
 * Fourier and is solved by preconditioned conjugate gradients (preconditioner (|K|&sup2; + &rho;)&#8315;&sup1;,
 * the periodic solution), started from the periodic solution for the measurement completed by k &#8859; z. With every
 * pixel measured the periodic solution is exact.
 * <p>
 * <b>Tiles.</b> The data step runs on the whole image (one FFT of the padded plane per channel); the prior step runs
 * on the {@link TileGrid} of the solver's tiles, blended with the grid's weights, so that the network's memory depends
 * on the tile size only. Stateless apart from its settings; one run at a time per instance is not required.
 */
public final class FaithfulEstimate {

	/** The smallest noise level used for the schedule and &rho; (unit range): 0.5/255, for noiseless data. */
	public static final double MIN_NOISE = 0.5 / 255;

	/**
	 * The splitting's settings.
	 *
	 * @param iterations   HQS iterations (network evaluations), &ge; 1
	 * @param startNoise   the first prior step's noise level (unit range), &gt; 0
	 * @param endNoise     the last one's; NaN = the measurement's &sigma;
	 * @param lambda       &lambda; of &rho;_i = &lambda; &sigma;&sup2;/s_i&sup2;, &gt; 0 (1 = the splitting of the MAP
	 *                     problem with the prior whose proximal operator D is; DPIR's 0.23 weighs the prior more)
	 * @param cgIterations conjugate-gradient iterations of a masked data step at most
	 * @param cgTolerance  their relative residual at which they stop
	 */
	public record Settings(int iterations, double startNoise, double endNoise, double lambda, int cgIterations,
			double cgTolerance) {

		/**
		 * DPIR's: 8 iterations from 49/255 down to &sigma;, &lambda; = 0.23. The masked data step converges slowly
		 * at the first iterations' small &rho; (about 600 CG iterations to 1e-9 at &rho; = 1e-4 with a Gaussian PSF
		 * of width 2 px); capped at 300 iterations or a relative residual of 1e-5. 30 iterations to 1e-3 left the
		 * borders 7 dB worse (a 12-px border strip of a P4 micrograph: 20.0 against 27.4 dB in the interior).
		 */
		public static final Settings DEFAULT = new Settings(8, 49.0 / 255, Double.NaN, 0.23, 300, 1e-5);

		public Settings {
			if (iterations < 1 || !(startNoise > 0) || !(lambda > 0) || cgIterations < 0 || !(cgTolerance >= 0)
					|| !(Double.isNaN(endNoise) || endNoise > 0)) {
				throw new IllegalArgumentException("invalid faithful-estimate settings: iterations " + iterations
						+ " (>= 1), startNoise " + startNoise + " (> 0), endNoise " + endNoise + " (> 0 or NaN), lambda "
						+ lambda + " (> 0), cgIterations " + cgIterations + " (>= 0), cgTolerance " + cgTolerance);
			}
		}

		/** The noise level of iteration i (0-based) for a measurement of noise &sigma;. */
		public double noise(int i, double sigma) {
			double end = Double.isNaN(endNoise) ? Math.max(sigma, MIN_NOISE) : endNoise;
			double start = Math.max(startNoise, end);
			if (iterations == 1) {
				return end;
			}
			double f = (double) i / (iterations - 1);
			return Math.exp((1 - f) * Math.log(start) + f * Math.log(end));
		}
	}

	/**
	 * The outcome.
	 *
	 * @param image       the estimate (unit range, the size of the input)
	 * @param residualRms RMS of k &#8859; x &minus; y over the measured pixels (unit range): how well the estimate
	 *                    explains the data; about &sigma; when it does
	 * @param sigma       the noise level used
	 * @param seconds     wall time
	 * @param cgIterations conjugate-gradient iterations of the masked data steps, all channels and iterations (0
	 *                    when every pixel is measured)
	 */
	public record Result(Image image, double residualRms, double sigma, double seconds, int cgIterations) {

		/** residualRms / &sigma; (NaN when &sigma; is 0). */
		public double residualRatio() {
			return sigma > 0 ? residualRms / sigma : Double.NaN;
		}
	}

	private final ScoreModel model;
	private final Settings settings;
	private final int tileSize;
	private final int overlap;
	private final int tilesPerBatch;

	/**
	 * @param tileSize      0 = the prior step on the whole image, else its tiles' side (as {@link EmConfig#tileSize()})
	 * @param overlap       the tiles' overlap (as {@link EmConfig#effectiveOverlap()})
	 * @param tilesPerBatch tiles per network batch, &ge; 1
	 */
	public FaithfulEstimate(ScoreModel model, Settings settings, int tileSize, int overlap, int tilesPerBatch) {
		if (tileSize < 0 || overlap < 0 || tilesPerBatch < 1) {
			throw new IllegalArgumentException("tileSize and overlap must be >= 0 and tilesPerBatch >= 1, got "
					+ tileSize + ", " + overlap + ", " + tilesPerBatch);
		}
		this.model = model;
		this.settings = settings;
		this.tileSize = tileSize;
		this.overlap = overlap;
		this.tilesPerBatch = tilesPerBatch;
	}

	/** Untiled, with the default settings. */
	public FaithfulEstimate(ScoreModel model) {
		this(model, Settings.DEFAULT, 0, 0, 1);
	}

	/**
	 * @param y          the (padded) measurement, unit range, any number of channels
	 * @param observed   the frame that padded it (its padding is missing data), or null when every pixel is measured
	 * @param kernels    one kernel (shared) or one per channel, kernelSize&sup2; values, sum 1
	 * @param kernelSize the kernels' side
	 * @param sigma      the noise level (unit range), &ge; 0
	 * @param cancelled  polled once per iteration (may be null)
	 */
	public Result run(Image y, PadFrame observed, float[][] kernels, int kernelSize, double sigma,
			BooleanSupplier cancelled) {
		long t0 = System.nanoTime();
		int w = y.width();
		int h = y.height();
		int cs = y.channels();
		if (kernels.length != 1 && kernels.length != cs) {
			throw new IllegalArgumentException("expected 1 or " + cs + " kernels, got " + kernels.length);
		}
		if (!(sigma >= 0)) {
			throw new IllegalArgumentException("sigma must be >= 0, got " + sigma);
		}
		float[] mask = observed == null ? null : DataStep.maskOf(observed, w, h);
		DataStep[] data = new DataStep[cs];
		for (int c = 0; c < cs; c++) {
			data[c] = new DataStep(Fft2.of(h, w), kernels[kernels.length == 1 ? 0 : c], kernelSize, y.plane(c), mask);
		}
		double s2 = Math.pow(Math.max(sigma, MIN_NOISE), 2);
		float[][] z = new float[cs][];
		for (int c = 0; c < cs; c++) {
			z[c] = y.plane(c).clone();
		}
		for (int i = 0; i < settings.iterations(); i++) {
			if (cancelled != null && cancelled.getAsBoolean()) {
				throw new CancellationException("cancelled at faithful-estimate iteration " + (i + 1));
			}
			double s = settings.noise(i, sigma);
			double rho = settings.lambda() * s2 / (s * s);
			float[][] x = new float[cs][];
			for (int c = 0; c < cs; c++) {
				x[c] = data[c].solve(z[c], rho, settings.cgIterations(), settings.cgTolerance());
			}
			z = denoise(x, w, h, s);
		}
		double r2 = 0;
		long n = 0;
		int cg = 0;
		for (int c = 0; c < cs; c++) {
			double[] e = data[c].residualEnergy(z[c]);
			r2 += e[0];
			n += (long) e[1];
			cg += data[c].iterations();
		}
		return new Result(new Image(w, h, z), Math.sqrt(r2 / Math.max(1, n)), sigma, (System.nanoTime() - t0) * 1e-9,
				cg);
	}

	/** D(x, s): the one-step x&#770;0 at noise level s (unit range in, unit range out), tiled when asked. */
	float[][] denoise(float[][] x, int w, int h, double s) {
		ModelSpec spec = model.spec();
		NoiseSchedule schedule = NoiseSchedule.linear(spec.trainingSteps(), spec.betaStart(), spec.betaEnd());
		double t = schedule.timestepForNoise(ValueRange.sigmaToSigned(s));
		double ab = schedule.alphaBarAt(t);
		float scale = (float) Math.sqrt(ab);
		int cs = x.length;
		TileGrid grid = tileSize > 0 && (w > tileSize || h > tileSize)
				? TileGrid.of(w, h, tileSize, Math.min(overlap, tileSize - 1))
				: TileGrid.single(w, h);
		float[][] out = new float[cs][];
		if (grid.isSingle()) {
			BatchShape bs = new BatchShape(1, cs, h, w);
			float[] xt = new float[bs.size()];
			for (int c = 0; c < cs; c++) {
				signedScaled(x[c], 0, xt, bs.planeOffset(0, c), scale, x[c].length);
			}
			float[] x0 = x0(xt, bs, t, ab);
			for (int c = 0; c < cs; c++) {
				out[c] = ValueRange.toUnit(java.util.Arrays.copyOfRange(x0, bs.planeOffset(0, c), bs.planeOffset(0, c)
						+ bs.planeSize()));
			}
			return out;
		}
		float[][] blended = new float[cs][w * h];
		for (int first = 0; first < grid.count(); first += tilesPerBatch) {
			int tiles = Math.min(tilesPerBatch, grid.count() - first);
			BatchShape bs = new BatchShape(tiles, cs, grid.tileHeight(), grid.tileWidth());
			float[] xt = new float[bs.size()];
			for (int j = 0; j < tiles; j++) {
				for (int c = 0; c < cs; c++) {
					grid.crop(x[c], 0, first + j, xt, bs.planeOffset(j, c));
				}
			}
			for (int i = 0; i < xt.length; i++) {
				xt[i] = scale * (2f * xt[i] - 1f);
			}
			float[] x0 = x0(xt, bs, t, ab);
			for (int j = 0; j < tiles; j++) {
				for (int c = 0; c < cs; c++) {
					grid.blend(x0, bs.planeOffset(j, c), first + j, blended[c], 0);
				}
			}
		}
		for (int c = 0; c < cs; c++) {
			out[c] = ValueRange.toUnit(blended[c]);
		}
		return out;
	}

	private float[] x0(float[] xt, BatchShape bs, double t, double ab) {
		BatchShape net = EpsilonParameterisation.networkShape(bs, model.spec());
		float[] eps = model.epsilonOfTiles(xt, net, bs.n(), t); // bs.n() tiles of one image each
		return EpsilonParameterisation.x0(xt, eps, ab).x0Clipped();
	}

	private static void signedScaled(float[] src, int from, float[] dst, int to, float scale, int n) {
		for (int i = 0; i < n; i++) {
			dst[to + i] = scale * (2f * src[from + i] - 1f);
		}
	}
}
