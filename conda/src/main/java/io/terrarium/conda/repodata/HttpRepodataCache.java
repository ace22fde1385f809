package io.terrarium.conda.repodata;

import io.terrarium.conda.pkg.CacheLock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

/**
 * Fetches repodata files over HTTP(S) into a local cache keyed by URL, revalidating with ETag/Last-Modified, and
 * CEP 16 shards into a content-addressed cache by their hash.
 *
 * <p>For each URL the cache holds a body file and a {@code .meta} properties file (URL, ETag, Last-Modified, body file
 * name, when it was last checked, a stamp that changes on every write). A new body is written under a fresh name and
 * the meta file is replaced last with an atomic rename, so a reader (or a crash) never sees a meta file paired with a
 * half-written or foreign body. The directory is shared by every worker process of a store: a fetch holds the entry's
 * {@link CacheLock} ({@code <key>.lock}).
 */
final class HttpRepodataCache {
    private static final Duration ABANDONED_PART_AGE = Duration.ofHours(1);
    private static final java.util.Map<Duration, HttpClient> SHARED_CLIENTS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final ChannelConfig config;
    private final java.util.function.Supplier<HttpClient> clientFactory;
    /** Whether small immutable files may go over {@link KeepAliveHttp}: not when the caller chose the client. */
    private final boolean plainSockets;

    private volatile HttpClient client;

    /** A cache whose every request goes through {@code client} (its proxy and TLS settings apply to all). */
    HttpRepodataCache(ChannelConfig config, HttpClient client) {
        this(config, () -> client, false);
    }

    /**
     * A cache that creates its client on the first request (loads of local channels never need one) and fetches
     * shards over {@link KeepAliveHttp} where it can.
     */
    HttpRepodataCache(ChannelConfig config, java.util.function.Supplier<HttpClient> clientFactory) {
        this(config, clientFactory, true);
    }

