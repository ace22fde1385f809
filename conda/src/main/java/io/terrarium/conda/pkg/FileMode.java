package io.terrarium.conda.pkg;

import java.util.Locale;

/** How the prefix placeholder inside a file is replaced: as text (every occurrence) or in NUL-terminated strings. */
public enum FileMode {
    TEXT,
    BINARY;

    /** The spelling in {@code paths.json} and {@code has_prefix}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the {@code paths.json} spelling; null means the default, {@link #TEXT}. */
    public static FileMode fromJson(String s) {
        if (s == null) {
            return TEXT;
        }
        switch (s) {
            case "text":
                return TEXT;
            case "binary":
                return BINARY;
            default:
                throw new IllegalArgumentException("unknown file_mode '" + s + "' (expected text or binary)");
        }
    }
}
