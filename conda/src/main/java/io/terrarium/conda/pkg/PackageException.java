package io.terrarium.conda.pkg;

import java.io.IOException;

/** Base of the errors about a package archive or its metadata; messages name the package and what is wrong. */
public class PackageException extends IOException {
    public PackageException(String message) {
        super(message);
    }

    public PackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
