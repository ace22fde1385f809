package io.terrarium.conda.pkg;

import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A package cache directory shared by the builds of several threads and processes: where archives and extracted
 * packages live, the locks that make each package fetched and extracted once, and the order of the steps.
 *
 * <p>Entries are keyed by the archive's content, so that two channels serving different bytes under one file name
 * never share, or replace, each other's files:
 * <pre>
 * by-sha256/&lt;sha256&gt;/&lt;fn&gt;          the archive
 * by-sha256/&lt;sha256&gt;/&lt;dist&gt;/        the extracted package (dist is name-version-build); its
 *                                  info/repodata_record.json, written before the directory is renamed
 *                                  into place, marks it complete
 * by-sha256/&lt;sha256&gt;/&lt;dist&gt;.lock    the entry's lock file
 * by-md5/&lt;md5&gt; -&gt; ../by-sha256/&lt;sha256&gt;   for a record with an md5 but no sha256
 * by-name/&lt;fn&gt; -&gt; ../by-sha256/&lt;sha256&gt;   for a record without checksums (a lockfile without hashes)
 * </pre>
 * A record with a {@code sha256} names its entry directly. A record without one is downloaded first, and the
 * sha256 of what arrived picks the entry; a symbolic link (replaced atomically) then remembers that entry under the
 * record's md5, or under its file name when it has no checksum at all, so that the next such record reuses it
 * without downloading. Only such a name link can be repointed (when a record without checksums and of another size
 * comes), and even then the entry it pointed to stays untouched for whoever links from it; for such a record,
 * use the path {@link #ensureExtracted} returns (or {@link #extractedPath} of the record completed with the checksums
 * of its {@code repodata_record.json}). conda's own {@code pkgs/} layout is not kept: entries of the older flat
 * layout ({@code <cache>/<dist>/}) are ignored.
 *
 * <p>Downloads ({@link PackageDownloader}) are verified against the record's {@code size} and {@code sha256} (else
 * {@code md5}) while streaming into a temporary file that is renamed into place; a mismatch raises
 * {@link PackageIntegrityException} and leaves no archive. Extraction ({@link PackageExtractor}) goes to a
 * temporary directory inside the entry, is validated against {@code info/paths.json}, marked, and renamed into
 * place. Work on an entry (or on a link, for a record without sha256) is serialised across threads and processes
 * by a {@link CacheLock}; every step re-checks the cache after taking the lock, so concurrent callers reuse each
 * other's work instead of downloading again, and what a killed process left half done is never taken as complete
 * and is cleaned up by the next caller.
 */
public final class PackageCache {
    private static final String TMP_PREFIX = ".tmp-";
    private static final String BY_SHA256 = "by-sha256";
    private static final String BY_MD5 = "by-md5";
    private static final String BY_NAME = "by-name";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");

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

    /**
     * Where the archive of a record lives in the cache: in its {@code by-sha256} entry; for a record without sha256,
     * in the entry its md5 or name link points to, or below the (not yet made) link when nothing was fetched for it.
     */
    public Path archivePath(PackageRecord record) throws InvalidPackageException {
        return entry(record).archive();
    }

    /** Where the extracted package of a record lives in the cache (found as {@link #archivePath} says). */
    public Path extractedPath(PackageRecord record) throws InvalidPackageException {
        return entry(record).extracted();
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
        Entry entry = entry(record);
        if (validExtracted(entry.extracted(), record)) {
            return entry.extracted();
        }
        return sha256(record) != null ? complete(entry, record, null, true, progress) : viaLink(record, true, progress);
    }

    /** {@link #fetch(PackageRecord, CacheProgress)} without progress. */
    public Path fetch(PackageRecord record) throws IOException {
        return fetch(record, CacheProgress.NONE);
    }

    /** Downloads the record's archive into the cache (unless a verified copy is there) and returns its path. */
    public Path fetch(PackageRecord record, CacheProgress progress) throws IOException {
        return sha256(record) != null
                ? complete(entry(record), record, null, false, progress)
                : viaLink(record, false, progress);
    }

    /**
     * Extracts an archive (in the cache or anywhere else) into the {@code by-sha256} entry of its content, validated
     * and marked with a record built from its {@code info/index.json} and checksums; reuses a valid extraction of
     * the same archive.
     */
    public Path extract(Path archive) throws IOException {
        return extract(archive, CacheProgress.NONE);
    }

