package org.fde.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.fde.em.DeblurResult;
import org.fde.em.DiffusionEm;
import org.fde.em.EmConfig;
import org.fde.em.FaithfulEstimate;
import org.fde.em.FastEm;
import org.fde.em.HybridEm;
import org.fde.em.NonBlind;
import org.fde.em.ProgressListener;
import org.fde.em.RestartRule;
import org.fde.em.RunCheck;
import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.kernel.Kernels;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;
import org.fde.stack.StackDeblur.Progress;
import org.fde.stack.StackRequest.Method;

/**
 * The state shared by the runs of one {@link StackDeblur} job: models, progress bookkeeping and the run counter (for
 * seeds), and one padded solver run on a normalised plane group ({@link #solve}), with the faithful estimate when the
 * request asks for it.
 */
final class StackJob {

	private final StackRequest request;
	private final ScoreModel model;
	private final KernelPrior prior;
	private final Progress progress;
	private final BooleanSupplier cancelled;
	private long total;
	private long done;
	private int runs;
	/** One log line per run that Fast EM restarted ({@link RestartRule}). */
	final List<String> restartNotes = new ArrayList<>();
	/** The faithful estimates' reblur residuals, one per run ({@link StackRequest.Output#ESTIMATE}). */
	final List<FaithfulNotes.Residual> residuals = new ArrayList<>();
	/** One line per blind run whose estimate failed ({@link RunCheck}). */
	final List<String> failures = new ArrayList<>();

	StackJob(StackRequest request, ScoreModel model, KernelPrior prior, Progress progress, BooleanSupplier cancelled,
			long total) {
		this.request = request;
		this.model = model;
		this.prior = prior;
		this.progress = progress;
		this.cancelled = cancelled == null ? () -> false : cancelled;
		this.total = total;
	}

	void skip(long steps) {
		done += steps;
		progress.update(done, total, "constant data skipped");
	}

