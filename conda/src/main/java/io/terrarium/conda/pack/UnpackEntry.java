package io.terrarium.conda.pack;

import java.util.Objects;

/**
 * A file that {@code bin/conda-unpack} rewrites after unpacking: where it is, the prefix string it holds and how to
 * replace it ({@code text}: every occurrence; {@code binary}: NUL-padded C strings).
 */
public record UnpackEntry(String path, String placeholder, String mode) {
    public UnpackEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(placeholder, "placeholder");
        if (!mode.equals("text") && !mode.equals("binary")) {
            throw new IllegalArgumentException("file mode must be text or binary, not " + mode);
        }
        if (path.contains("\t") || path.contains("\n") || placeholder.contains("\t") || placeholder.contains("\n")) {
            throw new PackException("cannot pack '" + path + "': a tab or newline in a path that conda-unpack must"
                    + " rewrite is not supported");
        }
    }

    /** The line {@code bin/conda-unpack} reads: mode, placeholder, path, tab separated. */
    String line() {
        return mode + "\t" + placeholder + "\t" + path;
    }
}
