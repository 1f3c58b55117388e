package org.fde.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.fde.TinyModels;
import org.fde.score.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Reading and validating card.json, and the load-time probe of the networks. */
class ModelCardTest {

	@TempDir
	Path tmp;

	@Test
	void readsTheImagePriorCard() {
		ModelCard card = ModelCard.read(TinyModels.score());
		assertEquals(ModelCard.Role.IMAGE_PRIOR, card.role());
		assertEquals(new ModelSpec("tiny-test-net", 1, 1, 1000, 1e-4, 0.02), card.toSpec());
		assertEquals(TinyModels.score().resolve("model.pt").toAbsolutePath().normalize(), card.modelFile());
		assertEquals(20240104L, card.training().get("seed"));
		assertEquals(Map.of(), card.metrics());
		assertTrue(card.forwardSignature().startsWith("forward(x"));
		assertThrows(IllegalStateException.class, card::kernelSizes);
		assertThrows(UnsupportedOperationException.class, () -> card.training().put("x", 1));
	}

	@Test
	void readsTheKernelPriorCard() {
		ModelCard card = ModelCard.read(TinyModels.kernelPrior().resolve(ModelCard.CARD_FILE),
				ModelCard.Role.KERNEL_PRIOR);
		assertEquals(List.of(33, 64), card.kernelSizes());
		assertEquals("tiny-test-kernel-prior", card.name());
		assertThrows(IllegalStateException.class, card::toSpec);
	}

