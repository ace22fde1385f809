package io.terrarium.application.build;

import io.terrarium.conda.repodata.UrlCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Appends to build log files, so that logs are readable while the build runs; remembers each build's log file
 * so that frequent appends do not query the database.
 */
@ApplicationScoped
public class BuildLogs {

    private static final int MAX_CACHED = 1024;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * Formats log lines as the build log shows them: {@code <stamp> <source> [attempt <a>]: <text>} for lines a job
     * execution writes, {@code <stamp> <source>: <text>} for the sweeper's and the API's ({@code attempt} null).
     * Every line of a multi-line text gets the prefix; the result ends with a newline. Credentials in URLs are masked
     * ({@link UrlCredentials#redact}): whoever may read a build may read its log.
     */
    public static String format(String source, Integer attempt, String text) {
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(TIME);
        String prefix = stamp + " " + source + (attempt == null ? "" : " [attempt " + attempt + "]") + ": ";
        StringBuilder sb = new StringBuilder();
        for (String line : UrlCredentials.redact(text).split("\\R", -1)) {
            sb.append(prefix).append(line).append('\n');
        }
        return sb.toString();
    }

    private final Map<Long, Path> files = new ConcurrentHashMap<>();

    /** Appends text, adding a final newline if it lacks one. */
    public void append(long buildId, LongFunction<Path> resolver, String text) {
        Path file = files.get(buildId);
        if (file == null) {
            if (files.size() > MAX_CACHED) {
                files.clear();
            }
            file = resolver.apply(buildId);
            files.put(buildId, file);
        }
        String redacted = UrlCredentials.redact(text);
        String line = redacted.endsWith("\n") ? redacted : redacted + "\n";
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot append to the log of build " + buildId + " (" + file + "): " + e.getMessage(), e);
        }
    }

    /** Forgets a build's log location (after the build was deleted). */
    public void forget(long buildId) {
        files.remove(buildId);
    }
}
