package io.terrarium.conda.pkg;

import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * Downloads a package archive ({@code http(s)://} with retries, {@code file://}) into a file, checking it against
 * its record's {@code size} and {@code sha256} (else {@code md5}) while streaming.
 */
final class PackageDownloader {
    private static final int BUFFER = 64 * 1024;
    private static volatile HttpClient defaultClient;

    private final ExtractionLimits limits;
    private final HttpClient http;
    private final int attempts;

    /**
     * @param limits   its {@code maxTotalBytes} caps a download whose record has no size
     * @param http     client for http(s) downloads; null for a shared default (redirects followed, 30 s connect timeout)
     * @param attempts tries per download on network errors and HTTP 5xx (integrity mismatches are not retried)
     */
    PackageDownloader(ExtractionLimits limits, HttpClient http, int attempts) {
        this.limits = limits;
        this.http = http;
        this.attempts = Math.max(1, attempts);
    }

    /**
     * An archive verified against its record, with its {md5, sha256} when verifying or downloading it computed them
     * (null when the record had no checksum to check), so that completing the record does not hash it again.
     */
    record Verified(Path archive, String[] sums) {
        /** The record with the archive's checksums and size filled in where the repodata lacked them. */
        PackageRecord complete(PackageRecord record) throws IOException {
            if (record.md5() != null && record.sha256() != null && record.size() >= 0) {
                return record;
            }
            String[] s = sums != null ? sums : Digests.of(archive);
            return record.toBuilder()
                    .md5(record.md5() != null ? record.md5() : s[0])
                    .sha256(record.sha256() != null ? record.sha256() : s[1])
                    .size(record.size() >= 0 ? record.size() : Files.size(archive))
                    .build();
        }
    }

    /**
     * Downloads the record's archive into {@code tmp} (an existing file, overwritten), verified.
     *
     * @param fileName the archive's file name, for messages
     * @return the {md5, sha256} of what it wrote
     * @throws PackageIntegrityException when the bytes do not match the record (not retried)
     */
    String[] download(PackageRecord record, String fileName, Path tmp, CacheProgress progress) throws IOException {
        URI uri = uri(record);
        if (record.size() > limits.maxTotalBytes()) {
            throw new PackageIntegrityException(fileName + " from " + redact(uri) + ": its record declares "
                    + record.size() + " bytes, more than the " + limits.maxTotalBytes() + "-byte limit for a package");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            Path source;
            try {
                source = Path.of(uri);
            } catch (IllegalArgumentException e) {
                throw new IOException("cannot read " + uri + ": " + e.getMessage(), e);
            }
            if (!Files.isRegularFile(source)) {
                throw new NoSuchFileException(source.toString(), null, "package file not found (from " + record + ")");
            }
            try (InputStream in = Files.newInputStream(source)) {
                return copyVerified(in, tmp, record, fileName, uri, progress);
            }
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("cannot fetch " + redact(uri) + ": unsupported URL scheme '" + scheme + "'");
        }
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpRequest req = HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofMinutes(10))
                        .GET()
                        .build();
                HttpResponse<InputStream> resp = client().send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = resp.body()) {
                    int status = resp.statusCode();
                    if (status != 200) {
                        IOException e = new IOException("HTTP " + status + " fetching " + redact(uri));
                        if (status < 500) {
                            throw new PackageException(e.getMessage()); // not worth retrying
                        }
                        throw e;
                    }
                    long declared =
                            resp.headers().firstValueAsLong("Content-Length").orElse(-1);
                    long allowed = record.size() >= 0 ? record.size() : limits.maxTotalBytes();
                    if (declared > allowed) {
                        // refused before reading a byte: neither the record nor the limit allows that much
                        throw new PackageIntegrityException(fileName + " from " + redact(uri) + ": the server declares "
                                + declared + " bytes, more than the " + allowed + " bytes "
                                + (record.size() >= 0 ? "its record says it has" : "a package may have"));
                    }
                    return copyVerified(in, tmp, record, fileName, uri, progress);
                }
            } catch (PackageException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted fetching " + redact(uri));
            } catch (IOException e) {
                last = e;
                if (attempt < attempts) {
                    sleep(500L * attempt);
                }
            }
        }
        throw new IOException(
                "cannot fetch " + redact(uri) + " after " + attempts + " attempts: " + last.getMessage(), last);
    }

    private String[] copyVerified(
            InputStream in, Path tmp, PackageRecord record, String fileName, URI uri, CacheProgress progress)
            throws IOException {
        Digests d = new Digests();
        long expected = record.size();
        byte[] buf = new byte[BUFFER];
        long done = 0;
        long reported = 0;
        try (OutputStream out =
                Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                d.update(buf, n);
                done += n;
                if (expected >= 0 && done > expected) {
                    throw new PackageIntegrityException(fileName + " from " + redact(uri) + ": size mismatch: expected "
                            + expected + " bytes, got more");
                }
                if (done > limits.maxTotalBytes()) {
                    // no size in the record: do not let an endless response fill the disk
                    throw new PackageIntegrityException(fileName + " from " + redact(uri) + ": larger than the "
                            + limits.maxTotalBytes() + "-byte limit for a package");
                }
                if (done - reported >= BUFFER) {
                    reported = done;
                    progress.update(CacheProgress.Phase.DOWNLOAD, done, expected);
                }
            }
        }
        progress.update(CacheProgress.Phase.DOWNLOAD, done, expected);
        String[] sums = {d.md5(), d.sha256()};
        String problem = mismatch(record, done, sums[0], sums[1]);
        if (problem != null) {
            throw new PackageIntegrityException(fileName + " from " + redact(uri) + ": " + problem);
        }
        return sums;
    }

    /** The file as a {@link Verified} archive if it matches the record (hashed only when it has a checksum), else null. */
    static Verified verified(Path file, PackageRecord record) throws IOException {
        long size = Files.size(file);
        if (record.size() >= 0 && size != record.size()) {
            return null;
        }
        if (record.sha256() == null && record.md5() == null) {
            return new Verified(file, null);
        }
        String[] sums = Digests.of(file);
        return mismatch(record, size, sums[0], sums[1]) == null ? new Verified(file, sums) : null;
    }

    private static String mismatch(PackageRecord record, long size, String md5, String sha256) {
        if (record.size() >= 0 && size != record.size()) {
            return "size mismatch: expected " + record.size() + " bytes, got " + size;
        }
        if (record.sha256() != null && !record.sha256().equalsIgnoreCase(sha256)) {
            return "sha256 mismatch: expected " + record.sha256() + ", got " + sha256;
        }
        if (record.sha256() == null && record.md5() != null && !record.md5().equalsIgnoreCase(md5)) {
            return "md5 mismatch: expected " + record.md5() + ", got " + md5;
        }
        return null;
    }

    private HttpClient client() {
        if (http != null) {
            return http;
        }
        HttpClient c = defaultClient;
        if (c == null) {
            synchronized (PackageDownloader.class) {
                c = defaultClient;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .connectTimeout(Duration.ofSeconds(30))
                            .build();
                    defaultClient = c;
                }
            }
        }
        return c;
    }

    private static URI uri(PackageRecord record) throws IOException {
        if (record.url() == null || record.url().isEmpty()) {
            throw new InvalidPackageException("record " + record + " has no url to fetch it from");
        }
        try {
            return new URI(record.url());
        } catch (URISyntaxException e) {
            throw new InvalidPackageException("record " + record + " has an invalid url: " + e.getMessage(), e);
        }
    }

    /** The URL without user info, for messages. */
    private static String redact(URI uri) {
        if (uri.getUserInfo() == null) {
            return uri.toString();
        }
        return uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