	static Stream<Arguments> badImagePriorCards() {
		return Stream.of(
				Arguments.of("format", "\"fde-model-card/2\"", "format"),
				Arguments.of("role", "\"kernel-prior\"", "role"),
				Arguments.of("role", "\"denoiser\"", "role"),
				Arguments.of("file", "\"missing.pt\"", "file"),
				Arguments.of("framework", "\"onnx\"", "framework"),
				Arguments.of("layout", "\"NHWC\"", "layout"),
				Arguments.of("dtype", "\"float16\"", "dtype"),
				Arguments.of("channels", "0", "channels"),
				Arguments.of("channels", "1.5", "channels"),
				Arguments.of("value_range", "[0.0, 1.0]", "value_range"),
				Arguments.of("parameterisation", "\"x0\"", "parameterisation"),
				Arguments.of("timestep", "\"continuous-sigma\"", "timestep"),
				Arguments.of("schedule.name", "\"cosine\"", "schedule.name"),
				Arguments.of("schedule.beta_end", "1e-5", "schedule"),
				Arguments.of("schedule.steps", "1", "schedule.steps"),
				Arguments.of("size_multiple", "\"16\"", "size_multiple"),
				Arguments.of("name", null, "name"),
				Arguments.of("methods", "{}", "methods.forward"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("badImagePriorCards")
	void invalidImagePriorCardNamesTheField(String field, String json, String reported) throws IOException {
		Path dir = copyWithChange(TinyModels.score(), field, json);
		InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCard.read(dir,
				ModelCard.Role.IMAGE_PRIOR));
		assertEquals(reported, e.field(), e.getMessage());
		assertTrue(e.getMessage().contains("'" + reported + "'"), e.getMessage());
		assertTrue(e.getMessage().contains(ModelCard.CARD_FILE), e.getMessage());
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("badImagePriorCards")
	void invalidImagePriorCardIsRejectedByLoad(String field, String json, String reported) throws IOException {
		Path dir = copyWithChange(TinyModels.score(), field, json);
		InvalidModelException e = assertThrows(InvalidModelException.class, () -> DjlScoreModel.load(dir,
				DeviceChoice.CPU));
		assertEquals(reported, e.field(), e.getMessage());
	}

	@Test
	void invalidKernelPriorCardsNameTheField() throws IOException {
		String[][] cases = { { "inputs", "[\"kernel\"]", "inputs" }, { "kernel_sizes", "[]", "kernel_sizes" },
				{ "kernel_sizes", "[33, 0]", "kernel_sizes[1]" }, { "level_range", "[0.5, 0.1]", "level_range" },
				{ "noise_level", "\"sigma\"", "noise_level" }, { "role", "\"image-prior\"", "role" } };
		for (String[] c : cases) {
			Path dir = copyWithChange(TinyModels.kernelPrior(), c[0], c[1]);
			InvalidModelException e = assertThrows(InvalidModelException.class, () -> DjlKernelPrior.load(dir,
					DeviceChoice.CPU));
			assertEquals(c[2], e.field(), e.getMessage());
		}
	}

	@Test
	void missingOrMalformedCard() throws IOException {
		Path empty = Files.createDirectories(tmp.resolve("empty"));
		InvalidModelException missing = assertThrows(InvalidModelException.class, () -> ModelCard.read(empty));
		assertTrue(missing.getMessage().contains("card.json"), missing.getMessage());
		Path broken = Files.createDirectories(tmp.resolve("broken"));
		Files.writeString(broken.resolve("card.json"), "{\"format\": ");
		InvalidModelException malformed = assertThrows(InvalidModelException.class, () -> ModelCard.read(broken));
		assertTrue(malformed.getMessage().contains("not valid JSON"), malformed.getMessage());
	}

	@Test
	void fileThatIsNotTorchScriptIsRejected() throws IOException {
		Path dir = copyWithChange(TinyModels.score(), "name", "\"garbage\"");
		Files.writeString(dir.resolve("model.pt"), "not a TorchScript archive");
		InvalidModelException e = assertThrows(InvalidModelException.class, () -> DjlScoreModel.load(dir,
				DeviceChoice.CPU));
		assertEquals("file", e.field(), e.getMessage());
	}

	@Test
	void probeRejectsANetworkThatDoesNotFitTheCard() throws IOException {
		// the kernel prior's forward takes one input
		Path wrongNet = copyWithChange(TinyModels.score(), "name", "\"wrong-net\"");
		Files.copy(TinyModels.kernelPrior().resolve("model.pt"), wrongNet.resolve("model.pt"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		InvalidModelException e1 = assertThrows(InvalidModelException.class, () -> DjlScoreModel.load(wrongNet,
				DeviceChoice.CPU));
		assertEquals("methods.forward", e1.field(), e1.getMessage());
		// the tiny network takes one channel, the card claims two
		Path wrongChannels = copyWithChange(TinyModels.score(), "channels", "2");
		InvalidModelException e2 = assertThrows(InvalidModelException.class, () -> DjlScoreModel.load(wrongChannels,
				DeviceChoice.CPU));
		assertEquals("methods.forward", e2.field(), e2.getMessage());
		assertTrue(e2.getMessage().contains("probe"), e2.getMessage());
	}

	/** Copies a fixture folder into the temp dir and sets (json != null) or removes a dotted field of its card. */
	private Path copyWithChange(Path fixture, String field, String json) throws IOException {
		Path dir = Files.createTempDirectory(tmp, "model");
		for (String f : new String[] { "model.pt", "card.json" }) {
			Files.copy(fixture.resolve(f), dir.resolve(f));
		}
		JsonObject card;
		try (Reader r = Files.newBufferedReader(dir.resolve("card.json"), StandardCharsets.UTF_8)) {
			card = JsonParser.parseReader(r).getAsJsonObject();
		}
		String[] parts = field.split("\\.");
		JsonObject parent = card;
		for (int i = 0; i < parts.length - 1; i++) {
			parent = parent.getAsJsonObject(parts[i]);
		}
		String last = parts[parts.length - 1];
		if (json == null) {
			parent.remove(last);
		} else {
			JsonElement value = JsonParser.parseString(json);
			parent.add(last, value);
		}
		Files.writeString(dir.resolve("card.json"), card.toString());
		return dir;
	}
}
