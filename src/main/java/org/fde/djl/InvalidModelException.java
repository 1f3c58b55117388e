package org.fde.djl;

import java.nio.file.Path;

/**
 * A model folder that cannot be used: a missing or malformed {@code card.json}, a card field with an unsupported
 * value, a missing model file, or a network that fails the load-time probe. The message names the card (or model
 * file), the field and what was expected.
 */
public class InvalidModelException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Path source;
	private final String field;

	/**
	 * @param source  the card or model file at fault
	 * @param field   the card field at fault (dotted path such as {@code schedule.name}), or {@code null}
	 * @param problem what was wrong and what was expected
	 */
	public InvalidModelException(Path source, String field, String problem) {
		this(source, field, problem, null);
	}

	/** As {@link #InvalidModelException(Path, String, String)}, with a cause. */
	public InvalidModelException(Path source, String field, String problem, Throwable cause) {
		super(message(source, field, problem), cause);
		this.source = source;
		this.field = field;
	}

	/** The card or model file at fault. */
	public Path source() {
		return source;
	}

	/** The card field at fault (dotted path), or {@code null} when the problem is not one field's. */
	public String field() {
		return field;
	}

	private static String message(Path source, String field, String problem) {
		StringBuilder sb = new StringBuilder("invalid model ");
		sb.append(source);
		if (field != null) {
			sb.append(": field '").append(field).append('\'');
		}
		return sb.append(": ").append(problem).toString();
	}
}
