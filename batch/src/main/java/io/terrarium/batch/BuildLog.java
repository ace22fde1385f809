package io.terrarium.batch;

import io.terrarium.application.build.BuildLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Appends prefixed, time-stamped lines ({@code <stamp> <source> [attempt <a>]: <text>}) to a build's log file, one
 * write per line, so the log can be read (and served) while the build runs and survives a crash up to its last line.
 * A job execution whose attempt no longer holds the build writes nothing.
 */
public final class BuildLog {

    private static final Logger LOG = Logger.getLogger(BuildLog.class.getName());

    private final Path file;
    private final int attempt;
    private final BooleanSupplier mayWrite;

    public BuildLog(Path file, int attempt, BooleanSupplier mayWrite) {
        this.file = file;
        this.attempt = attempt;
        this.mayWrite = mayWrite;
    }

    /**
     * @param source the step or action writing, printed before the text like conda-store's prefixes
     * @param text   one or more lines
     */
    public synchronized void append(String source, String text) {
        if (!mayWrite.getAsBoolean()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    BuildLogs.format(source, attempt, text),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a full disk must not hide the build's real outcome; the server log keeps the line
            LOG.warning(() -> "cannot append to build log " + file + ": " + e.getMessage() + "; line: " + text);
        }
    }

    public Path file() {
        return file;
    }

    static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException(what + ": " + e.getMessage(), e);
    }
}
