package org.fde.imagej;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.scijava.plugin.Parameter;

/** The dialogs' help texts: one sentence each, for users, with no benchmark figures or development history. */
class HelpTextsTest {

	private static final Class<?>[] COMMANDS = { FastDiffusionEmCommand.class, DiffusionEmCommand.class,
			DiffusionDeconvolutionCommand.class, SimulateBlurCommand.class };

	@Test
	void everyParameterHasOneShortSentenceWithoutMeasurements() {
		List<String> texts = new ArrayList<>();
		for (Class<?> c : COMMANDS) {
			for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
				for (Field f : k.getDeclaredFields()) {
					Parameter p = f.getAnnotation(Parameter.class);
					if (p != null && !p.description().isEmpty()) {
						texts.add(k.getSimpleName() + "." + f.getName() + ": " + p.description());
					}
				}
			}
		}
		assertTrue(texts.size() >= 30, "found " + texts.size() + " help texts");
		for (String t : texts) {
			String d = t.substring(t.indexOf(": ") + 2);
			String lower = d.toLowerCase(Locale.ROOT);
			assertFalse(d.replace("e.g.", "").matches(".*[.!?] [A-Z].*"), "more than one sentence: " + t);
			assertTrue(d.length() <= 200, "longer than 200 characters: " + t);
			assertFalse(lower.contains(" db") || lower.contains("session") || lower.contains("levin")
					|| lower.contains("benchmark") || lower.matches(".*issue\\s*#?\\d.*"),
					"a measurement or history: " + t);
		}
	}
}
