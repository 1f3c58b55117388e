package org.fde.djl;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.fde.score.ModelSpec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The validated contents of a model folder's {@code card.json} (format {@value #FORMAT}): what the network is, what
 * it accepts and where its TorchScript file lies. Immutable.
 * <p>
 * Common fields: {@code format}, {@code role} ({@code image-prior} or {@code kernel-prior}), {@code file} (relative
 * to the card's folder; must exist), {@code framework} = {@code torchscript}, {@code layout} = {@code NCHW},
 * {@code dtype} = {@code float32}, {@code methods.forward} (a signature string), optional {@code name},
 * {@code version}, and free-form {@code training} and {@code metrics} objects.
 * <p>
 * Image prior ({@code role = image-prior}): {@code name} (required), {@code channels} &ge; 1,
 * {@code value_range} = [&minus;1, 1], {@code parameterisation} = {@code epsilon}, {@code timestep} =
 * {@code original-index}, {@code schedule} = {name: linear, beta_start, beta_end, steps} with 0 &lt; beta_start
 * &lt; beta_end &lt; 1 and steps &ge; 2, {@code size_multiple} &ge; 1.
 * <p>
 * Kernel prior ({@code role = kernel-prior}): {@code inputs} = [kernel, noise_level_map], {@code kernel_sizes} (the
 * trained sizes, each &ge; 1), {@code noise_level} = {@code sqrt(lambda/beta)}, {@code level_range} = [lo, hi] with
 * 0 &le; lo &lt; hi.
 * <p>
 * Every violation throws {@link InvalidModelException} naming the card file and the (dotted) field. Reading a card
 * does not touch DJL; the load-time probe of the network itself is done by {@link DjlScoreModel} and
 * {@link DjlKernelPrior}.
 */
public final class ModelCard {

	/** The only card format understood. */
	public static final String FORMAT = "fde-model-card/1";

	/** Name of the card inside a model folder. */
	public static final String CARD_FILE = "card.json";

	/** What a network is for. */
	public enum Role {
		/** The &epsilon;-predicting diffusion network. */
		IMAGE_PRIOR("image-prior"),
		/** The plug-and-play kernel denoiser of the M-step. */
		KERNEL_PRIOR("kernel-prior");

		private final String id;

		Role(String id) {
			this.id = id;
		}

		/** The value of the card's {@code role} field. */
		public String id() {
			return id;
		}
	}

	private final Path cardPath;
	private final Role role;
	private final String name;
	private final String version;
	private final Path modelFile;
	private final String forwardSignature;
	private final Map<String, Object> training;
	private final Map<String, Object> metrics;
	// image prior
	private final int channels;
	private final int sizeMultiple;
	private final int steps;
	private final double betaStart;
	private final double betaEnd;
	// kernel prior
	private final List<Integer> kernelSizes;
	private final double levelMin;
	private final double levelMax;

	private ModelCard(CardFields f, Role role) {
		this.cardPath = f.path;
		this.role = role;
		Path dir = f.path.toAbsolutePath().getParent();
		String fileName = f.string("file");
		this.modelFile = dir.resolve(fileName).normalize();
		if (!Files.isRegularFile(modelFile)) {
			throw f.error("file", "model file " + modelFile + " does not exist (or is not a regular file)");
		}
		f.expect("framework", "torchscript");
		f.expect("layout", "NCHW");
		f.expect("dtype", "float32");
		this.forwardSignature = f.object("methods").has("forward") ? f.string("methods.forward")
				: f.fail("methods.forward", "missing: the signature of the network's forward method");
		String defaultName = dir.getFileName() == null ? "model" : dir.getFileName().toString();
		this.name = role == Role.IMAGE_PRIOR ? f.string("name") : f.optString("name", defaultName);
		this.version = f.optString("version", "unversioned");
		this.training = f.optFreeForm("training");
		this.metrics = f.optFreeForm("metrics");
		if (role == Role.IMAGE_PRIOR) {
			this.channels = f.integer("channels", 1);
			this.sizeMultiple = f.integer("size_multiple", 1);
			double[] range = f.numbers("value_range", 2);
			if (range[0] != -1.0 || range[1] != 1.0) {
				throw f.error("value_range", "expected [-1.0, 1.0], got [" + range[0] + ", " + range[1] + "]");
			}
			f.expect("parameterisation", "epsilon");
			f.expect("timestep", "original-index");
			f.object("schedule");
			f.expect("schedule.name", "linear");
			this.betaStart = f.number("schedule.beta_start");
			this.betaEnd = f.number("schedule.beta_end");
			if (!(betaStart > 0 && betaStart < betaEnd && betaEnd < 1)) {
				throw f.error("schedule", "expected 0 < beta_start < beta_end < 1, got beta_start=" + betaStart
						+ ", beta_end=" + betaEnd);
			}
			this.steps = f.integer("schedule.steps", 2);
			this.kernelSizes = List.of();
			this.levelMin = Double.NaN;
			this.levelMax = Double.NaN;
		} else {
			List<String> inputs = f.strings("inputs");
			if (!inputs.equals(List.of("kernel", "noise_level_map"))) {
				throw f.error("inputs", "expected [\"kernel\", \"noise_level_map\"], got " + inputs);
			}
			JsonArray sizes = f.array("kernel_sizes");
			if (sizes.size() == 0) {
				throw f.error("kernel_sizes", "expected at least one kernel size");
			}
			List<Integer> ks = new ArrayList<>();
			for (int i = 0; i < sizes.size(); i++) {
				ks.add(f.integer("kernel_sizes[" + i + "]", sizes.get(i), 1));
			}
			this.kernelSizes = List.copyOf(ks);
			f.expect("noise_level", "sqrt(lambda/beta)");
			double[] range = f.numbers("level_range", 2);
			if (!(range[0] >= 0 && range[0] < range[1])) {
				throw f.error("level_range", "expected [lo, hi] with 0 <= lo < hi, got [" + range[0] + ", "
						+ range[1] + "]");
			}
			this.levelMin = range[0];
			this.levelMax = range[1];
			this.channels = 0;
			this.sizeMultiple = 0;
			this.steps = 0;
			this.betaStart = Double.NaN;
			this.betaEnd = Double.NaN;
		}
	}

	/**
	 * Reads and validates a card of any role.
	 *
	 * @param location a model folder (holding {@value #CARD_FILE}) or the card file itself
	 * @throws InvalidModelException if the card is missing, unreadable, malformed or invalid
	 */
	public static ModelCard read(Path location) {
		return read(location, null);
	}

	/**
	 * Reads and validates a card that must have the given role (checked right after {@code format}, before the
	 * role's own fields).
	 *
	 * @param location a model folder (holding {@value #CARD_FILE}) or the card file itself
	 * @param expected the required role, or {@code null} for any
	 * @throws InvalidModelException if the card is missing, unreadable, malformed, invalid or of another role
	 */
	public static ModelCard read(Path location, Role expected) {
		Path path = Files.isDirectory(location) ? location.resolve(CARD_FILE) : location;
		if (!Files.isRegularFile(path)) {
			throw new InvalidModelException(path, null, "no model card: the folder " + path.getParent()
					+ " must hold a " + CARD_FILE + " (format " + FORMAT + ")");
		}
		JsonObject root;
		try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			JsonElement parsed = JsonParser.parseReader(reader);
			if (!parsed.isJsonObject()) {
				throw new InvalidModelException(path, null, "expected a JSON object at the top level");
			}
			root = parsed.getAsJsonObject();
		} catch (IOException e) {
			throw new InvalidModelException(path, null, "cannot read the card: " + e.getMessage(), e);
		} catch (JsonParseException e) {
			throw new InvalidModelException(path, null, "not valid JSON: " + e.getMessage(), e);
		}
		CardFields f = new CardFields(path, root);
		f.expect("format", FORMAT);
		String roleId = f.string("role");
		Role role = null;
		for (Role r : Role.values()) {
			if (r.id.equals(roleId)) {
				role = r;
			}
		}
		if (expected != null && role != expected) {
			throw f.error("role", "expected \"" + expected.id + "\", got \"" + roleId + "\"");
		}
		if (role == null) {
			throw f.error("role", "expected \"image-prior\" or \"kernel-prior\", got \"" + roleId + "\"");
		}
		return new ModelCard(f, role);
	}

	/** The card file this was read from. */
	public Path cardPath() {
		return cardPath;
	}

	/** The model folder (the card's parent). */
	public Path directory() {
		return cardPath.toAbsolutePath().getParent();
	}

	/** What the network is for (the card's {@code role}). */
	public Role role() {
		return role;
	}

	/** Model name (for kernel priors without one: the folder name). */
	public String name() {
		return name;
	}

	/** Model version ("unversioned" when the card has none). */
	public String version() {
		return version;
	}

	/** The TorchScript file, resolved against the card's folder; it existed when the card was read. */
	public Path modelFile() {
		return modelFile;
	}

	/** The documented signature of the network's forward method ({@code methods.forward}). */
	public String forwardSignature() {
		return forwardSignature;
	}

	/** The free-form {@code training} object (unmodifiable; numbers as Long or Double). Empty if absent. */
	public Map<String, Object> training() {
		return training;
	}

	/** The free-form {@code metrics} object (unmodifiable; numbers as Long or Double). Empty if absent. */
	public Map<String, Object> metrics() {
		return metrics;
	}

	/** Image channels (image prior only). */
	public int channels() {
		requireRole(Role.IMAGE_PRIOR, "channels");
		return channels;
	}

	/** Height and width must be multiples of this (image prior only). */
	public int sizeMultiple() {
		requireRole(Role.IMAGE_PRIOR, "size_multiple");
		return sizeMultiple;
	}

	/** The numeric contract of an image prior, for the core. */
	public ModelSpec toSpec() {
		requireRole(Role.IMAGE_PRIOR, "toSpec()");
		return new ModelSpec(name, channels, sizeMultiple, steps, betaStart, betaEnd);
	}

	/** The kernel sizes the kernel prior was trained for (kernel prior only; unmodifiable). */
	public List<Integer> kernelSizes() {
		requireRole(Role.KERNEL_PRIOR, "kernel_sizes");
		return kernelSizes;
	}

	/** Lower end of the trained noise-level range (kernel prior only). */
	public double levelMin() {
		requireRole(Role.KERNEL_PRIOR, "level_range");
		return levelMin;
	}

	/** Upper end of the trained noise-level range (kernel prior only). */
	public double levelMax() {
		requireRole(Role.KERNEL_PRIOR, "level_range");
		return levelMax;
	}

	@Override
	public String toString() {
		String head = role.id + " '" + name + "' " + version + " (" + modelFile + ")";
		if (role == Role.IMAGE_PRIOR) {
			return head + String.format(Locale.ROOT, ", channels=%d, size_multiple=%d, linear schedule %g..%g "
					+ "over %d steps", channels, sizeMultiple, betaStart, betaEnd, steps);
		}
		return head + ", kernel sizes " + kernelSizes + ", levels [" + levelMin + ", " + levelMax + "]";
	}

	private void requireRole(Role wanted, String what) {
		if (role != wanted) {
			throw new IllegalStateException(what + " is defined for " + wanted.id + " cards only; " + cardPath
					+ " is a " + role.id + " card");
		}
	}
}
