package io.terrarium.conda.pip.metadata;

/** Core metadata that cannot be read; the message names the distribution or file it came from. */
public final class InvalidMetadataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidMetadataException(String message) {
        super(message);
    }

    public InvalidMetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
