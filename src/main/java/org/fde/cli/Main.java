package org.fde.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.fde.djl.InvalidModelException;
import org.fde.options.CommandLineOptions;
import org.fde.options.Suggestions;

/**
 * Command-line entry point: {@code java -jar target/fast-diffusion-em.jar <command> [--option value ...]}.
 * <p>
 * Exit status: 0 success, 1 a failure while running (for a folder: some image failed, the others were written),
 * 2 invalid options or input.
 */
public final class Main {

	/** The top-level usage: the user commands, and how to list the developer tools. */
	static final String USAGE = Usage.TOP;

	private Main() {
	}

	public static void main(String[] args) {
		int status = run(args, System.out, System.err);
		// always exit explicitly: JTransforms' worker pool (JLargeArrays' ConcurrencyUtils) has non-daemon threads
		// with a 60 s keep-alive, which would otherwise hold the JVM for a minute after the last FFT
		System.out.flush();
		System.exit(status);
	}

	/**
	 * Runs a command and returns its exit status instead of exiting (for tests and embedding).
	 *
	 * @param out progress and results
	 * @param err error lines ({@code error: ...})
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		System.setProperty("java.awt.headless", "true");
		List<String> list = new ArrayList<>(Arrays.asList(args));
		boolean verbose = list.remove("--verbose");
		CliLogging.configure(verbose);
		if (list.isEmpty() || isHelp(list.get(0))) {
			out.println(USAGE);
			return 0;
		}
		String command = list.get(0);
		boolean dev = command.equals("dev");
		DevCommands tools = DevCommands.find();
		if (dev) {
			list.remove(0);
			if (list.isEmpty() || isHelp(list.get(0))) {
				out.println(Usage.devListing(tools));
				return 0;
			}
			command = list.get(0);
		}
		String[] rest = list.subList(1, list.size()).toArray(new String[0]);
		try {
			String usage = usage(command, tools);
			if (usage != null && Arrays.stream(rest).anyMatch(Main::isHelp)) {
				out.println(usage);
				return 0;
			}
			String hint = "('" + (dev ? "dev " : "") + command + " --help' lists the options)";
			switch (command) {
			case "deblur" -> {
				return Deblur.run(CommandLineOptions.parse(rest, 0, hint), out, err);
			}
			case "simulate" -> {
				return Simulate.run(CommandLineOptions.parse(rest, 0, hint), out);
			}
			case "demo" -> Demo.run(CommandLineOptions.parse(rest, 0, hint));
			default -> {
				if (tools != null && tools.tools().containsKey(command)) {
					return tools.run(command, rest, hint, out, err);
				}
				throw new IllegalArgumentException("unknown " + (dev ? "developer tool" : "command") + " '"
						+ command + "'" + Suggestions.hint(command, dev && tools != null ? tools.tools().keySet()
								: Usage.allNames(tools), "") + "\n" + (dev ? Usage.devListing(tools) : USAGE));
			}
			}
			return 0;
		} catch (IllegalArgumentException e) {
			err.println("error: " + e.getMessage());
			return 2;
		} catch (InvalidModelException | IllegalStateException e) {
			err.println("error: " + e.getMessage());
			return 1;
		} catch (Exception e) {
			err.println("error: " + message(e));
			e.printStackTrace(err);
			return 1;
		}
	}

	private static boolean isHelp(String a) {
		return a.equals("--help") || a.equals("-h") || a.equals("help");
	}

	/** A command's usage text, or null for an unknown command. */
	static String usage(String command, DevCommands tools) {
		String u = Usage.USAGES.get(command);
		return u != null || tools == null ? u : tools.usage(command);
	}

	/** An exception's message, or its class name when it has none. */
	static String message(Throwable e) {
		return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
	}
}
