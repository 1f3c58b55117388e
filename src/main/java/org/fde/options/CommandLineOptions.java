package org.fde.options;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The options of a command: {@code --key value} pairs, a {@code --key} without a value meaning {@code true}. Hyphens
 * inside a key are ignored, so the macro-key spelling and the hyphenated one name the same option
 * ({@code --kernelsize} = {@code --kernel-size}, {@code --dry-run} = {@code --dryrun}); an option given twice, in
 * either spelling, is refused (which value was meant is unclear). Each read records its key, so that
 * {@link #checkAllUsed} can report an option that no read asked for (a typo), in the spelling the user gave.
 * <p>
 * Error messages name the option and its allowed range. A command may attach its usage text: then {@code --help} (or
 * {@code -h}) throws the usage alone, and the messages of malformed command lines (a positional argument, an unknown
 * option) end with it.
 */
public final class CommandLineOptions {

	private final Map<String, String> values = new HashMap<>();
	/** The spelling each (normalised) key was given in, for messages. */
	private final Map<String, String> given = new HashMap<>();
	private final Set<String> used = new HashSet<>();
	/** Appended to the messages of malformed command lines; empty when none is attached. */
	private final String usageSuffix;

	private CommandLineOptions(String usage) {
		this.usageSuffix = usage == null ? "" : "\n" + usage;
	}

	/** The options in {@code args[from..]}, with no usage text. */
	public static CommandLineOptions parse(String[] args, int from) {
		return parse(args, from, null);
	}

	/**
	 * The options in {@code args[from..]}.
	 *
	 * @param usage the command's usage text, or null: with one, {@code --help} and {@code -h} throw it alone, and it is
	 *        appended to the messages of malformed command lines
	 * @throws IllegalArgumentException for {@code --help} (with a usage) or an argument that is not an option
	 */
	public static CommandLineOptions parse(String[] args, int from, String usage) {
		CommandLineOptions o = new CommandLineOptions(usage);
		for (int i = from; i < args.length; i++) {
			String a = args[i];
			if (usage != null && (a.equals("--help") || a.equals("-h"))) {
				throw new IllegalArgumentException(usage);
			}
			if (!a.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + a + "' (options look like --key value)"
						+ o.usageSuffix);
			}
			String key = normalise(a.substring(2));
			if (o.given.containsKey(key)) {
				String before = o.given.get(key);
				throw new IllegalArgumentException(a + " is given twice" + (before.equals(a) ? "" : " (also as "
						+ before + ")") + ": give each option once" + o.usageSuffix);
			}
			o.given.put(key, a);
			if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				o.values.put(key, args[++i]);
			} else {
				o.values.put(key, "true");
			}
		}
		return o;
	}

	private static String normalise(String key) {
		return key.replace("-", "");
	}

	/** The value of {@code --key}, or {@code def} when it is absent. */
	public String string(String key, String def) {
		used.add(normalise(key));
		return values.getOrDefault(normalise(key), def);
	}

	/** Whether {@code --key} was given (does not count as reading it). */
	public boolean has(String key) {
		return values.containsKey(normalise(key));
	}

	/** {@code --key} as a flag or {@code true|false}; false when absent. */
	public boolean flag(String key) {
		return Boolean.parseBoolean(string(key, "false"));
	}

	/** An integer option in [min, max]. */
	public int integer(String key, int def, int min, int max) {
		return (int) longInteger(key, def, min, max);
	}

	/** An integer option (any {@code int}; the caller checks the range). */
	public int integer(String key, int def) {
		return ranged(key, def, "an integer", Integer::parseInt, x -> true);
	}

	/** A number option (any {@code double}, NaN included; the caller checks the range). */
	public double real(String key, double def) {
		return ranged(key, def, "a number", Double::parseDouble, x -> true);
	}

	/** An odd integer option in [min, max] (a kernel size). */
	public int oddInteger(String key, int def, int min, int max) {
		int x = integer(key, def, min, max);
		if (x % 2 == 0) {
			throw new IllegalArgumentException("--" + key + " must be odd and in [" + min + ", " + max + "], got " + x);
		}
		return x;
	}

	/** A 64-bit integer option in [min, max] (the message names no range when it is the whole of {@code long}'s). */
	public long longInteger(String key, long def, long min, long max) {
		if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
			return ranged(key, def, "a 64-bit integer", Long::parseLong, x -> true);
		}
		return ranged(key, def, "an integer in [" + min + ", " + max + "]", Long::parseLong,
				x -> x >= min && x <= max);
	}

	/** A number option in [min, max]; NaN is rejected. */
	public double real(String key, double def, double min, double max) {
		return ranged(key, def, "a number in [" + min + ", " + max + "]", Double::parseDouble,
				x -> x >= min && x <= max);
	}

	/**
	 * A numeric option: {@code def} when absent, else the value as {@code parse} reads it (surrounding blanks ignored),
	 * which must satisfy {@code inRange}; otherwise the message says it must be {@code what} (for example "an
	 * integer in [1, 64]").
	 */
	private <T> T ranged(String key, T def, String what, Function<String, T> parse, Predicate<T> inRange) {
		String v = string(key, null);
		if (v == null) {
			return def;
		}
		try {
			T x = parse.apply(v.trim());
			if (inRange.test(x)) {
				return x;
			}
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException("--" + key + " must be " + what + ", got " + v);
	}

	/** One of the allowed values (matched ignoring case), returned in its spelling in {@code allowed}. */
	public String choice(String key, String def, String... allowed) {
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
	public Path path(String key) {
		String v = string(key, null);
		if (v != null && (v.isBlank() || v.equals("true"))) {
			throw new IllegalArgumentException("--" + key + " needs a file or folder name");
		}
		return v == null ? null : Path.of(v);
	}

	/**
	 * A path option that must be given.
	 *
	 * @param what what the path is, for the message
	 */
	public Path requiredPath(String key, String what) {
		Path p = path(key);
		if (p == null) {
			String typo = Suggestions.closest(key, given.values());
			throw new IllegalArgumentException("--" + key + " is required (" + what + ")"
					+ (typo == null ? "" : "; " + typo + " was given: did you mean --" + key + "?"));
		}
		return p;
	}

	/** The options read so far (whether given or not), in the spelling without hyphens. */
	public Set<String> read() {
		return Set.copyOf(used);
	}

	/** Throws, naming (in the spelling given) an option that no read asked for; the usage text follows, if any. */
	public void checkAllUsed() {
		for (String k : values.keySet()) {
			if (!used.contains(k)) {
				throw new IllegalArgumentException("unknown option " + given.get(k)
						+ Suggestions.hint(k, used, "--") + usageSuffix);
			}
		}
	}
}
