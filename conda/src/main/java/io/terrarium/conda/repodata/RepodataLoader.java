package io.terrarium.conda.repodata;

import com.github.luben.zstd.ZstdInputStream;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Loads channel subdirs from local directories, {@code file://} URLs and {@code http(s)://} URLs (cached) and merges
 * them into a {@link RepoIndex}.
 *
 * <p>A missing subdir is empty, as in conda; a channel missing both the target subdir and {@code noarch} does not
 * exist ({@link ChannelNotFoundException}). A subdir that cannot be read for any other reason (unreachable server,
 * HTTP error, malformed JSON) fails the load: silently dropping it would change the solve.
 */
public final class RepodataLoader {
    private static final String[] LOCAL_FILES = {"repodata.json", "repodata.json.zst", "repodata.json.bz2"};
    /**
     * How long a server's 404 for an optional form (shard index, {@code .zst}, {@code .bz2}) is believed: a channel
     * that starts offering one is noticed within this time (conda rechecks its {@code .zst} state weekly too).
     */
    static final Duration FORM_RECHECK = Duration.ofDays(7);

    private final ChannelConfig config;
    private final HttpRepodataCache http;

    public RepodataLoader(ChannelConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        // created on the first HTTP request only: building a client starts a selector thread
        this.http = new HttpRepodataCache(config, () -> HttpRepodataCache.defaultClient(config));
    }

    /** A loader using the given HTTP client (proxies, TLS settings, tests). */
    public RepodataLoader(ChannelConfig config, HttpClient client) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = new HttpRepodataCache(config, client);
    }

    /**
     * Loads {@code platform} and {@code noarch} of every channel, in parallel, into one index in priority order.
     *
     * @throws ChannelNotFoundException when a channel has neither subdir
     * @throws RepodataException        when a subdir cannot be fetched or parsed
     */
    public RepoIndex loadIndex(List<Channel> channels, Platform platform) {
        Objects.requireNonNull(platform, "platform");
        List<Platform> subdirs = platform.isNoarch() ? List.of(Platform.NOARCH) : List.of(platform, Platform.NOARCH);
        // a channel named twice keeps its first (highest) priority and is loaded once
        List<Channel> unique = new ArrayList<>(new java.util.LinkedHashSet<>(channels));
        channels = unique;
        List<String> urls = unique.stream().map(Channel::url).toList();
        int tasks = channels.size() * subdirs.size();
        ShardClosure closure = new ShardClosure();
        List<Optional<RecordSource>> results = new ArrayList<>(tasks);
        if (tasks <= 1 || allLocal(channels)) {
            // local files are scanned, not parsed: a thread pool costs more than it saves
            for (Channel c : channels) {
                for (Platform s : subdirs) {
                    results.add(loadSource(c, s, closure));
                }
            }
        } else {
            int threads = Math.min(tasks, Math.max(2, Runtime.getRuntime().availableProcessors()));
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "repodata-loader");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Optional<RecordSource>>> futures = new ArrayList<>(tasks);
                for (Channel c : channels) {
                    for (Platform s : subdirs) {
                        futures.add(pool.submit(() -> loadSource(c, s, closure)));
                    }
                }
                for (Future<Optional<RecordSource>> f : futures) {
                    results.add(await(f));
                }
            } finally {
                // on failure, stop the other fetches and wait for them: nothing may write to the cache after we return
                pool.shutdownNow();
                awaitQuietly(pool);
            }
        }
        List<RecordSource> parts = new ArrayList<>(tasks);
        for (int ci = 0; ci < channels.size(); ci++) {
            boolean any = false;
            for (int si = 0; si < subdirs.size(); si++) {
                Optional<RecordSource> r = results.get(ci * subdirs.size() + si);
                if (r.isPresent()) {
                    any = true;
                    parts.add(r.get());
                }
            }
            if (!any) {
                Channel c = channels.get(ci);
                throw new ChannelNotFoundException("channel " + c.name() + " not found: neither "
                        + c.subdirUrl(subdirs.get(0)) + "/repodata.json"
                        + (subdirs.size() > 1 ? " nor " + c.subdirUrl(Platform.NOARCH) + "/repodata.json" : "")
                        + " exists");
            }
        }
        return RepoIndex.fromSources(urls, parts);
    }

    private static boolean allLocal(List<Channel> channels) {
        for (Channel c : channels) {
            if (!c.isLocal()) {
                return false;
            }
        }
        return true;
    }

    /**
     * One subdir: sharded when the server offers a shard index, else its repodata indexed for lazy parsing (from
     * whichever form the server has: fetched compressed, cached decompressed).
     */
    private Optional<RecordSource> loadSource(Channel channel, Platform subdir, ShardClosure closure) {
        if (channel.isLocal()) {
            return loadLocalLazily(channel, subdir);
        }
        Optional<ShardIndex> sharded = shardIndex(channel, subdir);
        if (sharded.isPresent()) {
            return Optional.of(new ShardedSubdir(channel, subdir.subdir(), sharded.get(), http, closure));
        }
        return readRemote(
                channel,
                subdir,
                (body, url) -> ScannedBodies.scan(body, b -> scan(b, channel.url(), url, subdir.subdir(), url)));
    }

    /** The subdir's CEP 16 shard index (revalidated like repodata), or empty when the server has none. */
    private Optional<ShardIndex> shardIndex(Channel channel, Platform subdir) {
        String url = channel.subdirUrl(subdir) + "/" + ShardIndex.FILE_NAME;
        Optional<Path> body;
        if (config.offline()) {
            body = http.cached(url);
        } else {
            body = http.fetch(
                    url,
                    channel.authenticatedUrl(url),
                    channel.authorizationHeader().orElse(null),
                    ZstdInputStream::new,
                    ".msgpack",
                    FORM_RECHECK,
                    true);
        }
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try {
            // a warm load reuses the decoded index: thousands of entries, and its file changes only on a new fetch
            return Optional.of(ScannedBodies.read(
                    ShardIndex.class, body.get(), b -> ShardIndex.decode(Files.readAllBytes(b), url)));
        } catch (IOException e) {
            throw new RepodataException(
                    "cannot read cached shard index of " + url + " (" + body.get() + "): " + e.getMessage(), e);
        }
    }

    /** Reads a cached repodata body; the HTTP cache may replace it under us (see {@link #readRemote}). */
    @FunctionalInterface
    private interface CachedBodyReader<T> {
        T read(Path body, String repodataUrl) throws IOException;
    }

    /**
     * Fetches (or revalidates) one subdir's repodata through the HTTP cache and reads the cached body; empty when the
     * channel has no such subdir. The forms are asked for in conda's order, {@code repodata.json.zst}, then
     * {@code .bz2}, then plain {@code repodata.json}; a 404 on a compressed form is remembered for
     * {@link #FORM_RECHECK}, so a server without it is not asked again on every load. Compressed forms are cached
     * decompressed.
     */
    private <T> Optional<T> readRemote(Channel channel, Platform subdir, CachedBodyReader<T> reader) {
        String url = channel.subdirUrl(subdir) + "/repodata.json";
        String authorization = channel.authorizationHeader().orElse(null);
        for (int attempt = 1; ; attempt++) {
            Optional<Path> body = Optional.empty();
            for (RepodataForm form : RepodataForm.values()) {
                String formUrl = url + form.suffix;
                body = config.offline()
                        ? http.cached(formUrl)
                        : http.fetch(
                                formUrl,
                                channel.authenticatedUrl(formUrl),
                                authorization,
                                form.decoder,
                                ".json",
                                form.optional ? FORM_RECHECK : null,
                                false);
                if (body.isPresent()) {
                    break;
                }
            }
            if (body.isEmpty() && config.offline() && !http.knownMissing(url)) {
                throw new RepodataException("offline mode and no cached repodata for " + url);
            }
            if (body.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(reader.read(body.get(), url));
            } catch (IOException e) {
                // another process refreshed the entry and removed the body we were pointed at: look again, once
                if (e instanceof NoSuchFileException && attempt == 1) {
                    continue;
                }
                throw new RepodataException(
                        "cannot read cached repodata of " + url + " (" + body.get() + "): " + e.getMessage(), e);
            }
        }
    }

    /** The forms of a subdir's repodata, in the order they are asked for. */
    private enum RepodataForm {
        ZSTD(".zst", true, in -> new BufferedInputStream(new ZstdInputStream(in), 1 << 16)),
        BZIP2(".bz2", true, BZip2CompressorInputStream::new),
        JSON("", false, in -> in);

        final String suffix;
        /** A form a server may lack while it has the subdir: its 404 is remembered. */
        final boolean optional;

        final HttpRepodataCache.BodyDecoder decoder;

        RepodataForm(String suffix, boolean optional, HttpRepodataCache.BodyDecoder decoder) {
            this.suffix = suffix;
            this.optional = optional;
            this.decoder = decoder;
        }
    }

    /**
     * Maps {@code file} into memory (off-heap: a 300 MB repodata does not count against the heap) and scans it; the
     * mapping stays valid after the file is replaced, as the HTTP cache and indexers do, by rename.
     */
    private static RecordSource scan(
            Path file, String channelUrl, String repodataUrl, String subdir, String displayName) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) { // beyond one mapping: parse it all, streaming
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    return RepodataParser.parse(in, channelUrl, repodataUrl, subdir, displayName);
                }
            }
            ByteBuffer data = size < (1 << 20)
                    ? ByteBuffer.wrap(readFully(ch, (int) size)) // small: a heap copy is cheaper than a mapping
                    : ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return RepodataParser.scan(data, channelUrl, repodataUrl, subdir, displayName);
        }
    }

    private static byte[] readFully(FileChannel ch, int size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(size);
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
            // keep reading: a file channel may return fewer bytes than asked
        }
        return buf.position() == size ? buf.array() : java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    /**
     * Loads and parses every record of one subdir of a channel (for callers that need them all; {@link #loadIndex}
     * parses names on demand); empty when the channel has no such subdir.
     *
     * @throws RepodataException when it exists but cannot be fetched or parsed
     */
    public Optional<SubdirRepodata> loadSubdir(Channel channel, Platform subdir) {
        if (channel.isLocal()) {
            return loadLocal(channel, subdir);
        }
        return readRemote(channel, subdir, (body, url) -> parseCached(body, channel, subdir, url));
    }

    /**
     * Walks every record of one subdir's full repodata document once, parsing one record at a time and keeping none:
     * for indexing a whole channel into a catalog. Remote channels are read through the HTTP cache (the plain
     * document, never CEP 16 shards: one request per package name is no way to read all of them), and the document is
     * scanned from a memory-mapped file, so even conda-forge's 700k records never sit on the heap at once.
     *
     * @return false when the channel has no such subdir
     * @throws RepodataException when it exists but cannot be fetched or parsed
     */
    public boolean forEachRecord(Channel channel, Platform subdir, Consumer<PackageRecord> consumer) {
        Optional<RecordSource> source = channel.isLocal()
                ? loadLocalLazily(channel, subdir)
                : readRemote(channel, subdir, (body, url) -> scan(body, channel.url(), url, subdir.subdir(), url));
        source.ifPresent(s -> s.forEachRecordOnce(consumer));
        return source.isPresent();
    }

    private static SubdirRepodata parseCached(Path body, Channel channel, Platform subdir, String url)
            throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(body), 1 << 16)) {
            return RepodataParser.parse(in, channel.url(), url, subdir.subdir(), url);
        }
    }

    private Optional<SubdirRepodata> loadLocal(Channel channel, Platform subdir) {
        return localFile(channel, subdir).map(file -> parseLocal(channel, subdir, file));
    }

    private Optional<RecordSource> loadLocalLazily(Channel channel, Platform subdir) {
        return localFile(channel, subdir).map(file -> {
            if (!file.getFileName().toString().equals("repodata.json")) {
                return parseLocal(channel, subdir, file); // compressed: decompressing it whole is the cost
            }
            try {
                return scan(file, channel.url(), file.toUri().toString(), subdir.subdir(), file.toString());
            } catch (IOException e) {
                throw new RepodataException("cannot read repodata " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /** The subdir's repodata file, plain or compressed, preferring plain; empty when the subdir has none. */
    private static Optional<Path> localFile(Channel channel, Platform subdir) {
        Path dir = channel.localPath().orElseThrow().resolve(subdir.subdir());
        for (String name : LOCAL_FILES) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private SubdirRepodata parseLocal(Channel channel, Platform subdir, Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                InputStream in = new BoundedInputStream(
                        decompressing(raw, file.getFileName().toString()),
                        config.maxRepodataBytes(),
                        "repodata " + file + " (decompressed)")) {
            return RepodataParser.parse(in, channel.url(), file.toUri().toString(), subdir.subdir(), file.toString());
        } catch (IOException e) {
            throw new RepodataException("cannot read repodata " + file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream decompressing(InputStream raw, String name) throws IOException {
        if (name.endsWith(".zst")) {
            return new BufferedInputStream(new ZstdInputStream(raw), 1 << 16);
        }
        if (name.endsWith(".bz2")) {
            return new BZip2CompressorInputStream(raw);
        }
        return raw;
    }

    private void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(config.timeout().toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepodataException("interrupted while loading repodata", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new RepodataException("loading repodata failed: " + e.getCause(), e.getCause());
        }
    }

    /** The configuration this loader uses. */
    public ChannelConfig config() {
        return config;
    }
}
