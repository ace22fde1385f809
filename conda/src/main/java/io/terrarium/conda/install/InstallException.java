package io.terrarium.conda.install;

import java.io.IOException;

/** Base of the errors that stop a record from being linked into a prefix; the message names the record and the cause. */
public class InstallException extends IOException {
    public InstallException(String message) {
        super(message);
    }

    public InstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