    /** {@link #extract(Path)} with progress. */
    public Path extract(Path archive, CacheProgress progress) throws IOException {
        PackageArchive pa = PackageArchive.open(archive);
        String[] sums = Digests.of(archive);
        PackageRecord record = pa.readIndex()
                .toRecordBuilder()
                .fn(archive.getFileName().toString())
                .url(archive.toAbsolutePath().toUri().toString())
                .md5(sums[0])
                .sha256(sums[1])
                .size(Files.size(archive))
                .build();
        Entry entry = entry(record);
        try (CacheLock ignored = lock(entry)) {
            if (validExtracted(entry.extracted(), record)) {
                return entry.extracted();
            }
            cleanLeftovers(entry.bucket(), entry.stem());
            extractLocked(archive, entry, record, progress);
            return entry.extracted();
        }
    }

    /**
     * Removes the cached archive and extracted directory of a record (e.g. after a package was found corrupt);
     * a no-op when neither exists.
     */
    public void evict(PackageRecord record) throws IOException {
        Entry entry = entry(record);
        if (!Files.isDirectory(entry.bucket())) {
            return;
        }
        try (CacheLock ignored = lock(entry)) {
            Files.deleteIfExists(entry.archive());
            if (Files.exists(entry.extracted(), LinkOption.NOFOLLOW_LINKS)) {
                discard(entry.bucket(), entry.extracted());
            }
        }
    }

    // ---- layout ----

    /**
     * An entry: the directory of one archive's content, holding the archive {@code fn} and its extraction, and the
     * lock file guarding both.
     */
    private record Entry(Path bucket, String fn) {
        String stem() {
            return PackageFormat.stem(fn);
        }

        Path archive() {
            return bucket.resolve(fn);
        }

        Path extracted() {
            return bucket.resolve(stem());
        }

        Path lockFile() {
            return bucket.resolve(stem() + ".lock");
        }
    }

    /**
     * The entry of a record: named by its sha256; else the entry its link points to; else a path below the link,
     * where the entry will be reachable once something is fetched for the record.
     */
    private Entry entry(PackageRecord record) throws InvalidPackageException {
        String fn = fileName(record);
        String sha256 = sha256(record);
        if (sha256 != null) {
            return new Entry(dir.resolve(BY_SHA256).resolve(sha256), fn);
        }
        Path link = link(record);
        String target = linkTarget(link);
        return new Entry(target != null ? dir.resolve(BY_SHA256).resolve(target) : link, fn);
    }

    /** The link that finds the entry of a record without sha256: by its md5, else by its file name. */
    private Path link(PackageRecord record) throws InvalidPackageException {
        String md5 = checkedHex(record, "md5", record.md5(), MD5);
        return md5 != null
                ? dir.resolve(BY_MD5).resolve(md5)
                : dir.resolve(BY_NAME).resolve(fileName(record));
    }

    /** The sha256 a link points to, or null when there is no (well-formed) link. */
    private static String linkTarget(Path link) {
        try {
            String target = Files.readSymbolicLink(link).getFileName().toString();
            return SHA256.matcher(target).matches() ? target : null;
        } catch (IOException e) {
            return null; // no link yet (or not a link)
        }
    }

