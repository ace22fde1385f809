package io.terrarium.conda.types;

/**
 * A version or version spec that cannot be parsed. The message names the text, the column (1-based) and the reason;
 * {@link #column()} and {@link #reason()} let a caller that embedded the text re-report it at its own position.
 */
public class InvalidVersionException extends MatchSpecParseException {
    private static final long serialVersionUID = 1L;

    public InvalidVersionException(String text, int index, String reason) {
        super("invalid version '" + text + "': " + reason + " (at column " + (index + 1) + ")", text, index, reason);
    }
}
