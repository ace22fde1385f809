package io.terrarium.conda.install;

/**
 * A binary file embeds a build prefix shorter than the target prefix, so the placeholder cannot be replaced without
 * changing the file's size. The target prefix must be shortened (at most the placeholder's length).
 */
public class PrefixTooLongException extends InstallException {
    private final int placeholderLength;
    private final int prefixLength;

    public PrefixTooLongException(String message, int placeholderLength, int prefixLength) {
        super(message);
        this.placeholderLength = placeholderLength;
        this.prefixLength = prefixLength;
    }

    /** Length in bytes of the placeholder the file was built with: the longest prefix it can be installed into. */
    public int placeholderLength() {
        return placeholderLength;
    }

    /** Length in bytes of the prefix that was asked for. */
    public int prefixLength() {
        return prefixLength;
    }
}
