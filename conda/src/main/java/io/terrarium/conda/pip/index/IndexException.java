package io.terrarium.conda.pip.index;

/** An index or download that could not be read; the message names the URL with its password redacted. */
public final class IndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public IndexException(String message) {
        this(message, 0);
    }

    /** An HTTP error answer; {@link #status()} gives the code. */
    public IndexException(String message, int status) {
        super(message);
        this.status = status;
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status that caused this, or 0 when it was not an HTTP answer. */
    public int status() {
        return status;
    }
}
