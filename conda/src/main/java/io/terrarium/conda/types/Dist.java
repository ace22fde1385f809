package io.terrarium.conda.types;

import java.util.Optional;

/**
 * The name, version and build a conda dist string names ({@code numpy-1.26.4-py312h_0}, the stem of the archive
 * {@code numpy-1.26.4-py312h_0.conda}). The string splits at its last two dashes: names may contain dashes, versions
 * and build strings may not.
 *
 * <p>Only the shape is checked: the name must not be empty, while an empty version or build is left for the caller
 * to accept or refuse, as each caller reports a malformed dist its own way.
 */
public record Dist(String name, String version, String build) {
    private static final String CONDA_EXT = ".conda";
    private static final String TAR_BZ2_EXT = ".tar.bz2";

    /** Splits {@code name-version-build}; empty when the string has fewer than two dashes after a non-empty name. */
    public static Optional<Dist> parse(String dist) {
        int buildDash = dist.lastIndexOf('-');
        int versionDash = buildDash <= 0 ? -1 : dist.lastIndexOf('-', buildDash - 1);
        if (versionDash <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Dist(
                dist.substring(0, versionDash),
                dist.substring(versionDash + 1, buildDash),
                dist.substring(buildDash + 1)));
    }

    /** {@link #parse} of an archive file name, its {@code .conda} or {@code .tar.bz2} extension (if any) removed. */
    public static Optional<Dist> ofFileName(String fileName) {
        return parse(stem(fileName));
    }

    /** The file name without its {@code .conda} or {@code .tar.bz2} extension; the name unchanged if neither. */
    public static String stem(String fileName) {
        if (fileName.endsWith(CONDA_EXT)) {
            return fileName.substring(0, fileName.length() - CONDA_EXT.length());
        }
        if (fileName.endsWith(TAR_BZ2_EXT)) {
            return fileName.substring(0, fileName.length() - TAR_BZ2_EXT.length());
        }
        return fileName;
    }

    /** {@code name-version-build}. */
    @Override
    public String toString() {
        return name + "-" + version + "-" + build;
    }
}
