package io.terrarium.conda.pkg;

import java.util.Map;

/**
 * What an extraction wrote: every regular file (by '/'-separated relative path) with its SHA-256 and size as
 * computed while writing, and every symbolic link with its target.
 *
 * @param files    regular files (hard-link entries included) to their digest
 * @param symlinks symbolic links to their targets
 * @param bytes    total bytes of file content written
 */
public record ExtractionResult(Map<String, FileDigest> files, Map<String, String> symlinks, long bytes) {

    /** SHA-256 (hex) and size of one written file. */
    public record FileDigest(String sha256, long size) {}
}
