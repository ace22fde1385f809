package io.terrarium.conda.pip.wheel;

/** A wheel file or wheel file name that does not follow the binary distribution format; the message names it. */
public final class InvalidWheelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidWheelException(String message) {
        super(message);
    }

    public InvalidWheelException(String message, Throwable cause) {
        super(message, cause);
    }
}