    /** Points a link at the entry of a record with sha256, replacing what it pointed to in one rename. */
    private void pointLink(Path link, PackageRecord recordWithSha256) throws IOException {
        Path tmp = link.resolveSibling(TMP_PREFIX + link.getFileName() + "-" + Long.toHexString(System.nanoTime()));
        Files.createSymbolicLink(tmp, Path.of("..", BY_SHA256, sha256(recordWithSha256)));
        try {
            Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The record's sha256 in lower case, or null when it has none. */
    private static String sha256(PackageRecord record) throws InvalidPackageException {
        return checkedHex(record, "sha256", record.sha256(), SHA256);
    }

    private static String checkedHex(PackageRecord record, String what, String value, Pattern form)
            throws InvalidPackageException {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!form.matcher(value).matches()) {
            throw new InvalidPackageException("record " + record + " has a malformed " + what + " '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    // ---- fetching and extracting ----

    /** A verified download of a record without sha256, and the record completed with its checksums and size. */
    private record Downloaded(Path file, PackageRecord record) {}

    /** Downloads a record without sha256 next to its link (the caller holds the link's lock and deletes the file). */
    private Downloaded download(PackageRecord record, Path link, CacheProgress progress) throws IOException {
        String key = link.getFileName().toString();
        Files.createDirectories(link.getParent());
        cleanLeftovers(link.getParent(), key);
        Path tmp = Files.createTempFile(link.getParent(), TMP_PREFIX + key + "-", ".part");
        try {
            String[] sums = downloader.download(record, fileName(record), tmp, progress);
            return new Downloaded(tmp, new PackageDownloader.Verified(tmp, sums).complete(record));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * For a record without sha256, under its link's lock: the entry the link points to if it has what is asked for
     * (the extraction, or else the archive); otherwise a download picks the entry, which is completed, and the link
     * is pointed at it.
     */
    private Path viaLink(PackageRecord record, boolean extract, CacheProgress progress) throws IOException {
        Path link = link(record);
        try (CacheLock ignored = lock(link)) {
            Entry entry = entry(record);
            if (extract && validExtracted(entry.extracted(), record)) {
                return entry.extracted(); // another thread or process fetched it while we waited
            }
            if (!extract
                    && Files.isRegularFile(entry.archive())
                    && PackageDownloader.verified(entry.archive(), record) != null) {
                return entry.archive();
            }
            Downloaded d = download(record, link, progress);
            try {
                Path done = complete(entry(d.record()), d.record(), d.file(), extract, progress);
                pointLink(link, d.record());
                return done;
            } finally {
                Files.deleteIfExists(d.file());
            }
        }
    }

    /**
     * Under the entry's lock: makes sure it holds the verified archive (moving {@code downloaded}, a verified file,
     * into place when given, else fetching it) and, if {@code extract}, a valid extraction; returns the extracted
     * directory, or the archive when not extracting.
     */
    private Path complete(Entry entry, PackageRecord record, Path downloaded, boolean extract, CacheProgress progress)
            throws IOException {
        try (CacheLock ignored = lock(entry)) {
            if (extract && validExtracted(entry.extracted(), record)) {
                return entry.extracted(); // another thread or process finished it while we waited
            }
            cleanLeftovers(entry.bucket(), entry.stem());
            PackageDownloader.Verified fetched = fetchLocked(entry, record, downloaded, progress);
            if (!extract) {
                return fetched.archive();
            }
            extractLocked(fetched.archive(), entry, fetched.complete(record), progress);
            return entry.extracted();
        }
    }

    private PackageDownloader.Verified fetchLocked(
            Entry entry, PackageRecord record, Path downloaded, CacheProgress progress) throws IOException {
        Path archive = entry.archive();
        if (Files.isRegularFile(archive)) {
            PackageDownloader.Verified cached = PackageDownloader.verified(archive, record);
            if (cached != null) {
                return cached;
            }
            Files.delete(archive); // stale or corrupt: fetch again
        }
        if (downloaded != null) {
            Files.move(downloaded, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new PackageDownloader.Verified(archive, null);
        }
        Path tmp = Files.createTempFile(entry.bucket(), TMP_PREFIX + entry.stem() + "-", ".part");
        try {
            String[] sums = downloader.download(record, entry.fn(), tmp, progress);
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new PackageDownloader.Verified(archive, sums);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void extractLocked(Path archive, Entry entry, PackageRecord record, CacheProgress progress)
            throws IOException {
        Path target = entry.extracted();
        Path tmp = entry.bucket().resolve(TMP_PREFIX + entry.stem() + "-" + Long.toHexString(System.nanoTime()));
        try {
            extractor.extract(archive, tmp, record, progress);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                discard(entry.bucket(), target); // an incomplete or corrupt extraction
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
    private static void discard(Path bucket, Path target) throws IOException {
        String suffix = "-trash-" + Long.toHexString(System.nanoTime());
        Path trash = bucket.resolve(TMP_PREFIX + target.getFileName() + suffix);
        Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(trash);
    }

    /** Removes the temporary files and directories that a killed process left in {@code parent} for {@code key}. */
    private static void cleanLeftovers(Path parent, String key) throws IOException {
        if (!Files.isDirectory(parent)) {
            return;
        }
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, TMP_PREFIX + key + "-*")) {
            for (Path p : s) {
                String rest = p.getFileName().toString().substring(TMP_PREFIX.length() + key.length() + 1);
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

    private static CacheLock lock(Entry entry) throws IOException {
        Files.createDirectories(entry.bucket());
        return CacheLock.acquire(entry.lockFile());
    }

    /** The lock of a link, a sibling file {@code <link>.lock}. */
    private static CacheLock lock(Path link) throws IOException {
        Files.createDirectories(link.getParent());
        return CacheLock.acquire(link.resolveSibling(link.getFileName() + ".lock"));
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
        if (fn == null
                || PackageFormat.ofFileName(fn) == null
                || fn.contains("/")
                || fn.contains("\\")
                || fn.startsWith(".")) {
            throw new InvalidPackageException("record " + record + " has no usable package file name (fn '" + fn
                    + "'): expected <name>-<version>-<build>.conda or .tar.bz2");
        }
        return fn;
    }
}
