package io.terrarium.conda.repodata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
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
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

/**
 * Fetches {@code repodata.json} over HTTP(S) into a local cache keyed by URL, revalidating with ETag/Last-Modified.
 *
 * <p>For each URL the cache holds a body file and a {@code .meta} properties file (URL, ETag, Last-Modified, body file
 * name). A new body is written under a fresh name and the meta file is replaced last with an atomic rename, so a
 * reader (or a crash) never sees a meta file paired with a half-written or foreign body.
 */
final class HttpRepodataCache {
    private final ChannelConfig config;
    private final java.util.function.Supplier<HttpClient> clientFactory;
    private volatile HttpClient client;

    HttpRepodataCache(ChannelConfig config, HttpClient client) {
        this(config, () -> client);
    }

    /** A cache that creates its client on the first request: loads of local channels never need one. */
    HttpRepodataCache(ChannelConfig config, java.util.function.Supplier<HttpClient> clientFactory) {
        this.config = config;
        this.clientFactory = clientFactory;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) client = c = clientFactory.get();
            }
        }
        return c;
    }

    static HttpClient defaultClient(ChannelConfig config) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(config.timeout())
                .build();
    }

    /**
     * The cached body of {@code url}, fetched or revalidated first; empty when the server says it does not exist.
     * The request goes to {@code requestUrl} (the URL with credentials) with an optional {@code Authorization}
     * header; the cache and every message use the credential-free {@code url}.
     *
     * @throws RepodataException when the server cannot be reached or answers with an error
     */
    Optional<Path> fetch(String url, String requestUrl, String authorization) {
        Path dir = config.cacheDir();
        String key = key(url);
        Path metaFile = dir.resolve(key + ".meta");
        Properties meta = readMeta(metaFile, url);
        boolean knownMissing = meta != null && meta.getProperty("missing") != null;
        Path cachedBody = meta == null || knownMissing ? null : dir.resolve(meta.getProperty("body"));
        if (cachedBody != null && !Files.isRegularFile(cachedBody)) {
            meta = null;
            cachedBody = null;
        }
        if (config.offline()) {
            if (knownMissing) return Optional.empty();
            if (cachedBody == null) {
                throw new RepodataException("offline mode and no cached repodata for " + url);
            }
            return Optional.of(cachedBody);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(requestUrl))
                .timeout(config.timeout())
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", "terrarium-conda")
                .GET();
        if (authorization != null) req.header("Authorization", authorization);
        if (cachedBody != null) {
            String etag = meta.getProperty("etag");
            String lastModified = meta.getProperty("last-modified");
            if (etag != null) req.header("If-None-Match", etag);
            if (lastModified != null) req.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> resp;
        try {
            resp = client().send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new RepodataException("cannot reach " + url + ": connection refused or host unreachable", e);
        } catch (HttpTimeoutException e) {
            throw new RepodataException("cannot reach " + url + ": timed out after " + config.timeout().toSeconds()
                    + " s", e);
        } catch (IOException e) {
            throw new RepodataException("cannot fetch " + url + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepodataException("interrupted while fetching " + url, e);
        }
        int status = resp.statusCode();
        try (InputStream body = resp.body()) {
            if (status == 304 && cachedBody != null) return Optional.of(cachedBody);
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
            boolean gzip = resp.headers().firstValue("Content-Encoding").map(v -> v.equalsIgnoreCase("gzip"))
                    .orElse(false);
            return Optional.of(store(dir, key, url, gzip ? new GZIPInputStream(body) : body,
                    resp.headers().firstValue("ETag").orElse(null),
                    resp.headers().firstValue("Last-Modified").orElse(null),
                    cachedBody));
        } catch (IOException e) {
            throw new RepodataException("cannot fetch " + url + ": " + describe(e), e);
        }
    }

    private static Path store(Path dir, String key, String url, InputStream body, String etag, String lastModified,
                              Path previousBody) throws IOException {
        Files.createDirectories(dir);
        String bodyName = key + "." + Long.toHexString(System.nanoTime()) + ".json";
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
            if (etag != null) meta.setProperty("etag", etag);
            if (lastModified != null) meta.setProperty("last-modified", lastModified);
            writeMeta(dir, key, meta, "terrarium repodata cache entry");
            if (previousBody != null && !previousBody.equals(bodyFile)) Files.deleteIfExists(previousBody);
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
        writeMeta(dir, key, meta, "terrarium repodata cache entry: not found on the server");
        if (previousBody != null) Files.deleteIfExists(previousBody);
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

    private static Properties readMeta(Path metaFile, String url) {
        if (!Files.isRegularFile(metaFile)) return null;
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
