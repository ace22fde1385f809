package io.terrarium.conda.pkg;

/** A package whose archive or {@code info/} metadata is malformed or inconsistent (not a safety problem). */
public class InvalidPackageException extends PackageException {
    public InvalidPackageException(String message) {
        super(message);
    }

    public InvalidPackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
