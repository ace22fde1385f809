package io.terrarium.conda.repodata;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Repodata bodies of the HTTP cache that this JVM has scanned, by file identity: the cache never rewrites a body in
 * place (a new fetch writes a new file), so a warm load whose revalidation got 304 reuses the scan, and the records
 * parsed since, instead of scanning hundreds of MB again. A long-lived worker then answers a warm load in the time of
 * the revalidation. Held by soft references; entries whose body the cache replaced are dropped on the next scan.
 */
final class ScannedBodies {
    private static final Map<String, Entry> SCANNED = new ConcurrentHashMap<>();

    private record Entry(Path body, SoftReference<RecordSource> source) {}

    /** Scans {@code body} (a cached, immutable file). */
    @FunctionalInterface
    interface Scan {
        RecordSource scan(Path body) throws IOException;
    }

    private ScannedBodies() {}

    static RecordSource scan(Path body, Scan scan) throws IOException {
        BasicFileAttributes a = Files.readAttributes(body, BasicFileAttributes.class);
        String key = body.toAbsolutePath() + " " + a.fileKey() + " " + a.size() + " "
                + a.lastModifiedTime().toMillis();
        Entry known = SCANNED.get(key);
        RecordSource source = known == null ? null : known.source().get();
        if (source != null) {
            return source;
        }
        source = scan.scan(body);
        SCANNED.values().removeIf(e -> e.source().get() == null || !Files.exists(e.body()));
        SCANNED.put(key, new Entry(body, new SoftReference<>(source)));
        return source;
    }
}
