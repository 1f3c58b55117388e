package org.fde.imagej;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.fde.djl.DeviceChoice;
import org.fde.djl.DjlEnvironment;
import org.fde.djl.DjlScoreModel;
import org.fde.djl.ModelCache;
import org.fde.djl.ModelStore;
import org.fde.score.KernelPrior;
import org.fde.score.Rot180Ensemble;
import org.fde.score.ScoreModel;
import org.fde.stack.Hyperstack;
import org.fde.stack.ProgressText;
import org.fde.stack.StackDeblur;
import org.fde.stack.StackRequest;
import org.fde.stack.StackResult;
import org.fde.stack.UserParameter;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.task.Task;
import org.scijava.task.TaskService;
import org.scijava.ui.UIService;

import ij.ImagePlus;
import ij.macro.Interpreter;

/**
 * What the Fiji commands share: error reporting, model loading, progress and cancellation.
 * <p>
 * <b>Errors.</b> Invalid input (bad parameters, unsupported or empty images, NaN/infinite pixels, missing or
 * invalid model files) makes the command log the message, record it as its cancel reason ({@link #cancel(String)}),
 * abort a calling ImageJ 1 macro, and throw the exception (Java and script callers get it from the module's
 * future; Fiji's legacy layer rethrows it into ImageJ 1, which logs it). The macro abort is needed because ImageJ 1
 * only logs an exception thrown by a command called with {@code run("...")} and then lets the macro go on. A user
 * cancellation (the task's cancel button) cancels the command (no outputs, no exception) and also stops the macro.
 * <p>
 * <b>Execution.</b> Synchronous: {@link #run()} returns when the work is done, so macros wait. The networks are
 * borrowed from the {@link ModelCacheService}, so a running Fiji loads each model once (without that service, as in a
 * minimal context, they are loaded for the run and closed at its end). Progress goes to a {@link TaskService} task (Fiji's task
 * monitor, with a cancel button) and to the {@link StatusService}. No AWT is touched when headless.
 */
abstract class DeblurCommandBase extends ContextCommand {

	@Parameter
	private LogService log;

	@Parameter
	private StatusService status;

	@Parameter(required = false)
	private TaskService taskService;

	@Parameter(required = false)
	private UIService uiService;

	@Parameter(required = false)
	private ModelCacheService modelCache;

	/** The menu leaf, used as the macro command name and in messages. */
	abstract String commandName();

	/** The command's work; exceptions are reported by {@link #run()}. */
	abstract void execute();

	@Override
	public final void run() {
		try {
			execute();
		} catch (CancellationException e) {
			String reason = commandName() + " cancelled" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
			log().info(reason);
			cancel(reason);
			abortMacro(null);
		} catch (RuntimeException e) {
			String reason = commandName() + ": " + e.getMessage();
			log().error(reason);
			cancel(reason);
			abortMacro(reason);
			throw e;
		}
	}

	/**
	 * Stops the ImageJ 1 macro that called this command, if one is running: with ImageJ's macro error message in a
	 * GUI, silently (the exception is still logged) when headless, where the message dialog would need AWT.
	 *
	 * @param message the error, or null for a user cancellation
	 */
	private void abortMacro(String message) {
		Interpreter macro = Interpreter.getInstance();
		if (macro == null) {
			return;
		}
		try {
			if (message == null || uiService == null || uiService.isHeadless()) {
				macro.abortMacro();
			} else {
				macro.abort(message);
			}
		} catch (RuntimeException e) {
			// ImageJ signals the abort with a "Macro canceled" exception: the macro is stopped either way
		}
	}

	LogService log() {
		return log;
	}

