package org.fde.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Minimal "--key value" / "--flag" parser; every key must be consumed, so typos are reported. Hyphens in a key are
 * ignored, so the macro-key spelling and the hyphenated one name the same option ({@code --kernelsize} =
 * {@code --kernel-size}, {@code --kernelmodel} = {@code --kernel-model}).
 */
final class Args {

	private final Map<String, String> values = new HashMap<>();
	/** The spelling each (normalised) key was given in, for messages. */
	private final Map<String, String> given = new HashMap<>();
	private final Set<String> used = new HashSet<>();

	Args(String[] args, int from) {
		for (int i = from; i < args.length; i++) {
			String a = args[i];
			if (!a.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + a + "' (options look like --key value)");
			}
			String key = normalise(a.substring(2));
			given.put(key, a); // a repeated option: the last one wins, in either spelling
			if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				values.put(key, args[++i]);
			} else {
				values.put(key, "true");
			}
		}
	}

	private static String normalise(String key) {
		return key.replace("-", "");
	}

	String string(String key, String def) {
		used.add(normalise(key));
		return values.getOrDefault(normalise(key), def);
	}

	/** An integer option in [min, max]. */
	int integer(String key, int def, int min, int max) {
		return (int) longInteger(key, def, min, max);
	}

	/** An odd integer option in [min, max] (a kernel size). */
	int oddInteger(String key, int def, int min, int max) {
		int x = integer(key, def, min, max);
		if (x % 2 == 0) {
			throw new IllegalArgumentException("--" + key + " must be odd and in [" + min + ", " + max + "], got " + x);
		}
		return x;
	}

	double real(String key, double def, double min, double max) {
		String v = string(key, null);
		if (v == null) {
			return def;
		}
		double x;
		try {
			x = Double.parseDouble(v);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("--" + key + " must be a number in [" + min + ", " + max + "], got " + v);
		}
		if (!(x >= min && x <= max)) {
			throw new IllegalArgumentException("--" + key + " must be in [" + min + ", " + max + "], got " + v);
		}
		return x;
	}

	/** A 64-bit integer option in [min, max]. */
	long longInteger(String key, long def, long min, long max) {
		String v = string(key, null);
		if (v == null) {
			return def;
		}
		long x;
		try {
			x = Long.parseLong(v);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("--" + key + " must be an integer in [" + min + ", " + max + "], got "
					+ v);
		}
		if (x < min || x > max) {
			throw new IllegalArgumentException("--" + key + " must be in [" + min + ", " + max + "], got " + x);
		}
		return x;
	}

	/** One of the allowed values (matched ignoring case), returned in its spelling in {@code allowed}. */
	String choice(String key, String def, String... allowed) {
		String v = string(key, def);
		for (String a : allowed) {
			if (a.equalsIgnoreCase(v.trim())) {
				return a;
			}
		}
		throw new IllegalArgumentException("--" + key + " must be one of " + String.join(", ", allowed) + "; got '"
				+ v + "'");
	}

	/** A path option; null when absent. */
	Path path(String key) {
		String v = string(key, null);
		if (v != null && (v.isBlank() || v.equals("true"))) {
			throw new IllegalArgumentException("--" + key + " needs a file or folder name");
		}
		return v == null ? null : Path.of(v);
	}

	/** A path option that must be given. */
	Path requiredPath(String key, String what) {
		Path p = path(key);
		if (p == null) {
			throw new IllegalArgumentException("--" + key + " is required (" + what + ")");
		}
		return p;
	}

	/** Whether the option was given (does not count as reading it). */
	boolean has(String key) {
		return values.containsKey(normalise(key));
	}

	boolean flag(String key) {
		return Boolean.parseBoolean(string(key, "false"));
	}

	/** Throws if an option was given that no one asked for. */
	void checkAllUsed() {
		for (String k : values.keySet()) {
			if (!used.contains(k)) {
				throw new IllegalArgumentException("unknown option " + given.get(k));
			}
		}
	}
}
