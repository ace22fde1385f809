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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One subdir served as sharded repodata (CEP 16): its names come from the shard index, and a name's records from its
 * shard, fetched (or read from the content-addressed cache) when the solve reaches the name.
 *
 * <p>Shards are fetched on the {@link ShardClosure}'s bounded pool; {@link #recordsNamed} waits for the requested
 * name's shard only, and loads it itself if no pool thread has started it. Thread-safe. {@link #size()} counts the records of the shards loaded so far: the subdir's total
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
    private final Map<String, ShardLoad> shards = new ConcurrentHashMap<>();
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
     * dependencies (see {@link ShardClosure}). A shard still queued for the pool is loaded on the calling thread: the
     * solver waits for it, and it should not wait behind prefetches of names it may ask for later.
     *
     * @throws RepodataException when the shard cannot be fetched or is invalid
     */
    @Override
    public List<PackageRecord> recordsNamed(String name) {
        if (!index.shardByName().containsKey(name)) {
            return List.of();
        }
        closure.reach(name);
        ShardLoad load = prefetch(name);
        load.run(); // a no-op when a pool thread has started it, or it is done
        try {
            return load.result.get().records();
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
    ShardLoad prefetch(String name) {
        String sha256 = index.shardByName().get(name);
        if (sha256 == null) {
            return ShardLoad.done(new ParsedShards.Shard(List.of(), Set.of()));
        }
        ShardLoad existing = shards.get(name);
        if (existing != null) {
            return existing;
        }
        String key = ParsedShards.key(http.cacheDir(), channelUrl, subdir, index.packageBase(), sha256);
        ParsedShards.Shard known = ParsedShards.get(key);
        ShardLoad mine = known != null
                ? ShardLoad.done(known)
                : new ShardLoad(() -> {
                    ParsedShards.Shard shard = load(name);
                    ParsedShards.put(key, shard);
                    loaded.addAndGet(shard.records().size());
                    return shard;
                });
        ShardLoad raced = shards.putIfAbsent(name, mine);
        if (raced != null) {
            return raced;
        }
        if (known != null) {
            loaded.addAndGet(known.records().size());
            closure.reachAll(known.dependencyNames());
            return mine;
        }
        // reaching the dependencies as soon as the shard is parsed, by whichever thread loaded it, pipelines the walk
        mine.result.thenAccept(shard -> closure.reachAll(shard.dependencyNames()));
        closure.pool().execute(mine);
        return mine;
    }

    /** One shard's load, run once: by a pool thread, or by the thread that needs it first if none has started it. */
    static final class ShardLoad implements Runnable {
        final CompletableFuture<ParsedShards.Shard> result = new CompletableFuture<>();
        private final AtomicBoolean started = new AtomicBoolean();
        private final Supplier<ParsedShards.Shard> work;

        ShardLoad(Supplier<ParsedShards.Shard> work) {
            this.work = work;
        }

        static ShardLoad done(ParsedShards.Shard shard) {
            ShardLoad l = new ShardLoad(null);
            l.started.set(true);
            l.result.complete(shard);
            return l;
        }

        @Override
        public void run() {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }
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
        SubdirRepodata parsed = RepodataParser.parse(
                MsgpackShard.parser(msgpack, subdir, index.packageBase(), display),
                channelUrl,
                subdirUrl + "/repodata.json",
                subdir,
                display);
        List<PackageRecord> records = parsed.recordsNamed(name);
        return new ParsedShards.Shard(records, ShardClosure.dependencyNames(records));
    }

    private static byte[] decompressStreaming(byte[] compressed) throws java.io.IOException {
        try (var in = new com.github.luben.zstd.ZstdInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }
}
