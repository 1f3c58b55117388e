package org.fde.djl;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the shipped models live: an ordered list of <em>models roots</em>, each holding one folder per model
 * ({@value #IMAGE_PRIOR}, {@value #KERNEL_PRIOR}, ...) with a {@code card.json} inside. Immutable.
 * <p>
 * {@link #standard()} looks, in this order:
 * <ol>
 * <li>if the system property {@value #PROPERTY} is set: in that folder only (an explicit choice is never
 * silently replaced by another models folder);</li>
 * <li>otherwise in {@code ./models} (relative to the working directory: the repository checkout, or
 * {@code Fiji.app} when Fiji is started from its folder);</li>
 * <li>{@code models/} next to the jar holding this class (the command-line distribution:
 * {@code fast-diffusion-em.jar}, {@code lib/}, {@code models/});</li>
 * <li>{@code ../models/fast-diffusion-em/} from the jar's folder: the Fiji layout, with the jar in
 * {@code Fiji.app/jars/} or {@code Fiji.app/plugins/} and the models in
 * {@code Fiji.app/models/fast-diffusion-em/} (as the update site ships them);</li>
 * <li>{@code ../models/} from the jar's folder: the source checkout, with the jar in {@code target/};</li>
 * <li>{@code <imagej.dir>/models/fast-diffusion-em/} when Fiji's launcher set the {@code imagej.dir} property.</li>
 * </ol>
 */
public final class ModelStore {

	/** System property naming the models root explicitly. */
	public static final String PROPERTY = "fde.models";

	/** Folder of this plugin's models inside {@code Fiji.app/models/}. */
	public static final String FIJI_FOLDER = "fast-diffusion-em";

	/** Folder name of the image prior (the &epsilon;-network). */
	public static final String IMAGE_PRIOR = "image-prior";

	/** Folder name of the plug-and-play kernel prior. */
	public static final String KERNEL_PRIOR = "kernel-prior";

	private final List<Path> roots;
	private final String origin;

	private ModelStore(List<Path> roots, String origin) {
		this.roots = List.copyOf(roots);
		this.origin = origin;
	}

	/** The standard search order described in the class comment. */
	public static ModelStore standard() {
		String explicit = System.getProperty(PROPERTY);
		if (explicit != null && !explicit.isBlank()) {
			return new ModelStore(List.of(Paths.get(explicit).toAbsolutePath().normalize()), "system property "
					+ PROPERTY);
		}
		Set<Path> roots = new LinkedHashSet<>();
		roots.add(Paths.get("models").toAbsolutePath().normalize());
		Path jarDir = jarDirectory();
		if (jarDir != null) {
			roots.add(jarDir.resolve("models").normalize());
			Path parent = jarDir.getParent();
			if (parent != null) {
				roots.add(parent.resolve("models").resolve(FIJI_FOLDER).normalize());
				roots.add(parent.resolve("models").normalize()); // the source checkout: target/ beside models/
			}
		}
		String imagejDir = System.getProperty("imagej.dir");
		if (imagejDir != null && !imagejDir.isBlank()) {
			roots.add(Paths.get(imagejDir).resolve("models").resolve(FIJI_FOLDER).toAbsolutePath().normalize());
		}
		return new ModelStore(new ArrayList<>(roots), "standard search order");
	}

	/** A store over the given roots, searched in order. */
	public static ModelStore of(List<Path> roots) {
		if (roots.isEmpty()) {
			throw new IllegalArgumentException("a model store needs at least one models root");
		}
		return new ModelStore(roots.stream().map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toList()),
				"given roots");
	}

	/** The models roots, in search order. */
	public List<Path> roots() {
		return roots;
	}

	/**
	 * The folder of a model: the first {@code <root>/<modelName>} holding a {@code card.json}. The card itself is
	 * not validated here (see {@link ModelCard#read}).
	 *
	 * @throws InvalidModelException if no root has it; the message lists every place looked in and how to point
	 *                               at another folder
	 */
	public Path find(String modelName) {
		for (Path root : roots) {
			Path dir = root.resolve(modelName);
			if (Files.isRegularFile(dir.resolve(ModelCard.CARD_FILE))) {
				return dir;
			}
		}
		String places = roots.stream().map(r -> r.resolve(modelName).resolve(ModelCard.CARD_FILE).toString())
				.collect(Collectors.joining(", "));
		throw new InvalidModelException(Paths.get(modelName), null, "model '" + modelName + "' not found ("
				+ origin + "); looked for " + places + ". Give the model's folder with " + option(modelName)
				+ ", install the models next to the plugin (Fiji.app/models/" + FIJI_FOLDER + "/), or set -D"
				+ PROPERTY + "=<folder holding " + modelName + "/card.json>");
	}

	/** The command-line option and the Fiji field that name a model folder of this kind. */
	private static String option(String modelName) {
		return KERNEL_PRIOR.equals(modelName) ? "--kernelmodel (Fiji: the kernelmodel field)"
				: "--model (Fiji: the model field)";
	}

	@Override
	public String toString() {
		return "ModelStore" + roots;
	}

	/** The folder of the jar holding this class, or null when running from a class folder or unknown. */
	private static Path jarDirectory() {
		try {
			CodeSource source = ModelStore.class.getProtectionDomain().getCodeSource();
			if (source == null || source.getLocation() == null) {
				return null;
			}
			Path location = Paths.get(source.getLocation().toURI());
			return Files.isRegularFile(location) ? location.toAbsolutePath().getParent() : null;
		} catch (URISyntaxException | RuntimeException e) {
			return null;
		}
	}
}
