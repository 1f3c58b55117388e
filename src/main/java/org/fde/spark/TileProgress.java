package org.fde.spark;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs on the driver the tiles done out of the total of the current network pass of a tile-mode job
 * ({@code big.tif: pass 3, 12/25 tiles}), at every tenth of the pass and at its end.
 */
final class TileProgress extends JobGroupListener {

	private static final Logger LOG = LoggerFactory.getLogger(TileProgress.class);

	private String name = "";
	private int pass;
	private int total;
	private int done;

	/** @param group the Spark job group of the tile-mode job */
	TileProgress(String group) {
		super(group);
	}

	/** A new pass over {@code total} tiles begins. */
	synchronized void startPass(String image, int number, int planes) {
		name = image;
		pass = number;
		total = planes;
		done = 0;
		clearStages();
	}

	@Override
	void succeeded() {
		done++;
		if (done == total || done % Math.max(1, total / 10) == 0) {
			LOG.info(String.format(Locale.ROOT, "%s: pass %d, %d/%d tiles", name, pass, done, total));
		}
	}
}
