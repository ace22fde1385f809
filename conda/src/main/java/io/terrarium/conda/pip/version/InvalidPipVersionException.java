package io.terrarium.conda.pip.version;

/** A string that is not a PEP 440 version or specifier; the message quotes it. */
public final class InvalidPipVersionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPipVersionException(String message) {
        super(message);
    }
}
