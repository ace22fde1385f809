package io.terrarium.conda.pip.install;

/** A wheel that would overwrite files a conda package installed; nothing of the wheel is installed. */
public final class PipClobberException extends WheelInstallException {
    private static final long serialVersionUID = 1L;

    public PipClobberException(String message) {
        super(message);
    }
}
