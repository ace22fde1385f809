package io.terrarium.conda.pkg;

/** A downloaded or cached package file whose size or checksum differs from what the repodata promises. */
public class PackageIntegrityException extends PackageException {
    public PackageIntegrityException(String message) {
        super(message);
    }
}
