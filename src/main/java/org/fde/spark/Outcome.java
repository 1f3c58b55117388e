package org.fde.spark;

import java.io.Serializable;

/**
 * What one task did with its image.
 *
 * @param error   null when the outputs were written; else why the image failed (the command line's message)
 * @param seconds wall time of the task, staging included
 */
public record Outcome(RemoteTarget target, String error, double seconds) implements Serializable {

	private static final long serialVersionUID = 1L;

	/** True when every output was written. */
	public boolean ok() {
		return error == null;
	}
}