	/**
	 * One padded solver run on a normalised plane group; null (after counting its steps as done) when the
	 * group is constant.
	 */
	DeblurResult solve(Method method, Image y, float[][] kernels, EmConfig cfg, String stage) {
		EmConfig c = cfg.toBuilder().seed(cfg.seed() + runs++).build();
		EmConfig c0 = c;
		// a non-blind run of a whole-stack kernel takes the request's steps, once
		long steps = method == request.method() ? request.stepsPerRun() : c.steps();
		if (StackDeblur.isConstant(y)) {
			skip(steps);
			return null;
		}
		if (cancelled.getAsBoolean()) {
			throw new java.util.concurrent.CancellationException("cancelled before " + stage);
		}
		int ks = c.mStep().kernelSize();
		if (request.method() == Method.CLASSICAL) { // no networks, no padding (see ClassicalPlanes)
			progress.update(done, total, stage);
			DeblurResult res = ClassicalPlanes.solve(y, kernels, c);
			done += steps;
			progress.update(done, total, stage);
			return res;
		}
		PadFrame frame = PadFrame.around(y.width(), y.height(), ks / 2, model.spec().sizeMultiple());
		Image padded = frame.pad(y);
		c = c.toBuilder().tileSize(request.tileSize().forPlane(frame.paddedWidth(), frame.paddedHeight(), ks,
				model.spec().sizeMultiple())).build();
		long before = done;
		if (method == Method.NON_BLIND && request.output() == StackRequest.Output.ESTIMATE
				&& !request.uncertainty()) {
			return estimateOnly(y, frame, padded, kernels, c, stage, before + steps);
		}
		// a restarted run, and each pass of a coarse-to-fine run, reports its steps from 1 again: count it as more
		// work, and say so in the stage
		boolean coarseToFine = (method == Method.FAST_EM || method == Method.HYBRID)
				&& c.kernelSize() > c.tuning().coarseAbove();
		int[] restart = { 0, 0 }; // passes after the first so far, last step reported
		ProgressListener listener = (d, tot, diag) -> {
			if (d <= restart[1]) {
				restart[0]++;
				total += steps;
			}
			restart[1] = d;
			String more = coarseToFine ? ", pass " + (restart[0] + 1) + " (coarse to fine)"
					: ", restart " + restart[0] + " of at most " + c0.restarts() + " (the run failed)";
			progress.update(before + (long) restart[0] * steps + d, total, restart[0] == 0 ? stage : stage + more);
		};
		DeblurResult res = switch (method) {
		// the padding is missing data, not data: the image's blur reaches ks/2 beyond its edges (ObservedRegion)
		case FAST_EM -> new FastEm(model, prior, c).run(padded, frame, listener, cancelled);
		case DIFFUSION_EM -> new DiffusionEm(model, prior, c).run(padded, frame, listener, cancelled);
		case NON_BLIND -> new NonBlind(model, c).run(padded, frame, kernels, listener, cancelled);
		case HYBRID -> new HybridEm(model, prior, c).run(padded, frame, listener, cancelled);
		case CLASSICAL -> throw new IllegalStateException("handled above");
		};
		done = before + steps * (1L + restart[0]);
		if (res.restarts() > 0) {
			restartNotes.add(stage + ": " + RestartRule.describe(res));
		}
		if (request.output() == StackRequest.Output.ESTIMATE) {
			// the faithful estimate given the final kernel, in the same frame and tiles; the std stays the run's
			progress.update(done, total, stage + ", faithful estimate");
			FaithfulEstimate.Result f = new FaithfulEstimate(model, FaithfulEstimate.Settings.DEFAULT,
					c.tileSize(), c.tileOverlap(), c.tilesPerBatch()).run(padded, frame, res.kernels(),
							res.kernelSize(), res.sigma(), cancelled);
			residuals.add(new FaithfulNotes.Residual(stage, f.residualRms(), f.sigma()));
			res = new DeblurResult(f.image(), f.image(), res.std(), res.kernels(), res.kernelSize(), res.sigma(),
					res.diagnostics(), res.elapsedSeconds() + f.seconds(), res.restarts(), res.firstResidual());
		}
		float[][] k = Arrays.stream(res.kernels()).map(float[]::clone).toArray(float[][]::new);
		DeblurResult cropped = new DeblurResult(frame.crop(res.image()), frame.crop(res.mean()),
				frame.crop(res.std()), k, res.kernelSize(), res.sigma(), res.diagnostics(), res.elapsedSeconds(),
				res.restarts(), res.firstResidual());
		if (method != Method.NON_BLIND) {
			RunCheck.Verdict v = RunCheck.check(cropped, y);
			if (v.failed()) {
				failures.add(stage + ": " + method.toString().toLowerCase(Locale.ROOT).replace('_', ' ') + ", "
						+ "kernel size " + ks + ": " + v.describe());
			}
		}
		return cropped;
	}

	/**
	 * The non-blind estimate without the diffusion run, whose sample it would discard: with a known kernel and no
	 * uncertainty map asked for, the faithful estimate needs only the kernel and &sigma; (given, or estimated
	 * from the plane as the solvers do).
	 */
	private DeblurResult estimateOnly(Image y, PadFrame frame, Image padded, float[][] kernels, EmConfig c,
			String stage, long doneAfter) {
		int ks = c.mStep().kernelSize();
		float[][] k = new float[kernels.length][];
		for (int j = 0; j < k.length; j++) {
			k[j] = Kernels.project(kernels[j], ks);
		}
		float[][] planes = new float[y.channels()][];
		for (int ch = 0; ch < planes.length; ch++) {
			planes[ch] = y.plane(ch);
		}
		double sigma = c.sigma().resolve(planes, y.width(), y.height());
		progress.update(done, total, stage + ", faithful estimate");
		FaithfulEstimate.Result f = new FaithfulEstimate(model, FaithfulEstimate.Settings.DEFAULT, c.tileSize(),
				c.tileOverlap(), c.tilesPerBatch()).run(padded, frame, k, ks, sigma, cancelled);
		residuals.add(new FaithfulNotes.Residual(stage, f.residualRms(), f.sigma()));
		done = doneAfter;
		progress.update(done, total, stage);
		Image out = frame.crop(f.image());
		return new DeblurResult(out, out, null, k, ks, sigma, List.of(), f.seconds());
	}
}
