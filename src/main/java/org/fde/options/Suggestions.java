package org.fde.options;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...?" for a mistyped command or option: the closest known name by edit distance, if close. */
public final class Suggestions {

	private Suggestions() {
	}

	/**
	 * The candidate closest to {@code given} (case and hyphens ignored), or null when none is close: within an edit
	 * distance of 1 for names up to 4 characters, 2 up to 8, else 3; a candidate that starts with {@code given} (or
	 * the other way round, for 3 or more characters) also counts.
	 */
	public static String closest(String given, Collection<String> candidates) {
		String g = key(given);
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String c : candidates) {
			String k = key(c);
			int d = distance(g, k);
			boolean prefix = g.length() >= 3 && (k.startsWith(g) || g.startsWith(k));
			int limit = g.length() <= 4 ? 1 : g.length() <= 8 ? 2 : 3;
			if ((d <= limit || prefix) && d < bestDistance) {
				best = c;
				bestDistance = d;
			}
		}
		return best;
	}

	/** {@code " (did you mean X?)"}, or empty when no candidate is close. */
	public static String hint(String given, Collection<String> candidates, String prefix) {
		String c = closest(given, candidates);
		return c == null ? "" : " (did you mean " + prefix + c + "?)";
	}

	private static String key(String s) {
		String k = s.toLowerCase(Locale.ROOT);
		while (k.startsWith("-")) {
			k = k.substring(1);
		}
		return k.replace("-", "");
	}

	/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}
}
