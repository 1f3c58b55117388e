package org.fde.imagej;

import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Process &rsaquo; Deblur &rsaquo; Release Deblur Models: frees the networks the deblurring commands keep loaded. */
@Plugin(type = Command.class, headless = true, menuPath = "Process>Deblur>Release Deblur Models",
		label = "Release Deblur Models", description = "Frees the memory of the networks kept loaded between runs")
public final class ReleaseModelsCommand implements Command {

	@Parameter
	private ModelCacheService models;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		int kept = models.cache().size();
		models.release();
		log.info("Deblur: released " + kept + " kept network" + (kept == 1 ? "" : "s"));
	}
}
