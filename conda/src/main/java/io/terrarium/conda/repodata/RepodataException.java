package io.terrarium.conda.repodata;

/** Repodata could not be read: unreachable channel, I/O failure or malformed JSON; the message names the URL or file. */
public class RepodataException extends RuntimeException {
    public RepodataException(String message) {
        super(message);
    }

    public RepodataException(String message, Throwable cause) {
        super(message, cause);
    }
}
