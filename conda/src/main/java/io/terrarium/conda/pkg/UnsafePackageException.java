package io.terrarium.conda.pkg;

/**
 * A package archive that tries to write outside its destination (absolute paths, {@code ..}, escaping links), holds
 * special files (devices, fifos) or looks like a decompression bomb. Nothing outside the destination was written.
 */
public class UnsafePackageException extends PackageException {
    public UnsafePackageException(String message) {
        super(message);
    }
}
