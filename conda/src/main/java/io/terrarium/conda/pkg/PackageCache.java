package io.terrarium.conda.pkg;

import io.terrarium.conda.types.PackageRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A package cache directory shared by builds and processes, laid out like conda's {@code pkgs_dirs}: archives as
 * {@code <cache>/<fn>}, extracted packages as {@code <cache>/<name-version-build>/} whose
 * {@code info/repodata_record.json} (written last, before the directory appears) marks them complete.
 *
 * <p>Downloads ({@code http(s)://}, {@code file://}) are verified against the record's {@code size} and
 * {@code sha256} (else {@code md5}) while streaming; a mismatch raises {@link PackageIntegrityException} and leaves
 * nothing in the cache. Extraction goes to a temporary directory inside the cache, is validated against
 * {@code info/paths.json}, and is renamed into place. Work on one package is serialised across threads (an
 * in-JVM lock) and processes (an exclusive {@link FileLock} on {@code <cache>/<name-version-build>.lock}, keyed by
 * the extracted directory because the {@code .conda} and {@code .tar.bz2} of a package extract to the same place);
 * every step re-checks the cache after taking the lock, so concurrent callers reuse each other's work and leftovers
 * of a killed process are cleaned up by the next one.
 */
public final class PackageCache {
    private static final int BUFFER = 64 * 1024;
    private static final String TMP_PREFIX = ".tmp-";
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static volatile HttpClient defaultClient;

    private final Path dir;
    private final ExtractionLimits limits;
    private final HttpClient http;
    private final int attempts;

    /** A cache in {@code dir} (created if needed) with default limits and HTTP client. */
    public PackageCache(Path dir) throws IOException {
        this(dir, ExtractionLimits.DEFAULT, null, 3);
    }

    /**
     * A cache in {@code dir}.
     *
     * @param limits   decompression-bomb guards for extraction
     * @param http     client for http(s) downloads; null for a shared default (redirects followed, 30 s connect timeout)
     * @param attempts tries per download on network errors and HTTP 5xx (integrity mismatches are not retried)
     */
    public PackageCache(Path dir, ExtractionLimits limits, HttpClient http, int attempts) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.limits = limits;
        this.http = http;
        this.attempts = Math.max(1, attempts);
        Files.createDirectories(this.dir);
    }

    public Path dir() {
        return dir;
    }

    /** Where the archive of a record lives in the cache. */
    public Path archivePath(PackageRecord record) throws InvalidPackageException {
        return dir.resolve(fileName(record));
    }

    /** Where the extracted package of a record lives in the cache. */
    public Path extractedPath(PackageRecord record) throws InvalidPackageException {
        return dir.resolve(PackageFormat.stem(fileName(record)));
    }

    /** Whether the record's package is extracted, complete and matches the record's checksums. */
    public boolean isExtracted(PackageRecord record) throws IOException {
        return validExtracted(extractedPath(record), record);
    }

    /** {@link #ensureExtracted(PackageRecord, CacheProgress)} without progress. */
    public Path ensureExtracted(PackageRecord record) throws IOException {
        return ensureExtracted(record, CacheProgress.NONE);
    }

    /**
     * Returns the extracted directory of the record's package, downloading and extracting it first unless a valid
     * copy is already cached.
     */
    public Path ensureExtracted(PackageRecord record, CacheProgress progress) throws IOException {
        Path target = extractedPath(record);
        if (validExtracted(target, record)) {
            return target;
        }
        String stem = target.getFileName().toString();
        try (Held ignored = lock(stem)) {
            if (validExtracted(target, record)) {
                return target; // another thread or process finished it while we waited
            }
            cleanLeftovers(stem);
            Fetched fetched = fetchLocked(record, progress);
            extractLocked(fetched.archive(), target, fetched.complete(record), progress);
            return target;
        }
    }

    /** {@link #fetch(PackageRecord, CacheProgress)} without progress. */
    public Path fetch(PackageRecord record) throws IOException {
        return fetch(record, CacheProgress.NONE);
    }

    /** Downloads the record's archive into the cache (unless a verified copy is there) and returns its path. */
    public Path fetch(PackageRecord record, CacheProgress progress) throws IOException {
        String stem = PackageFormat.stem(fileName(record));
        try (Held ignored = lock(stem)) {
            cleanLeftovers(stem);
            return fetchLocked(record, progress).archive();
        }
    }

    /**
     * Extracts an archive (in the cache or anywhere else) into {@code <cache>/<name-version-build>/}, validated and
     * marked with a record built from its {@code info/index.json} and checksums; reuses a valid extraction of the
     * same archive (same sha256).
     */
    public Path extract(Path archive) throws IOException {
        return extract(archive, CacheProgress.NONE);
    }

    /** {@link #extract(Path)} with progress. */
    public Path extract(Path archive, CacheProgress progress) throws IOException {
        PackageArchive pa = PackageArchive.open(archive);
        Path target = dir.resolve(pa.stem());
        String[] sums = Digests.of(archive);
        try (Held ignored = lock(pa.stem())) {
            PackageRecord existing = RepodataRecordJson.read(target);
            if (existing != null && sums[1].equals(existing.sha256()) && complete(target)) {
                return target;
            }
            cleanLeftovers(pa.stem());
            PackageRecord record = pa.readIndex().toRecordBuilder()
                    .fn(archive.getFileName().toString())
                    .url(archive.toAbsolutePath().toUri().toString())
                    .md5(sums[0]).sha256(sums[1]).size(Files.size(archive))
                    .build();
            extractLocked(archive, target, record, progress);
            return target;
        }
    }

    /**
     * Removes the cached archive and extracted directory of a record (e.g. after a package was found corrupt);
     * a no-op when neither exists.
     */
    public void evict(PackageRecord record) throws IOException {
        Path target = extractedPath(record);
        try (Held ignored = lock(target.getFileName().toString())) {
            Files.deleteIfExists(archivePath(record));
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                discard(target);
            }
        }
    }

    // ---- fetching ----

    /**
     * A verified archive in the cache, with its {md5, sha256} when verifying or downloading it computed them (null
     * when the record had no checksum to check), so that completing the record does not hash the archive again.
     */
    private record Fetched(Path archive, String[] sums) {
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

    private Fetched fetchLocked(PackageRecord record, CacheProgress progress) throws IOException {
        Path archive = archivePath(record);
        if (Files.isRegularFile(archive)) {
            Fetched cached = verified(archive, record);
            if (cached != null) {
                return cached;
            }
            Files.delete(archive); // stale or corrupt: fetch again
        }
        URI uri = uri(record);
        Path tmp = Files.createTempFile(dir, TMP_PREFIX + PackageFormat.stem(archive.getFileName().toString()) + "-", ".part");
        try {
            String[] sums = download(uri, record, tmp, progress);
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Fetched(archive, sums);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Downloads into {@code tmp}, verified; returns the {md5, sha256} of what it wrote. */
    private String[] download(URI uri, PackageRecord record, Path tmp, CacheProgress progress) throws IOException {
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
                return copyVerified(in, tmp, record, uri, progress);
            }
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("cannot fetch " + redact(uri) + ": unsupported URL scheme '" + scheme + "'");
        }
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
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
                    return copyVerified(in, tmp, record, uri, progress);
                }
            } catch (PackageException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted fetching " + redact(uri));
            } catch (IOException e) {
                last = e;
                if (attempt < attempts) {
                    sleep(500L * attempt);
                }
            }
        }
        throw new IOException("cannot fetch " + redact(uri) + " after " + attempts + " attempts: " + last.getMessage(), last);
    }

    private String[] copyVerified(InputStream in, Path tmp, PackageRecord record, URI uri, CacheProgress progress)
            throws IOException {
        Digests d = new Digests();
        long expected = record.size();
        byte[] buf = new byte[BUFFER];
        long done = 0;
        long reported = 0;
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                d.update(buf, n);
                done += n;
                if (expected >= 0 && done > expected) {
                    throw new PackageIntegrityException(fileName(record) + " from " + redact(uri)
                            + ": size mismatch: expected " + expected + " bytes, got more");
                }
                if (done > limits.maxTotalBytes()) {
                    // no size in the record: do not let an endless response fill the disk
                    throw new PackageIntegrityException(fileName(record) + " from " + redact(uri)
                            + ": larger than the " + limits.maxTotalBytes() + "-byte limit for a package");
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
            throw new PackageIntegrityException(fileName(record) + " from " + redact(uri) + ": " + problem);
        }
        return sums;
    }

    /** The cached archive when it matches the record (hashed only if the record has a checksum), else null. */
    private static Fetched verified(Path file, PackageRecord record) throws IOException {
        long size = Files.size(file);
        if (record.size() >= 0 && size != record.size()) {
            return null;
        }
        if (record.sha256() == null && record.md5() == null) {
            return new Fetched(file, null);
        }
        String[] sums = Digests.of(file);
        return mismatch(record, size, sums[0], sums[1]) == null ? new Fetched(file, sums) : null;
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

    // ---- extraction ----

    private void extractLocked(Path archive, Path target, PackageRecord record, CacheProgress progress)
            throws IOException {
        Path tmp = dir.resolve(TMP_PREFIX + target.getFileName() + "-" + Long.toHexString(System.nanoTime()));
        try {
            long total = Files.size(archive);
            ExtractionResult result = PackageArchive.open(archive).extractTo(tmp, limits,
                    done -> progress.update(CacheProgress.Phase.EXTRACT, done, total));
            validate(tmp, result, archive);
            RepodataRecordJson.write(tmp, record);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                discard(target); // an incomplete or different extraction
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            progress.update(CacheProgress.Phase.EXTRACT, total, total);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the package cache " + dir + " must allow atomic renames: " + e.getMessage(), e);
        } finally {
            if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(tmp);
            }
        }
    }

    /** Every file paths.json lists must have been extracted, with the listed sha256 and size. */
    private static void validate(Path extracted, ExtractionResult result, Path archive) throws IOException {
        if (!Files.isRegularFile(extracted.resolve("info").resolve("index.json"))) {
            throw new InvalidPackageException(archive.getFileName() + " has no info/index.json");
        }
        PathsJson paths;
        try {
            paths = PathsJson.read(extracted);
        } catch (InvalidPackageException e) {
            throw new InvalidPackageException(archive.getFileName() + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (PathEntry e : paths.paths()) {
            switch (e.pathType()) {
                case HARDLINK -> {
                    ExtractionResult.FileDigest d = result.files().get(e.path());
                    if (d == null) {
                        problems.add(e.path() + " is listed but missing");
                    } else if (e.sha256() != null && !e.sha256().equalsIgnoreCase(d.sha256())) {
                        problems.add(e.path() + ": sha256 " + d.sha256() + " but paths.json says " + e.sha256());
                    } else if (e.sizeInBytes() >= 0 && e.sizeInBytes() != d.size()) {
                        problems.add(e.path() + ": " + d.size() + " bytes but paths.json says " + e.sizeInBytes());
                    }
                }
                case SOFTLINK -> {
                    if (!result.symlinks().containsKey(e.path()) && !result.files().containsKey(e.path())) {
                        problems.add(e.path() + " (a symbolic link) is listed but missing");
                    }
                }
                case DIRECTORY -> {
                    if (!Files.isDirectory(extracted.resolve(e.path()), LinkOption.NOFOLLOW_LINKS)) {
                        problems.add(e.path() + " (a directory) is listed but missing");
                    }
                }
            }
            if (problems.size() >= 5) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPackageException(archive.getFileName() + " does not match its info/paths.json: "
                    + String.join("; ", problems));
        }
    }

    private static boolean validExtracted(Path target, PackageRecord record) throws IOException {
        PackageRecord cached;
        try {
            cached = RepodataRecordJson.read(target);
        } catch (InvalidPackageException e) {
            return false;
        }
        if (cached == null || !complete(target)) {
            return false;
        }
        if (record.sha256() != null && cached.sha256() != null) {
            return record.sha256().equalsIgnoreCase(cached.sha256());
        }
        if (record.md5() != null && cached.md5() != null) {
            return record.md5().equalsIgnoreCase(cached.md5());
        }
        return record.size() < 0 || record.size() == cached.size();
    }

    private static boolean complete(Path target) {
        return Files.isRegularFile(target.resolve("info").resolve("index.json"));
    }

    // ---- locking and housekeeping ----

    /**
     * Renames an extracted directory out of the way (to a name {@link #cleanLeftovers} knows), then deletes it:
     * the rename is atomic, so no reader sees it half deleted, and the name is free for the next rename into place.
     */
    private void discard(Path target) throws IOException {
        Path trash = dir.resolve(TMP_PREFIX + target.getFileName() + "-trash-" + Long.toHexString(System.nanoTime()));
        Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(trash);
    }

    /** Removes temporary files and directories that a killed process left for this package. */
    private void cleanLeftovers(String stem) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, TMP_PREFIX + stem + "-*")) {
            for (Path p : s) {
                String rest = p.getFileName().toString().substring(TMP_PREFIX.length() + stem.length() + 1);
                // the stem of another package may extend this one's ("a-1-0" vs "a-1-0-x"): match our suffixes only
                if (rest.matches("[0-9a-f]+|trash-[0-9a-f]+|\\d+\\.part")) {
                    stale.add(p);
                }
            }
        }
        for (Path p : stale) {
            deleteTree(p);
        }
    }

    private Held lock(String stem) throws IOException {
        Path lockFile = dir.resolve(stem + ".lock");
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        jvmLock.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.lock();
            return new Held(jvmLock, channel, fileLock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            jvmLock.unlock();
            throw e;
        }
    }

    /** An acquired package lock: the in-JVM lock plus the inter-process file lock. */
    private static final class Held implements AutoCloseable {
        private final ReentrantLock jvmLock;
        private final FileChannel channel;
        private final FileLock fileLock;

        Held(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
            this.jvmLock = jvmLock;
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public void close() throws IOException {
            try {
                if (fileLock.isValid()) {
                    fileLock.release();
                }
                channel.close();
            } finally {
                jvmLock.unlock();
            }
        }
    }

    private HttpClient client() {
        if (http != null) {
            return http;
        }
        HttpClient c = defaultClient;
        if (c == null) {
            synchronized (PackageCache.class) {
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

    private static String fileName(PackageRecord record) throws InvalidPackageException {
        String fn = record.fn();
        if (fn == null && record.url() != null) {
            String u = record.url();
            int q = u.indexOf('?');
            if (q >= 0) {
                u = u.substring(0, q);
            }
            fn = u.substring(u.lastIndexOf('/') + 1);
        }
        if (fn == null || PackageFormat.ofFileName(fn) == null || fn.contains("/") || fn.contains("\\")
                || fn.startsWith(".")) {
            throw new InvalidPackageException("record " + record + " has no usable package file name (fn '" + fn
                    + "'): expected <name>-<version>-<build>.conda or .tar.bz2");
        }
        return fn;
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

    private static void sleep(long millis) throws java.io.InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = new ArrayList<>(s.toList());
        }
        Collections.reverse(all);
        for (Path p : all) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                p.toFile().setWritable(true, true); // a package may ship read-only directories
            }
            Files.deleteIfExists(p);
        }
    }

    /** MD5 and SHA-256 computed together in one pass. */
    static final class Digests {
        private final MessageDigest md5;
        private final MessageDigest sha256;

        Digests() {
            try {
                md5 = MessageDigest.getInstance("MD5");
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void update(byte[] b, int n) {
            md5.update(b, 0, n);
            sha256.update(b, 0, n);
        }

        String md5() {
            return HexFormat.of().formatHex(md5.digest());
        }

        String sha256() {
            return HexFormat.of().formatHex(sha256.digest());
        }

        /** {md5, sha256} of a file. */
        static String[] of(Path file) throws IOException {
            Digests d = new Digests();
            byte[] buf = new byte[BUFFER];
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    d.update(buf, n);
                }
            }
            return new String[] {d.md5(), d.sha256()};
        }
    }
}
