package io.terrarium.infrastructure.store;

/**
 * A build prefix path longer than conda's 255-character limit, caught when the specification is posted.
 */
public class BuildPathTooLongException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int length;

    public BuildPathTooLongException(String path, int limit) {
        super("build_path too long: must be <= " + limit + " characters, but " + path + " is " + path.length()
                + " characters; use a shorter environment or namespace name, or build_key_version 3");
        this.length = path.length();
    }

    /** @return the computed length of the refused path */
    public int length() {
        return length;
    }
}
