package org.fde.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Minimal "--key value" / "--flag" parser; every key must be consumed, so typos are reported. */
final class Args {

	private final Map<String, String> values = new HashMap<>();
	private final Set<String> used = new HashSet<>();

	Args(String[] args, int from) {
		for (int i = from; i < args.length; i++) {
			String a = args[i];
			if (!a.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + a + "' (options look like --key value)");
			}
			String key = a.substring(2);
			if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				values.put(key, args[++i]);
			} else {
				values.put(key, "true");
			}
		}
	}

	String string(String key, String def) {
		used.add(key);
		return values.getOrDefault(key, def);
	}

	int integer(String key, int def, int min, int max) {
		String v = string(key, null);
		if (v == null) {
			return def;
		}
		int x;
		try {
			x = Integer.parseInt(v);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("--" + key + " must be an integer in [" + min + ", " + max + "], got " + v);
		}
		if (x < min || x > max) {
			throw new IllegalArgumentException("--" + key + " must be in [" + min + ", " + max + "], got " + x);
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

	boolean flag(String key) {
		return Boolean.parseBoolean(string(key, "false"));
	}

	/** Throws if an option was given that no one asked for. */
	void checkAllUsed() {
		for (String k : values.keySet()) {
			if (!used.contains(k)) {
				throw new IllegalArgumentException("unknown option --" + k);
			}
		}
	}
}
