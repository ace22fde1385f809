package io.terrarium.conda.types;

/**
 * A match spec or version spec that cannot be parsed; the message says what text, where (1-based column) and why.
 */
public class MatchSpecParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final int index;
    private final String reason;

    public MatchSpecParseException(String message) {
        super(message);
        this.text = null;
        this.index = -1;
        this.reason = message;
    }

    /** An error at {@code index} (0-based) of {@code text}. */
    public MatchSpecParseException(String text, int index, String reason) {
        this("invalid match spec '" + text + "': " + reason + " (at column " + (index + 1) + ")", text, index, reason);
    }

    protected MatchSpecParseException(String message, String text, int index, String reason) {
        super(message);
        this.text = text;
        this.index = index;
        this.reason = reason;
    }

    /** The text that failed to parse, or null when not known. */
    public String text() {
        return text;
    }

    /** 0-based index in {@link #text()} where the problem is, or -1 when not known. */
    public int index() {
        return index;
    }

    /** 1-based column of the problem, or 0 when not known. */
    public int column() {
        return index + 1;
    }

    /** Why the text is invalid, without the text and position. */
    public String reason() {
        return reason;
    }
}
