package io.terrarium.conda.install;

/**
 * A package asks to write outside the prefix: a path with {@code ..} or an absolute path, a symbolic link whose target
 * leaves the prefix, or a path that runs through an existing link leading out of it. Nothing was written outside.
 */
public class UnsafePathException extends InstallException {
    public UnsafePathException(String message) {
        super(message);
    }
}
