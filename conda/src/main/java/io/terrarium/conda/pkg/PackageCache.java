package io.terrarium.conda.pkg;

import io.terrarium.conda.types.PackageRecord;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A package cache directory shared by builds and processes: where archives and extracted packages live, the locks
 * that make each package fetched and extracted once, and the order of the steps. Laid out like conda's
 * {@code pkgs_dirs}: archives as {@code <cache>/<fn>}, extracted packages as {@code <cache>/<name-version-build>/}
 * whose {@code info/repodata_record.json} (written last, before the directory appears) marks them complete.
 *
 * <p>Downloads ({@link PackageDownloader}) are verified against the record's {@code size} and {@code sha256} (else
 * {@code md5}) while streaming; a mismatch raises {@link PackageIntegrityException} and leaves nothing in the cache.
 * Extraction ({@link PackageExtractor}) goes to a temporary directory inside the cache, is validated against
 * {@code info/paths.json}, and is renamed into place. Work on one package is serialised across threads (an
 * in-JVM lock) and processes (an exclusive {@link FileLock} on {@code <cache>/<name-version-build>.lock}, keyed by
 * the extracted directory because the {@code .conda} and {@code .tar.bz2} of a package extract to the same place);
 * every step re-checks the cache after taking the lock, so concurrent callers reuse each other's work and leftovers
 * of a killed process are cleaned up by the next one.
 */
public final class PackageCache {
    private static final String TMP_PREFIX = ".tmp-";
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final PackageDownloader downloader;
    private final PackageExtractor extractor;

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
        this.downloader = new PackageDownloader(limits, http, attempts);
        this.extractor = new PackageExtractor(limits);
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
            PackageDownloader.Verified fetched = fetchLocked(record, progress);
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

    // ---- fetching and extracting ----

    private PackageDownloader.Verified fetchLocked(PackageRecord record, CacheProgress progress) throws IOException {
        Path archive = archivePath(record);
        if (Files.isRegularFile(archive)) {
            PackageDownloader.Verified cached = PackageDownloader.verified(archive, record);
            if (cached != null) {
                return cached;
            }
            Files.delete(archive); // stale or corrupt: fetch again
        }
        String fn = archive.getFileName().toString();
        Path tmp = Files.createTempFile(dir, TMP_PREFIX + PackageFormat.stem(fn) + "-", ".part");
        try {
            String[] sums = downloader.download(record, fn, tmp, progress);
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new PackageDownloader.Verified(archive, sums);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void extractLocked(Path archive, Path target, PackageRecord record, CacheProgress progress)
            throws IOException {
        Path tmp = dir.resolve(TMP_PREFIX + target.getFileName() + "-" + Long.toHexString(System.nanoTime()));
        try {
            extractor.extract(archive, tmp, record, progress);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                discard(target); // an incomplete or different extraction
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            long total = Files.size(archive);
            progress.update(CacheProgress.Phase.EXTRACT, total, total);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the package cache " + dir + " must allow atomic renames: " + e.getMessage(), e);
        } finally {
            FileTrees.delete(tmp);
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
        FileTrees.delete(trash);
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
            FileTrees.delete(p);
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
    private record Held(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) implements AutoCloseable {
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

}
