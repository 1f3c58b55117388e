package org.fde.spark;

import java.io.Serializable;

/**
 * One input image and where its results go, as Hadoop file system URIs or paths.
 *
 * @param index       0-based position of the input in the job's sorted list (for logs)
 * @param kernel      null when not asked
 * @param uncertainty null when not asked
 */
public record RemoteTarget(int index, String input, String output, String kernel, String uncertainty)
		implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The input's file name. */
	public String name() {
		return new org.apache.hadoop.fs.Path(input).getName();
	}
}
