package io.terrarium.conda.repodata;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this JVM has read from repodata bodies of the HTTP cache (scanned subdirs, decoded shard indexes), by file
 * identity: the cache never rewrites a body in place (a new fetch writes a new file), so a warm load whose
 * revalidation got 304 reuses the result, and the records parsed since, instead of scanning hundreds of MB or decoding
 * thousands of index entries again. A long-lived worker then answers a warm load in the time of the revalidation. Held
 * by soft references; entries whose body the cache replaced are dropped on the next read.
 */
final class ScannedBodies {
    private static final Map<String, Entry> SCANNED = new ConcurrentHashMap<>();

    private record Entry(Path body, SoftReference<Object> result) {}

    /** Reads {@code body} (a cached, immutable file) into a {@code T}. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Path body) throws IOException;
    }

    private ScannedBodies() {}

    /** The subdir scanned from {@code body}, scanned now unless this JVM did so before. */
    static RecordSource scan(Path body, Reader<RecordSource> scan) throws IOException {
        return read(RecordSource.class, body, scan);
    }

    /** What {@code reader} makes of {@code body} as a {@code kind}, read now unless this JVM did so before. */
    static <T> T read(Class<T> kind, Path body, Reader<T> reader) throws IOException {
        BasicFileAttributes a = Files.readAttributes(body, BasicFileAttributes.class);
        String key = kind.getName() + " " + body.toAbsolutePath() + " " + a.fileKey() + " " + a.size() + " "
                + a.lastModifiedTime().toMillis();
        Entry known = SCANNED.get(key);
        Object result = known == null ? null : known.result().get();
        if (result != null) {
            return kind.cast(result);
        }
        T read = reader.read(body);
        SCANNED.values().removeIf(e -> e.result().get() == null || !Files.exists(e.body()));
        SCANNED.put(key, new Entry(body, new SoftReference<>(read)));
        return read;
    }
}
