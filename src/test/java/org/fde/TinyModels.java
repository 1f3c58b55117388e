package org.fde;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The folders of the tiny TorchScript fixtures of src/test/resources (made by
 * models/training/make_tiny_score_net.py), for the djl, imagej and cli tests.
 */
public final class TinyModels {

	private TinyModels() {
	}

	/** Folder of the tiny image prior (1 channel, size multiple 1). */
	public static Path score() {
		return folder("tiny-score");
	}

	/** Folder of the tiny kernel prior. */
	public static Path kernelPrior() {
		return folder("tiny-kernel-prior");
	}

	private static Path folder(String name) {
		URL url = TinyModels.class.getResource("/" + name + "/card.json");
		if (url == null) {
			throw new IllegalStateException("test resource /" + name + "/card.json missing: run "
					+ "/usr/bin/python3 models/training/make_tiny_score_net.py");
		}
		try {
			return Paths.get(url.toURI()).getParent();
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}
}
