package io.terrarium.conda.repodata;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import io.terrarium.conda.types.PackageRecord;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One subdir served as sharded repodata (CEP 16): its names come from the shard index, and a name's records from its
 * shard, fetched (or read from the content-addressed cache) when the solve reaches the name.
 *
 * <p>Shards are fetched on the {@link ShardClosure}'s bounded pool; {@link #recordsNamed} waits for the requested
 * name's shard only. Thread-safe. {@link #size()} counts the records of the shards loaded so far: the subdir's total
 * is not known without fetching every shard, which is what sharding avoids.
 */
final class ShardedSubdir implements RecordSource {
    private final String channelUrl;
    private final String subdirUrl;
    private final String subdir;
    private final ShardIndex index;
    private final HttpRepodataCache http;
    private final Channel channel;
    private final ShardClosure closure;
    private final Map<String, CompletableFuture<ParsedShards.Shard>> shards = new ConcurrentHashMap<>();
    private final AtomicInteger loaded = new AtomicInteger();

    ShardedSubdir(Channel channel, String subdir, ShardIndex index, HttpRepodataCache http, ShardClosure closure) {
        this.channel = channel;
        this.channelUrl = channel.url();
        this.subdirUrl = channel.url() + "/" + subdir;
        this.subdir = subdir;
        this.index = index;
        this.http = http;
        this.closure = closure;
        closure.add(this);
    }

    @Override
    public Set<String> names() {
        return index.shardByName().keySet();
    }

    @Override
    public int size() {
        return loaded.get();
    }

    /**
     * The records named {@code name}, waiting for its shard; reaching a name also starts fetching the shards of its
     * dependencies (see {@link ShardClosure}).
     *
     * @throws RepodataException when the shard cannot be fetched or is invalid
     */
    @Override
    public List<PackageRecord> recordsNamed(String name) {
        if (!index.shardByName().containsKey(name)) {
            return List.of();
        }
        closure.reach(name);
        CompletableFuture<ParsedShards.Shard> f = prefetch(name);
        try {
            return f.get().records();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepodataException("interrupted while fetching the shard of " + name, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new RepodataException("cannot load the shard of " + name + ": " + e.getCause(), e.getCause());
        }
    }

    /**
     * Starts loading {@code name}'s shard on the pool unless it is loading or loaded (no-op for unknown names); a
     * shard this JVM parsed before (same channel, subdir, package base and hash) is taken from {@link ParsedShards}.
     */
    CompletableFuture<ParsedShards.Shard> prefetch(String name) {
        String sha256 = index.shardByName().get(name);
        if (sha256 == null) {
            return CompletableFuture.completedFuture(new ParsedShards.Shard(List.of(), Set.of()));
        }
        CompletableFuture<ParsedShards.Shard> existing = shards.get(name);
        if (existing != null) {
            return existing;
        }
        String key = ParsedShards.key(http.cacheDir(), channelUrl, subdir, index.packageBase(), sha256);
        ParsedShards.Shard known = ParsedShards.get(key);
        CompletableFuture<ParsedShards.Shard> mine =
                known != null ? CompletableFuture.completedFuture(known) : new CompletableFuture<>();
        CompletableFuture<ParsedShards.Shard> raced = shards.putIfAbsent(name, mine);
        if (raced != null) {
            return raced;
        }
        if (known != null) {
            loaded.addAndGet(known.records().size());
            closure.reachAll(known.dependencyNames());
            return mine;
        }
        closure.pool().execute(() -> {
            try {
                ParsedShards.Shard shard = load(name);
                ParsedShards.put(key, shard);
                loaded.addAndGet(shard.records().size());
                mine.complete(shard);
                closure.reachAll(shard.dependencyNames());
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            }
        });
        return mine;
    }

    private ParsedShards.Shard load(String name) {
        String url = index.shardUrl(name);
        String display = subdirUrl + "/" + ShardIndex.FILE_NAME + " shard of " + name;
        byte[] compressed = http.fetchImmutable(
                url,
                channel.authenticatedUrl(url),
                channel.authorizationHeader().orElse(null),
                index.shardByName().get(name));
        byte[] msgpack;
        try {
            long size = Zstd.getFrameContentSize(compressed);
            // a frame that does not record its size is decompressed as a stream
            msgpack = size > 0 && size < Integer.MAX_VALUE
                    ? Zstd.decompress(compressed, (int) size)
                    : decompressStreaming(compressed);
        } catch (ZstdException | java.io.IOException e) {
            throw new RepodataException("invalid shard " + display + ": not zstd (" + e.getMessage() + ")", e);
        }
        byte[] json = MsgpackShard.toRepodataJson(msgpack, subdir, index.packageBase(), display);
        SubdirRepodata parsed = RepodataParser.parse(
                new ByteArrayInputStream(json), channelUrl, subdirUrl + "/repodata.json", subdir, display);
        List<PackageRecord> records = parsed.recordsNamed(name);
        return new ParsedShards.Shard(records, ShardClosure.dependencyNames(records));
    }

    private static byte[] decompressStreaming(byte[] compressed) throws java.io.IOException {
        try (var in = new com.github.luben.zstd.ZstdInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }
}