    private HttpRepodataCache(
            ChannelConfig config, java.util.function.Supplier<HttpClient> clientFactory, boolean plainSockets) {
        this.config = config;
        this.clientFactory = clientFactory;
        this.plainSockets = plainSockets;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    client = c = clientFactory.get();
                }
            }
        }
        return c;
    }

    /** The cache directory this cache writes to. */
    Path cacheDir() {
        return config.cacheDir();
    }

    /**
     * The JVM's client for a connect timeout, shared by every load: a client starts a selector thread and keeps its
     * connections open, so one per load paid 10 ms or more and a new connection on each.
     */
    static HttpClient defaultClient(ChannelConfig config) {
        return SHARED_CLIENTS.computeIfAbsent(
                config.timeout(),
                timeout -> HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(timeout)
                        .build());
    }

    /**
     * The cached body of {@code url} as {@code decoder} turns the served bytes into the cached file (a {@code .zst}
     * form is cached decompressed, so every later load maps it directly), fetched or revalidated first; empty when
     * the server says it does not exist. The request goes to {@code requestUrl} (the URL with credentials) with an
     * optional {@code Authorization} header; the cache and every message use the credential-free {@code url}.
     *
     * <p>One fetch per entry at a time, across the threads of this JVM and the processes sharing the cache
     * directory: the fetch runs under the entry's {@link CacheLock}, and a caller that waited for the lock while
     * another fetched or revalidated the entry takes that result without a request of its own.
     *
     * @param rememberMissing how long a 404 is believed without asking again ({@code null}: ask every time); for the
     *                        optional forms ({@code .zst}, shards) a server does not offer
     * @param small           whether the file is small enough to hold in memory (the shard index): it then goes over
     *                        a pooled keep-alive connection where it can, as shards do
     * @throws RepodataException when the server cannot be reached or answers with an error
     */
    Optional<Path> fetch(
            String url,
            String requestUrl,
            String authorization,
            BodyDecoder decoder,
            String bodySuffix,
            Duration rememberMissing,
            boolean small) {
        Path dir = config.cacheDir();
        String key = key(url);
        Path metaFile = dir.resolve(key + ".meta");
        Properties seen = readMeta(metaFile, url, dir);
        if (config.offline()) {
            if (seen != null && seen.getProperty("missing") != null) {
                return Optional.empty();
            }
            if (seen == null) {
                throw new RepodataException("offline mode and no cached repodata for " + url);
            }
            return Optional.of(dir.resolve(seen.getProperty("body")));
        }
        if (seen != null
                && rememberMissing != null
                && seen.getProperty("missing") != null
                && System.currentTimeMillis() - checkedAt(seen) < rememberMissing.toMillis()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(dir);
            try (CacheLock lock = CacheLock.acquire(dir.resolve(key + ".lock"))) {
                Properties now = readMeta(metaFile, url, dir);
                if (now != null
                        && (seen == null || !now.getProperty("stamp", "").equals(seen.getProperty("stamp")))) {
                    // another thread or process fetched or revalidated the entry while we waited: take its answer
                    return now.getProperty("missing") != null
                            ? Optional.empty()
                            : Optional.of(dir.resolve(now.getProperty("body")));
                }
                return request(dir, key, url, requestUrl, authorization, decoder, bodySuffix, now, small);
            }
        } catch (IOException e) {
            throw new RepodataException(
                    "cannot update the repodata cache " + dir + " for " + url + ": " + describe(e), e);
        }
    }

    /** What is cached for {@code url} without any request: a body, or empty when none (or a known 404) is cached. */
    Optional<Path> cached(String url) {
        Path dir = config.cacheDir();
        Properties meta = readMeta(dir.resolve(key(url) + ".meta"), url, dir);
        if (meta == null || meta.getProperty("missing") != null) {
            return Optional.empty();
        }
        return Optional.of(dir.resolve(meta.getProperty("body")));
    }

    /** True when the cache holds a 404 for {@code url}. */
    boolean knownMissing(String url) {
        Path dir = config.cacheDir();
        Properties meta = readMeta(dir.resolve(key(url) + ".meta"), url, dir);
        return meta != null && meta.getProperty("missing") != null;
    }

    private Optional<Path> request(
            Path dir,
            String key,
            String url,
            String requestUrl,
            String authorization,
            BodyDecoder decoder,
            String bodySuffix,
            Properties meta,
            boolean small)
            throws IOException {
        Path cachedBody =
                meta == null || meta.getProperty("missing") != null ? null : dir.resolve(meta.getProperty("body"));
        String etag = cachedBody == null ? null : meta.getProperty("etag");
        String lastModified = cachedBody == null ? null : meta.getProperty("last-modified");
        try (Answer answer = small ? smallAnswer(url, requestUrl, authorization, etag, lastModified) : null) {
            if (answer != null) {
                return take(answer, dir, key, url, decoder, bodySuffix, meta, cachedBody);
            }
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(requestUrl))
                .timeout(config.timeout())
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", "terrarium-conda")
                .GET();
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        if (etag != null) {
            req.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            req.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> resp = send(req.build(), url);
        try (Answer answer = new Answer(
                resp.statusCode(),
                resp.body(),
                resp.headers()
                        .firstValue("Content-Encoding")
                        .map(v -> v.equalsIgnoreCase("gzip"))
                        .orElse(false),
                resp.headers().firstValue("ETag").orElse(null),
                resp.headers().firstValue("Last-Modified").orElse(null),
                resp.headers().firstValueAsLong("Content-Length").orElse(-1))) {
            return take(answer, dir, key, url, decoder, bodySuffix, meta, cachedBody);
        }
    }

    /** An answer to a (conditional) GET, from either client; closing it closes its body. */
    private record Answer(
            int status, InputStream body, boolean gzip, String etag, String lastModified, long declaredLength)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * The answer over a pooled keep-alive connection ({@link KeepAliveHttp}), for a small file (the shard index) when
     * this cache uses its default client; {@code null} when that client does not do the request (a proxy, a
     * redirect, an encoding) or fails in a way the JDK client may not, which then gets its chance.
     */
    private Answer smallAnswer(String url, String requestUrl, String authorization, String etag, String lastModified) {
        if (!plainSockets) {
            return null;
        }
        Map<String, String> conditions = new LinkedHashMap<>();
        if (etag != null) {
            conditions.put("If-None-Match", etag);
        }
        if (lastModified != null) {
            conditions.put("If-Modified-Since", lastModified);
        }
        KeepAliveHttp.Response r = overKeepAlive(url, requestUrl, authorization, conditions);
        if (r == null) {
            return null;
        }
        byte[] body = r.body() == null ? new byte[0] : r.body();
        return new Answer(r.status(), new ByteArrayInputStream(body), false, r.etag(), r.lastModified(), body.length);
    }

    /**
     * A GET over a pooled keep-alive connection ({@link KeepAliveHttp}); {@code null} when that client does not do
     * the request (a proxy, a redirect, an encoding) or fails in a way the JDK client may not: the JDK client then
     * gets its chance, and its error is the one reported.
     *
     * @throws RepodataException when the body is over the limit, or the server cannot be reached at all
     */
    private KeepAliveHttp.Response overKeepAlive(
            String url, String requestUrl, String authorization, Map<String, String> conditions) {
        try {
            return KeepAliveHttp.get(
                    URI.create(requestUrl), authorization, conditions, config.timeout(), config.maxDownloadBytes());
        } catch (KeepAliveHttp.TooLarge e) {
            throw new RepodataException("cannot fetch " + url + ": " + e.getMessage() + ", more than the limit of "
                    + config.maxDownloadBytes() + " bytes for repodata");
        } catch (ConnectException e) {
            throw new RepodataException("cannot reach " + url + ": connection refused or host unreachable", e);
        } catch (SocketTimeoutException e) {
            throw new RepodataException(
                    "cannot reach " + url + ": timed out after "
                            + config.timeout().toSeconds() + " s",
                    e);
        } catch (IOException e) {
            return null;
        }
    }

    /** Keeps what an answer says in the cache: a new body, a revalidation (304), or a file the server lacks. */
    private Optional<Path> take(
            Answer answer,
            Path dir,
            String key,
            String url,
            BodyDecoder decoder,
            String bodySuffix,
            Properties meta,
            Path cachedBody)
            throws IOException {
        int status = answer.status();
        if (status == 304 && cachedBody != null) {
            meta.setProperty("stamp", newStamp());
            meta.setProperty("checked-at", Long.toString(System.currentTimeMillis()));
            writeMeta(dir, key, meta, "terrarium repodata cache entry");
            return Optional.of(cachedBody);
        }
        if (status == 404 || status == 403 || status == 410) {
            storeMissing(dir, key, url, cachedBody);
            return Optional.empty();
        }
        if (status == 401) {
            throw new RepodataException("cannot fetch " + url + ": HTTP 401, the channel needs credentials "
                    + "(a token as .../t/<token>/... or https://user:password@host/...)");
        }
        if (status != 200) {
            throw new RepodataException("cannot fetch " + url + ": HTTP " + status);
        }
        requireDeclaredSize(answer.declaredLength(), url);
        try {
            InputStream served =
                    new BoundedInputStream(answer.body(), config.maxDownloadBytes(), "the download of " + url);
            InputStream decoded = new BoundedInputStream(
                    decoder.decode(answer.gzip() ? new GZIPInputStream(served) : served),
                    config.maxRepodataBytes(),
                    "the decompressed body of " + url);
            return Optional.of(
                    store(dir, key, url, decoded, bodySuffix, answer.etag(), answer.lastModified(), cachedBody));
        } catch (IOException e) {
            throw new RepodataException("cannot fetch " + url + ": " + describe(e), e);
        }
    }

    /**
     * The bytes of an immutable file named by its SHA-256 (a CEP 16 shard), from {@code <cache>/shards/} or fetched
     * once and checked against the hash; content-addressed, so a cached copy never needs revalidation.
     *
     * @throws RepodataException when it cannot be fetched, or its bytes do not have that hash
     */
    byte[] fetchImmutable(String url, String requestUrl, String authorization, String sha256Hex) {
        Path dir = config.cacheDir().resolve("shards");
        Path file = dir.resolve(sha256Hex + ".msgpack.zst");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
        } catch (IOException e) {
            // unreadable: fetch it again below
        }
        if (config.offline()) {
            throw new RepodataException("offline mode and no cached shard " + url);
        }
        byte[] bytes = downloadSmall(url, requestUrl, authorization);
        String actual = HexFormat.of().formatHex(sha256(bytes));
        if (!actual.equals(sha256Hex)) {
            throw new RepodataException(
                    "shard " + url + " has sha256 " + actual + ", the shard index says " + sha256Hex);
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, sha256Hex, ".part");
            try {
                Files.write(tmp, bytes);
                move(tmp, file); // two processes may both fetch a shard: the same bytes, renamed over each other
            } finally {
                Files.deleteIfExists(tmp);
            }
            return bytes;
        } catch (IOException e) {
            throw new RepodataException("cannot store shard " + url + " in " + dir + ": " + describe(e), e);
        }
    }

    /**
     * The body of a small file that must be answered with 200: over a pooled keep-alive connection
     * ({@link KeepAliveHttp}) when this cache uses its default client and the request is the plain case, else
     * through the JDK client.
     */
    private byte[] downloadSmall(String url, String requestUrl, String authorization) {
        KeepAliveHttp.Response r = plainSockets ? overKeepAlive(url, requestUrl, authorization, Map.of()) : null;
        if (r != null) {
            if (r.status() != 200) {
                throw new RepodataException("cannot fetch shard " + url + ": HTTP " + r.status());
            }
            return r.body();
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(requestUrl))
                .timeout(config.timeout())
                .header("User-Agent", "terrarium-conda")
                .GET();
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        HttpResponse<InputStream> resp = send(req.build(), url);
        try (InputStream body = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new RepodataException("cannot fetch shard " + url + ": HTTP " + resp.statusCode());
            }
            requireDeclaredSize(resp, url);
            return new BoundedInputStream(body, config.maxDownloadBytes(), "the download of " + url).readAllBytes();
        } catch (IOException e) {
            throw new RepodataException("cannot fetch shard " + url + ": " + describe(e), e);
        }
    }

    /** Refuses a response whose Content-Length is beyond the download limit before reading a byte of it. */
    private void requireDeclaredSize(HttpResponse<?> resp, String url) {
        requireDeclaredSize(resp.headers().firstValueAsLong("Content-Length").orElse(-1), url);
    }

    private void requireDeclaredSize(long declared, String url) {
        if (declared > config.maxDownloadBytes()) {
            throw new RepodataException("cannot fetch " + url + ": the server declares " + declared
                    + " bytes, more than the limit of " + config.maxDownloadBytes() + " bytes for repodata");
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request, String url) {
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new RepodataException("cannot reach " + url + ": connection refused or host unreachable", e);
        } catch (HttpTimeoutException e) {
            throw new RepodataException(
                    "cannot reach " + url + ": timed out after "
                            + config.timeout().toSeconds() + " s",
                    e);
        } catch (IOException e) {
            throw new RepodataException("cannot fetch " + url + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepodataException("interrupted while fetching " + url, e);
        }
    }

    /** Turns the bytes a server sends into the file the cache keeps (identity, or a decompressor). */
    @FunctionalInterface
    interface BodyDecoder {
        InputStream decode(InputStream served) throws IOException;
    }

    private static Path store(
            Path dir,
            String key,
            String url,
            InputStream body,
            String bodySuffix,
            String etag,
            String lastModified,
            Path previousBody)
            throws IOException {
        Files.createDirectories(dir);
        deleteAbandonedParts(dir);
        String bodyName = key + "." + Long.toHexString(System.nanoTime()) + bodySuffix;
        Path tmpBody = Files.createTempFile(dir, key, ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmpBody)) {
                body.transferTo(out);
            }
            Path bodyFile = dir.resolve(bodyName);
            move(tmpBody, bodyFile);
            Properties meta = new Properties();
            meta.setProperty("url", url);
            meta.setProperty("body", bodyName);
            meta.setProperty("stamp", newStamp());
            meta.setProperty("checked-at", Long.toString(System.currentTimeMillis()));
            if (etag != null) {
                meta.setProperty("etag", etag);
            }
            if (lastModified != null) {
                meta.setProperty("last-modified", lastModified);
            }
            writeMeta(dir, key, meta, "terrarium repodata cache entry");
            if (previousBody != null && !previousBody.equals(bodyFile)) {
                Files.deleteIfExists(previousBody);
            }
            return bodyFile;
        } finally {
            Files.deleteIfExists(tmpBody);
        }
    }

    /** Remembers that the server has no such file, so offline mode can answer "empty" rather than "unknown". */
    private static void storeMissing(Path dir, String key, String url, Path previousBody) throws IOException {
        Files.createDirectories(dir);
        Properties meta = new Properties();
        meta.setProperty("url", url);
        meta.setProperty("missing", "true");
        meta.setProperty("stamp", newStamp());
        meta.setProperty("checked-at", Long.toString(System.currentTimeMillis()));
        writeMeta(dir, key, meta, "terrarium repodata cache entry: not found on the server");
        if (previousBody != null) {
            Files.deleteIfExists(previousBody);
        }
    }

    /** Replaces the entry's meta file in one atomic rename, so readers see the old or the new one whole. */
    private static void writeMeta(Path dir, String key, Properties meta, String comment) throws IOException {
        Path tmpMeta = Files.createTempFile(dir, key, ".meta.part");
        try {
            try (OutputStream out = Files.newOutputStream(tmpMeta)) {
                meta.store(out, comment);
            }
            move(tmpMeta, dir.resolve(key + ".meta"));
        } finally {
            Files.deleteIfExists(tmpMeta);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A value that differs for every write of an entry, so a waiter can tell that the entry changed. */
    private static String newStamp() {
        return Long.toHexString(System.currentTimeMillis()) + "-"
                + Long.toHexString(ProcessHandle.current().pid()) + "-" + Long.toHexString(System.nanoTime());
    }

    private static long checkedAt(Properties meta) {
        try {
            return Long.parseLong(meta.getProperty("checked-at", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Temp files of a process killed while writing (never taken as bodies: only a rename publishes one). */
    private static void deleteAbandonedParts(Path dir) {
        long cutoff = System.currentTimeMillis() - ABANDONED_PART_AGE.toMillis();
        try (var parts = Files.newDirectoryStream(dir, "*.part")) {
            for (Path p : parts) {
                if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // best effort: a leftover temp file costs disk space, never correctness
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entry's meta data when it is for {@code url} and complete (its body file exists), else null. */
    private static Properties readMeta(Path metaFile, String url, Path dir) {
        Properties p = readMeta(metaFile, url);
        if (p != null && p.getProperty("missing") == null && !Files.isRegularFile(dir.resolve(p.getProperty("body")))) {
            return null;
        }
        return p;
    }

    private static Properties readMeta(Path metaFile, String url) {
        if (!Files.isRegularFile(metaFile)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(metaFile)) {
            p.load(in);
        } catch (IOException e) {
            return null; // unreadable cache entry: fetch again
        }
        // the key is a hash: make sure this entry really is for this URL
        boolean usable = p.getProperty("body") != null || p.getProperty("missing") != null;
        return url.equals(p.getProperty("url")) && usable ? p : null;
    }

    /** File-name-safe cache key for a URL. */
    static String key(String url) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
