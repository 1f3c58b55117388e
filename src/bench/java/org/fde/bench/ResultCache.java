package org.fde.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Per-(method, case) results on disk, so that an interrupted run resumes where it stopped: one small properties file
 * {@code <root>/<method cache key>/<case id>.properties} with the metrics, next to the output image
 * ({@code .png}) and kernel ({@code -kernel.png}) for the figures and, for diffusion methods, the per-step diagnostics
 * ({@code -steps.csv}). Files are written to a temporary name and moved into place, so a killed run never leaves a
 * half-written result that would be taken as done. Only successful results are stored.
 */
public final class ResultCache {

	private final Path root;

	public ResultCache(Path root) {
		this.root = root;
	}

	public Path root() {
		return root;
	}

	/** The folder of a method's results. */
	public Path folder(String cacheKey) {
		return root.resolve(cacheKey);
	}

	private Path file(String cacheKey, String caseId) {
		return folder(cacheKey).resolve(caseId + ".properties");
	}

	/** The stored output image of a (method, case), or a path that may not exist. */
	public Path image(String cacheKey, String caseId) {
		return folder(cacheKey).resolve(caseId + ".png");
	}

	/** The stored kernel image of a (method, case), or a path that may not exist. */
	public Path kernel(String cacheKey, String caseId) {
		return folder(cacheKey).resolve(caseId + "-kernel.png");
	}

	/** The stored per-step diagnostics of a (method, case), or a path that may not exist. */
	public Path steps(String cacheKey, String caseId) {
		return folder(cacheKey).resolve(caseId + "-steps.csv");
	}

	/** The stored x&#770;0 strip (Figure 2) of a (method, case): the snapshots side by side, unit range. */
	public Path x0Strip(String cacheKey, String caseId) {
		return folder(cacheKey).resolve(caseId + "-x0-strip.png");
	}

	/** The stored kernel strip (Figure 2) of a (method, case): each kernel scaled to its own maximum. */
	public Path kernelStrip(String cacheKey, String caseId) {
		return folder(cacheKey).resolve(caseId + "-kernel-strip.png");
	}

	/** The cached metrics, if present and readable (an unreadable file is treated as absent and will be redone). */
	public Optional<MetricRow> load(String cacheKey, String caseId) {
		Path f = file(cacheKey, caseId);
		if (!Files.isRegularFile(f)) {
			return Optional.empty();
		}
		Properties p = new Properties();
		try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
			p.load(r);
			return Optional.of(MetricRow.fromProperties(p));
		} catch (IOException | IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	/** Stores the metrics (atomically replacing any previous file). */
	public void store(String cacheKey, MetricRow row) throws IOException {
		Path f = file(cacheKey, row.caseId());
		Files.createDirectories(f.getParent());
		Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
		try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
			row.toProperties().store(w, "fast-diffusion-em bench result");
		}
		try {
			Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} catch (AtomicMoveNotSupportedException e) {
			Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
