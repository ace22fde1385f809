package io.terrarium.conda.pkg;

import java.util.Locale;

/** How a {@code paths.json} entry is materialised: a regular file, a symbolic link or an empty directory. */
public enum PathType {
    /** A regular file (conda's default); linked or copied into the prefix. */
    HARDLINK,
    /** A symbolic link, re-created with the same target. */
    SOFTLINK,
    /** An (empty) directory to create. */
    DIRECTORY;

    /** The spelling in {@code paths.json}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the {@code paths.json} spelling; null means the default, {@link #HARDLINK}. */
    public static PathType fromJson(String s) {
        if (s == null) {
            return HARDLINK;
        }
        switch (s) {
            case "hardlink":
                return HARDLINK;
            case "softlink":
                return SOFTLINK;
            case "directory":
                return DIRECTORY;
            default:
                throw new IllegalArgumentException(
                        "unknown path_type '" + s + "' (expected hardlink, softlink or directory)");
        }
    }
}
