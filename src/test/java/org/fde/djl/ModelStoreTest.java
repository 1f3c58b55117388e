package org.fde.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving the models folder. */
class ModelStoreTest {

	@TempDir
	Path tmp;

	@Test
	void findsTheFirstRootHoldingTheModel() throws IOException {
		Path a = Files.createDirectories(tmp.resolve("a"));
		Path b = Files.createDirectories(tmp.resolve("b/image-prior"));
		Files.writeString(b.resolve("card.json"), "{}");
		ModelStore store = ModelStore.of(List.of(a, tmp.resolve("b")));
		assertEquals(b, store.find(ModelStore.IMAGE_PRIOR));
	}

	@Test
	void missingModelListsThePlacesLookedIn() {
		ModelStore store = ModelStore.of(List.of(tmp.resolve("x"), tmp.resolve("y")));
		InvalidModelException e = assertThrows(InvalidModelException.class, () -> store.find("kernel-prior"));
		assertTrue(e.getMessage().contains(tmp.resolve("x/kernel-prior/card.json").toString()), e.getMessage());
		assertTrue(e.getMessage().contains(tmp.resolve("y/kernel-prior/card.json").toString()), e.getMessage());
		assertTrue(e.getMessage().contains(ModelStore.PROPERTY), e.getMessage());
	}

	@Test
	void systemPropertyIsTheOnlyPlaceWhenSet() throws IOException {
		String previous = System.getProperty(ModelStore.PROPERTY);
		try {
			System.setProperty(ModelStore.PROPERTY, tmp.toString());
			assertEquals(List.of(tmp.toAbsolutePath().normalize()), ModelStore.standard().roots());
			Path dir = Files.createDirectories(tmp.resolve("image-prior"));
			Files.writeString(dir.resolve("card.json"), "{}");
			assertEquals(dir, ModelStore.standard().find("image-prior"));
		} finally {
			if (previous == null) {
				System.clearProperty(ModelStore.PROPERTY);
			} else {
				System.setProperty(ModelStore.PROPERTY, previous);
			}
		}
	}

	@Test
	void standardOrderStartsWithTheWorkingDirectory() {
		String previous = System.getProperty(ModelStore.PROPERTY);
		try {
			System.clearProperty(ModelStore.PROPERTY);
			List<Path> roots = ModelStore.standard().roots();
			assertEquals(Paths.get("models").toAbsolutePath().normalize(), roots.get(0));
		} finally {
			if (previous != null) {
				System.setProperty(ModelStore.PROPERTY, previous);
			}
		}
	}
}
