package io.terrarium.conda.lock;

/**
 * A lockfile, explicit file or export that cannot be read or written as it stands; the message names the file, the
 * place in it and what is wrong, so that a human can fix it.
 */
public class LockfileFormatException extends IllegalArgumentException {
    public LockfileFormatException(String message) {
        super(message);
    }

    public LockfileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
