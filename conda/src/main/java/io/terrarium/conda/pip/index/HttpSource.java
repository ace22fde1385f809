package io.terrarium.conda.pip.index;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.pkg.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * HTTP GETs for the pip side: index pages and metadata cached on disk and revalidated with ETag/Last-Modified (a
 * 304 serves the cached body; see {@link #getCached}), files streamed to disk with their SHA-256 checked; credentials in a URL become a
 * Basic {@code Authorization} header and never appear in a message; plain HTTP only to loopback or trusted hosts.
 */
public final class HttpSource {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ATTEMPTS = 3;
    private static final long RETRY_PAUSE_MILLIS = 200;

    private final IndexConfig config;
    private final HttpClient client;
    private volatile HttpClient trustingClient;

    public HttpSource(IndexConfig config) {
        this(
                config,
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(30))
                        .build());
    }

    public HttpSource(IndexConfig config, HttpClient client) {
        this.config = config;
        this.client = client;
    }

    public IndexConfig config() {
        return config;
    }

    /**
     * A body with its content type and the URL it finally came from.
     *
     * @param body        the bytes
     * @param contentType the response's Content-Type (without parameters), lower case
     * @param url         the URL the body belongs to, for resolving relative links
     * @param fromCache   whether a 304 (or a file URL) let the cached body be reused
     */
    public record Body(byte[] body, String contentType, URI url, boolean fromCache) {}

    /**
     * GETs a page with the given Accept header, revalidating a cached copy when there is one. A cache entry is one
     * file (a JSON header line with ETag, Last-Modified, Content-Type and URL, then the body) replaced by an atomic
     * rename, so workers sharing the cache never pair one response's validators with another's body.
     */
    public Body getCached(String url, String accept) {
        URI uri = checked(url);
        Path dir = config.cacheDir();
        Path entry = null;
        Map<String, Object> header = Map.of();
        byte[] cached = null;
        if (dir != null) {
            entry = dir.resolve(
                    Sha256.of(stripCredentials(uri).toString().getBytes(StandardCharsets.UTF_8)) + ".entry");
            if (Files.isRegularFile(entry)) {
                try {
                    byte[] all = Files.readAllBytes(entry);
                    int nl = 0;
                    while (nl < all.length && all[nl] != '\n') {
                        nl++;
                    }
                    header = Json.parseObject(new String(all, 0, nl, StandardCharsets.UTF_8));
                    cached = java.util.Arrays.copyOfRange(all, Math.min(all.length, nl + 1), all.length);
                } catch (IOException | RuntimeException e) {
                    header = Map.of(); // an unreadable entry is fetched again
                }
            }
        }
        HttpRequest.Builder req = request(uri).header("Accept", accept);
        if (cached != null && header.get("etag") instanceof String etag) {
            req.header("If-None-Match", etag);
        }
        if (cached != null && header.get("last-modified") instanceof String lm) {
            req.header("If-Modified-Since", lm);
        }
        HttpResponse<byte[]> resp = send(uri, req.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            if (resp.statusCode() == 304 && cached != null) {
                URI cachedUri = URI.create(String.valueOf(header.getOrDefault("url", uri.toString())));
                return new Body(
                        cached,
                        String.valueOf(header.getOrDefault("content-type", "")),
                        sameOrigin(cachedUri, uri) ? uri : cachedUri,
                        true);
            }
            if (resp.statusCode() != 200) {
                throw new IndexException(
                        "GET " + Redaction.redact(url) + " answered HTTP " + resp.statusCode(), resp.statusCode());
            }
            String type = contentType(resp);
            URI finalUri = sameOrigin(resp.uri(), uri) ? uri : resp.uri();
            if (entry != null) {
                Map<String, Object> h = new LinkedHashMap<>();
                resp.headers().firstValue("ETag").ifPresent(v -> h.put("etag", v));
                resp.headers().firstValue("Last-Modified").ifPresent(v -> h.put("last-modified", v));
                h.put("content-type", type);
                h.put("url", stripCredentials(finalUri).toString());
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "entry", ".tmp");
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    out.write((Json.write(h) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.write(resp.body());
                }
                move(tmp, entry);
            }
            return new Body(resp.body(), type, finalUri, false);
        } catch (IOException e) {
            throw new IndexException("cannot cache " + Redaction.redact(url) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams a file to {@code target} (written under a temporary name, then moved), refusing it when its SHA-256
     * is not {@code expectedSha256} (null skips the check). Returns the SHA-256 of what arrived.
     */
    public String download(String url, Path target, String expectedSha256) {
        URI uri = checked(url);
        HttpResponse<InputStream> resp = send(uri, request(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".download", ".part");
            try {
                MessageDigest md = Sha256.newDigest();
                try (InputStream in = resp.body();
                        OutputStream out = Files.newOutputStream(tmp)) {
                    if (resp.statusCode() != 200) {
                        throw new IndexException(
                                "GET " + Redaction.redact(url) + " answered HTTP " + resp.statusCode(),
                                resp.statusCode());
                    }
                    byte[] buf = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        md.update(buf, 0, n);
                        out.write(buf, 0, n);
                    }
                }
                String actual = Sha256.hex(md);
                if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
                    throw new IndexException("hash mismatch for " + Redaction.redact(url) + ": expected sha256 "
                            + expectedSha256 + ", got " + actual);
                }
                move(tmp, target);
                return actual;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new IndexException("cannot download " + Redaction.redact(url) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The bytes of a range of a file ({@code bytes=-65536} for its tail, {@code bytes=10-20}), with the file's
     * total length; null when the server does not answer with a 206 (it ignores ranges), so the caller falls back to a
     * full download.
     *
     * @return {@code {body}} paired with the total length in {@link RangeBody}
     */
    public RangeBody getRange(String url, String range) {
        URI uri = checked(url);
        HttpResponse<InputStream> resp =
                send(uri, request(uri).header("Range", range).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 206) {
                return null;
            }
            String cr = resp.headers().firstValue("Content-Range").orElse("");
            int slash = cr.lastIndexOf('/');
            int space = cr.indexOf(' ');
            int dash = cr.indexOf('-', Math.max(space, 0));
            if (slash < 0 || space < 0 || dash < 0 || cr.endsWith("/*")) {
                return null;
            }
            long start = Long.parseLong(cr.substring(space + 1, dash).strip());
            long total = Long.parseLong(cr.substring(slash + 1).strip());
            return new RangeBody(in.readAllBytes(), start, total);
        } catch (IOException | NumberFormatException e) {
            throw new IndexException("cannot read a range of " + Redaction.redact(url) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Part of a file.
     *
     * @param body  the bytes
     * @param start their offset in the file
     * @param total the file's length
     */
    public record RangeBody(byte[] body, long start, long total) {}

    private URI checked(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IndexException("invalid URL " + Redaction.redact(url) + ": " + e.getReason());
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IndexException("not an absolute http(s) URL: " + Redaction.redact(url));
        }
        if (!config.isSecureOrTrusted(uri)) {
            throw new IndexException("refusing plain HTTP to " + uri.getHost() + " for " + Redaction.redact(url)
                    + ": it is not a secure or trusted host (add it with --trusted-host)");
        }
        return uri;
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(stripCredentials(uri))
                .timeout(TIMEOUT)
                .GET()
                .header("User-Agent", "terrarium");
        String info = uri.getRawUserInfo() != null ? uri.getRawUserInfo() : indexCredentials(uri);
        if (info != null && !info.isEmpty()) {
            String decoded = URLDecoder.decode(info.contains(":") ? info : info + ":", StandardCharsets.UTF_8);
            b.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    /**
     * Sends a GET, following up to 10 redirects itself so that credentials go only to the origin they were given
     * for (a redirect to another host, such as a CDN, drops the Authorization header).
     */
    private <T> HttpResponse<T> send(URI uri, HttpRequest req, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpRequest current = req;
            URI at = uri;
            for (int hop = 0; ; hop++) {
                HttpResponse<T> resp = sendWithRetries(at, current, handler);
                int code = resp.statusCode();
                var location = resp.headers().firstValue("Location");
                if (!(code == 301 || code == 302 || code == 303 || code == 307 || code == 308) || location.isEmpty()) {
                    return resp;
                }
                if (resp.body() instanceof InputStream in) {
                    in.close();
                }
                if (hop >= 10) {
                    throw new IndexException("GET " + Redaction.redact(uri.toString()) + ": too many redirects");
                }
                URI next = current.uri().resolve(location.get());
                if (!config.isSecureOrTrusted(next)) {
                    throw new IndexException("refusing a redirect from " + Redaction.redact(uri.toString())
                            + " to plain HTTP at " + next.getHost());
                }
                HttpRequest.Builder b =
                        HttpRequest.newBuilder(next).timeout(TIMEOUT).GET();
                boolean keepAuth = sameOrigin(next, current.uri());
                current.headers().map().forEach((k, vs) -> {
                    if (keepAuth || !k.equalsIgnoreCase("Authorization")) {
                        vs.forEach(v -> b.header(k, v));
                    }
                });
                current = b.build();
                at = next;
            }
        } catch (IOException e) {
            throw new IndexException(
                    "GET " + Redaction.redact(uri.toString()) + " failed: "
                            + Redaction.redact(String.valueOf(e.getMessage())),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("GET " + Redaction.redact(uri.toString()) + " was interrupted", e);
        }
    }

    /**
     * The user info of a configured index URL on the same origin, as pip applies index credentials to file URLs
     * (so pinned URLs and lockfiles can go without them); null when none has any.
     */
    private String indexCredentials(URI uri) {
        for (String index : config.allIndexUrls()) {
            try {
                URI i = new URI(index);
                if (i.getRawUserInfo() != null && sameOrigin(i, uri)) {
                    return i.getRawUserInfo();
                }
            } catch (URISyntaxException e) {
                // an index URL that does not parse has no credentials to lend
            }
        }
        return null;
    }

    /** The URL without user info: the form to record in a lockfile or print. */
    public static String withoutCredentials(String url) {
        try {
            return stripCredentials(new URI(url)).toString();
        } catch (URISyntaxException e) {
            return Redaction.redact(url);
        }
    }

    /**
     * One request, tried up to {@value #ATTEMPTS} times when the connection fails or the server answers 500, 502,
     * 503 or 504 (pip retries too; an index behind a CDN has such moments).
     */
    private <T> HttpResponse<T> sendWithRetries(URI at, HttpRequest req, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<T> resp;
            try {
                resp = clientFor(at).send(req, handler);
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(RETRY_PAUSE_MILLIS * attempt);
                continue;
            }
            int code = resp.statusCode();
            if (attempt >= ATTEMPTS || !(code == 500 || code == 502 || code == 503 || code == 504)) {
                return resp;
            }
            if (resp.body() instanceof InputStream in) {
                in.close();
            }
            Thread.sleep(RETRY_PAUSE_MILLIS * attempt);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** Trusted HTTPS hosts get a client that accepts any certificate, as pip's --trusted-host does. */
    private HttpClient clientFor(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || !config.isTrusted(uri)) {
            return client;
        }
        HttpClient c = trustingClient;
        if (c == null) {
            synchronized (this) {
                if (trustingClient == null) {
                    trustingClient = HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(Duration.ofSeconds(30))
                            .sslContext(trustAll())
                            .build();
                }
                c = trustingClient;
            }
        }
        return c;
    }

    private static SSLContext trustAll() {
        TrustManager tm = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL without user info (and so without a password). */
    static URI stripCredentials(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        String hostPort = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        return URI.create(uri.getScheme() + "://" + hostPort + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
    }

    private static String contentType(HttpResponse<?> resp) {
        String t = resp.headers().firstValue("Content-Type").orElse("");
        int semi = t.indexOf(';');
        return (semi >= 0 ? t.substring(0, semi) : t).strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
