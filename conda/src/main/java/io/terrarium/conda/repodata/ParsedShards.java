package io.terrarium.conda.repodata;

import io.terrarium.conda.types.PackageRecord;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shards this JVM has parsed, by content: a shard is named by the SHA-256 of its bytes, so its records (for one
 * channel, subdir, package base URL and cache directory) never change and a later solve in a long-lived worker reuses them instead of
 * reading, decompressing and parsing the shard file again. Held by soft references: the collector reclaims them
 * before memory runs out.
 */
final class ParsedShards {
    private static final Map<String, SoftReference<Shard>> PARSED = new ConcurrentHashMap<>();

    /** One shard's records for its name and the package names their {@code depends} reach. */
    record Shard(List<PackageRecord> records, Set<String> dependencyNames) {}

    private ParsedShards() {}

    /** The key of a shard read through the cache in {@code cacheDir}: a fresh cache directory starts cold. */
    static String key(Path cacheDir, String channelUrl, String subdir, String packageBase, String sha256) {
        return sha256 + " " + channelUrl + " " + subdir + " " + packageBase + " " + cacheDir;
    }

    static Shard get(String key) {
        SoftReference<Shard> ref = PARSED.get(key);
        Shard shard = ref == null ? null : ref.get();
        if (ref != null && shard == null) {
            PARSED.remove(key, ref);
        }
        return shard;
    }

    static void put(String key, Shard shard) {
        PARSED.put(key, new SoftReference<>(shard));
    }
}
