package io.terrarium.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Logger;

/**
 * Appends prefixed, time-stamped lines to a build's log file, one write per line, so the log can be read
 * (and served) while the build runs and survives a crash up to its last line.
 */
public final class BuildLog {

    private static final Logger LOG = Logger.getLogger(BuildLog.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path file;

    public BuildLog(Path file) {
        this.file = file;
    }

    /**
     * @param source the step or action writing, printed before the text like conda-store's prefixes
     * @param text   one or more lines
     */
    public synchronized void append(String source, String text) {
        StringBuilder sb = new StringBuilder();
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(TIME);
        for (String line : text.split("\\R", -1)) {
            sb.append(stamp).append(' ').append(source).append(": ").append(line).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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