	/**
	 * Loads the models, runs the job with progress and cancellation, and closes the models.
	 *
	 * @param kernelModel ignored for non-blind requests
	 * @param threads     0 = leave PyTorch's thread count; else set for the run and restored afterwards
	 * @param ensemble    1, or 2 for the image prior's rotation ensemble ({@link Rot180Ensemble})
	 */
	StackResult deblur(Hyperstack y, StackRequest request, File model, File kernelModel, String device,
			int threads, int ensemble) {
		DeviceChoice dev = UserParameter.DEVICE.check(device, DeviceChoice.class);
		UserParameter.THREADS.check(threads);
		UserParameter.ENSEMBLE.check(ensemble);
		StackDeblur.checkInput(y, request); // before the models load (seconds)
		int threadsBefore = -1;
		Task task = taskService == null ? null : taskService.createTask(commandName());
		BooleanSupplier cancelled = () -> isCanceled() || (task != null && task.isCanceled())
				|| Thread.currentThread().isInterrupted();
		try {
			if (threads > 0) {
				threadsBefore = DjlEnvironment.threads();
				DjlScoreModel.setThreads(threads);
			}
			long total = StackDeblur.totalSteps(y, request);
			if (task != null) {
				task.setProgressMaximum(total);
				task.setStatusMessage("loading models");
				task.setCancelCallBack(() -> log.info(commandName() + ": cancel requested"));
				task.start();
			}
			status.showStatus(commandName() + ": loading models");
			ModelCache cache = modelCache != null ? modelCache.cache() : new ModelCache(); // else: this run only
			long loadStart = System.nanoTime();
			try (ModelCache.Lease<DjlScoreModel> image = cache.imagePrior(modelFolder(UserParameter.MODEL, model,
					ModelStore.IMAGE_PRIOR), dev);
					ModelCache.Lease<KernelPrior> kernel = request.method().isBlind() ? cache.kernelPrior(
							modelFolder(UserParameter.KERNEL_MODEL, kernelModel, ModelStore.KERNEL_PRIOR), dev) : null) {
				DjlScoreModel imagePrior = image.get();
				KernelPrior kernelPrior = kernel == null ? null : kernel.get();
				ScoreModel prior = Rot180Ensemble.of(imagePrior, ensemble); // not closed: the cache owns the model
				boolean reused = image.reused() && (kernel == null || kernel.reused());
				log.info(String.format(Locale.ROOT, "%s: image prior %s%s; %s (%s); %s", commandName(), prior,
						kernelPrior == null ? "" : ", kernel prior " + kernelPrior, reused
								? "models already loaded (they stay loaded while Fiji runs)"
								: String.format(Locale.ROOT, "models loaded in %.1f s", (System.nanoTime() - loadStart)
										* 1e-9), DjlEnvironment.deviceSummary(dev), y));
				long start = System.nanoTime();
				ProgressText text = new ProgressText();
				StackResult result = StackDeblur.run(y, request, prior, kernelPrior, (done, tot, stage) -> {
					String line = text.line(done, tot, stage);
					if (task != null) {
						task.setProgressMaximum(tot);
						task.setProgressValue(done);
						task.setStatusMessage(line);
					}
					status.showProgress((int) Math.min(Integer.MAX_VALUE, done), (int) Math.min(Integer.MAX_VALUE,
							tot));
					status.showStatus(commandName() + ": " + line);
				}, cancelled);
				for (String note : result.notes()) {
					log.info(commandName() + ": " + note);
				}
				log.info(String.format(Locale.ROOT, "%s: done in %.1f s", commandName(),
						(System.nanoTime() - start) * 1e-9));
				return result;
			} finally {
				if (modelCache == null) {
					cache.close();
				}
			}
		} finally {
			if (threadsBefore > 0) {
				DjlScoreModel.setThreads(threadsBefore);
			}
			if (task != null) {
				task.finish();
			}
			status.clearStatus();
		}
	}

	/**
	 * Adds the run's notes (intensity range, noise level, the faithful estimate's reblur residual against &sigma;) to
	 * the output's "Info" metadata (Image &gt; Show Info), after any the input carried.
	 */
	static void describe(ImagePlus out, StackResult r) {
		if (out == null || r.notes().isEmpty()) {
			return;
		}
		Object before = out.getProperty("Info");
		String info = (before instanceof String b && !b.isEmpty() ? b + "\n" : "") + "Fast Diffusion EM:\n"
				+ String.join("\n", r.notes());
		out.setProperty("Info", info);
	}

	/** The calibration-preserving 32-bit output of a result hyperstack. */
	static ImagePlus output(Hyperstack hs, ImagePlus input, String suffix) {
		return hs == null ? null : ImagePlusBridge.write(hs, ImagePlusBridge.baseTitle(input) + suffix, input);
	}

	/**
	 * A model folder: the given one when set (it must exist), else the shipped one from {@link ModelStore}.
	 *
	 * @param given   the parameter value; null or an empty path means the shipped model
	 * @param shipped {@link ModelStore#IMAGE_PRIOR} or {@link ModelStore#KERNEL_PRIOR}
	 */
	static Path modelFolder(UserParameter key, File given, String shipped) {
		if (given == null || given.getPath().trim().isEmpty()) {
			return ModelStore.standard().find(shipped);
		}
		Path p = given.toPath().toAbsolutePath().normalize();
		if (!Files.isDirectory(p)) {
			throw key.invalid(": the model folder " + p + " does not exist (or is not a folder); leave it empty to "
					+ "use the shipped model");
		}
		return p;
	}

	/** The 0-based (slice, frame) currently selected in the image (its reference plane). */
	static int[] currentSliceAndFrame(ImagePlus imp) {
		int[] pos = imp.convertIndexToPosition(Math.max(1, imp.getCurrentSlice()));
		return new int[] { pos[1] - 1, pos[2] - 1 };
	}
}
