package org.fde.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * The developer tools of the command line ({@code dev <tool>}: benchmarks, training-data exports), compiled from
 * {@code src/bench/java} apart from the user commands, which cannot see them. The command-line jar holds them; the
 * Fiji plugin jar does not, and {@link #find} then returns null.
 */
interface DevCommands {

	/** The class that implements this in {@code src/bench/java}. */
	String IMPLEMENTATION = "org.fde.cli.DevTools";

	/** The tools' names and one-line descriptions, in the order of the listing. */
	Map<String, String> tools();

	/** A tool's usage text, or null for an unknown tool. */
	String usage(String tool);

	/**
	 * Runs a tool.
	 *
	 * @param hint appended to the messages of malformed command lines ("'dev tool --help' lists the options")
	 * @return the exit status
	 * @throws IllegalArgumentException for an unknown tool or invalid options
	 */
	int run(String tool, String[] args, String hint, PrintStream out, PrintStream err) throws Exception;

	/** The developer tools, or null when this jar does not hold them. */
	static DevCommands find() {
		try {
			return (DevCommands) Class.forName(IMPLEMENTATION).getDeclaredConstructor().newInstance();
		} catch (ClassNotFoundException e) {
			return null;
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException("cannot start the developer tools: " + e, e);
		}
	}
}
