package io.terrarium.conda.install;

import java.nio.file.Path;

/** A {@code conda-meta/*.json} file that cannot be read as an installed record; the message names the file. */
public class CorruptPrefixRecordException extends InstallException {
    private final Path file;

    public CorruptPrefixRecordException(Path file, String reason, Throwable cause) {
        super(
                "corrupt conda-meta record " + file + ": " + reason
                        + " (remove or repair the file; the environment's package list cannot be trusted until then)",
                cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
