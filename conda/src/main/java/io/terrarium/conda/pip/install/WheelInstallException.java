package io.terrarium.conda.pip.install;

/** A wheel that cannot be installed into a prefix; the message names the wheel and the reason. */
public class WheelInstallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WheelInstallException(String message) {
        super(message);
    }

    public WheelInstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
