package org.fde.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The options of the bench package's commands ({@code bench}, {@code mstep-pairs}): {@code --key value} pairs, a
 * {@code --key} without a value meaning {@code true}; hyphens inside keys are ignored, as in the other commands
 * ({@code --dry-run} = {@code --dryrun}). Each read records its key, so that {@link #rejectUnknown} can name an
 * option that no read asked for. Error messages name the option and its allowed range. (The {@code cli} package has
 * its own parser; the bench package does not depend on it.)
 */
final class BenchOptions {

	private final Map<String, String> values;
	private final Set<String> used = new HashSet<>();
	private final String usage;

	private BenchOptions(Map<String, String> values, String usage) {
		this.values = values;
		this.usage = usage;
	}

	/**
	 * @param usage appended to the messages of malformed command lines ({@code --help} throws it alone)
	 */
	static BenchOptions parse(String[] args, String usage) {
		Map<String, String> m = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			if (a.equals("--help") || a.equals("-h")) {
				throw new IllegalArgumentException(usage);
			}
			if (!a.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + a + "' (options look like --key value)\n"
						+ usage);
			}
			String key = normal(a.substring(2));
			if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				m.put(key, args[++i]);
			} else {
				m.put(key, "true");
			}
		}
		return new BenchOptions(m, usage);
	}

	private static String normal(String key) {
		return key.replace("-", "");
	}

	/** The value of {@code --key}, or {@code def} when it is absent. */
	String text(String key, String def) {
		used.add(normal(key));
		return values.getOrDefault(normal(key), def);
	}

	/** Whether {@code --key} was given. */
	boolean has(String key) {
		return values.containsKey(normal(key));
	}

	/** {@code --key} as a flag or {@code true|false}; false when absent. */
	boolean flag(String key) {
		return Boolean.parseBoolean(text(key, "false"));
	}

	int integer(String key, int def, int min, int max) {
		String v = text(key, null);
		if (v == null) {
			return def;
		}
		try {
			int x = Integer.parseInt(v.trim());
			if (x >= min && x <= max) {
				return x;
			}
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException("--" + key + " must be an integer in [" + min + ", " + max + "], got " + v);
	}

	long longInteger(String key, long def) {
		String v = text(key, null);
		try {
			return v == null ? def : Long.parseLong(v.trim());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("--" + key + " must be an integer, got " + v);
		}
	}

	double number(String key, double def, double min, double max) {
		String v = text(key, null);
		if (v == null) {
			return def;
		}
		try {
			double x = Double.parseDouble(v.trim());
			if (x >= min && x <= max) {
				return x;
			}
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException("--" + key + " must be a number in [" + min + ", " + max + "], got " + v);
	}

	/** Throws, naming the first option that no read asked for. */
	void rejectUnknown() {
		for (String k : values.keySet()) {
			if (!used.contains(k)) {
				throw new IllegalArgumentException("unknown option --" + k + "\n" + usage);
			}
		}
	}
}
