package io.terrarium.conda.types;

/** A match spec or version spec that cannot be parsed; the message says where and why. */
public class MatchSpecParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MatchSpecParseException(String message) {
        super(message);
    }
}
