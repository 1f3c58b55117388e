package org.fde.stack;

/**
 * A user parameter out of its range: the message is the macro key followed by the problem ("steps must be in [2,
 * 1000], got 1"); the command line names the option instead ({@link #named}).
 */
public final class InvalidParameterException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient UserParameter parameter;
	private final String problem;

	/** @param problem what is wrong, e.g. "must be in [2, 1000], got 1", or ": the folder ..." */
	public InvalidParameterException(UserParameter parameter, String problem) {
		super(parameter.key() + separator(problem) + problem);
		this.parameter = parameter;
		this.problem = problem;
	}

	public UserParameter parameter() {
		return parameter;
	}

	/** The message with the parameter spelt as its users write it, e.g. "--output-kind must be one of ...". */
	public String named(String name) {
		return name + separator(problem) + problem;
	}

	private static String separator(String problem) {
		return problem.startsWith(":") ? "" : " ";
	}
}
