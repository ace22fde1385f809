package io.terrarium.conda.pip.index;

/** An index or download that could not be read; the message names the URL with its password redacted. */
public final class IndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
