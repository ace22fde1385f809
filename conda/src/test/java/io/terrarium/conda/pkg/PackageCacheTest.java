package io.terrarium.conda.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageCacheTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    /** Requests {@link #serve} answered (or began to). */
    private final AtomicInteger requests = new AtomicInteger();
    /** When set, {@link #serve} holds every answer until it opens. */
    private volatile CountDownLatch gate;
    /** How many of the first answers {@link #serve} cuts off half-way through the body. */
    private volatile int cutOff;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private FixtureChannel channel() throws IOException {
        return FixtureChannel.at(tmp.resolve("channel"))
                .add(
                        PackageFixture.of("hello", "1.0", "0")
                                .prefixScript("bin/hello")
                                .binaryWithPrefix("lib/libhello.so")
                                .symlink("lib/libhello.so.1", "libhello.so"),
                        PackageFormat.CONDA,
                        PackageFormat.TAR_BZ2)
                .index();
    }

    /**
     * What the cache holds apart from lock files and the directories that group entries: relative paths such as
     * {@code by-sha256/<sha256>/hello-1.0-0} (an extracted package), {@code by-sha256/<sha256>/hello-1.0-0.conda}
     * (an archive), {@code by-name/hello-1.0-0.conda} (a link) and any temporary leftover.
     */
    private static Set<String> contents(Path cache) throws IOException {
        try (Stream<Path> s = Files.walk(cache, 3)) {
            return s.map(cache::relativize)
                    .map(Path::toString)
                    .filter(r -> !r.isEmpty() && !r.endsWith(".lock") && r.split("/").length == depth(r))
                    .collect(Collectors.toSet());
        }
    }

    private static int depth(String relative) {
        return relative.startsWith("by-sha256") ? 3 : relative.startsWith("by-") ? 2 : 1;
    }

    private static String entry(PackageRecord r, String name) {
        return "by-sha256/" + r.sha256() + "/" + name;
    }

    @Test
    void fetchesVerifiesExtractsAndMarksAPackage() throws Exception {
        FixtureChannel ch = channel();
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        Set<String> expected = new java.util.HashSet<>();
        for (String fn : List.of("hello-1.0-0.conda", "hello-1.0-0.tar.bz2")) {
            PackageRecord r = ch.record(fn);
            Path dir = cache.ensureExtracted(r);
            assertEquals(cache.dir().resolve(entry(r, "hello-1.0-0")), dir);
            assertEquals(dir, cache.extractedPath(r));
            assertEquals(cache.dir().resolve(entry(r, fn)), cache.archivePath(r));
            assertTrue(Files.isRegularFile(cache.archivePath(r)));
            expected.add(entry(r, "hello-1.0-0"));
            expected.add(entry(r, fn));
            assertTrue(Files.isExecutable(dir.resolve("bin/hello")));
            Map<String, Object> marker = Json.readObject(dir.resolve("info/repodata_record.json"));
            assertEquals(fn, marker.get("fn"));
            assertEquals(r.url(), marker.get("url"));
            assertEquals(r.sha256(), marker.get("sha256"));
            assertEquals(r.md5(), marker.get("md5"));
            assertEquals(ch.url(), marker.get("channel"));
            assertEquals("hello", marker.get("name"));
            assertTrue(cache.isExtracted(r));
            assertEquals(r, RepodataRecordJson.read(dir));
        }
        assertEquals(expected, contents(cache.dir()));
    }

    @Test
    void reusesAValidExtractionWithoutTouchingTheArchive() throws Exception {
        FixtureChannel ch = channel();
        PackageRecord r = ch.record("hello-1.0-0.conda");
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        Path dir = cache.ensureExtracted(r);
        Object inode = Files.getAttribute(dir.resolve("info/repodata_record.json"), "unix:ino");
        Files.delete(cache.archivePath(r)); // like `conda clean --tarballs`
        Files.delete(ch.archive("linux-64", "hello-1.0-0.conda")); // and the channel is gone
        assertEquals(dir, cache.ensureExtracted(r));
        assertEquals(inode, Files.getAttribute(dir.resolve("info/repodata_record.json"), "unix:ino"));
    }

    @Test
    void shaMismatchIsAClearErrorAndLeavesNothing() throws Exception {
        PackageRecord good = channel().record("hello-1.0-0.conda");
        PackageRecord bad = good.toBuilder().sha256("0".repeat(64)).build();
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        PackageIntegrityException e = assertThrows(PackageIntegrityException.class, () -> cache.ensureExtracted(bad));
        assertTrue(
                e.getMessage().contains("sha256 mismatch: expected " + "0".repeat(64) + ", got " + good.sha256()),
                e.getMessage());
        assertTrue(e.getMessage().contains("hello-1.0-0.conda"), e.getMessage());
        assertEquals(Set.of(), contents(cache.dir()));
    }

    @Test
    void sizeAndMd5MismatchesAreCaught() throws Exception {
        PackageRecord good = channel().record("hello-1.0-0.tar.bz2");
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        PackageRecord wrongSize = good.toBuilder().size(good.size() - 1).build();
        PackageIntegrityException e1 = assertThrows(PackageIntegrityException.class, () -> cache.fetch(wrongSize));
        assertTrue(e1.getMessage().contains("size mismatch: expected " + (good.size() - 1)), e1.getMessage());
        PackageRecord md5Only =
                good.toBuilder().sha256(null).md5("f".repeat(32)).build();
        PackageIntegrityException e2 = assertThrows(PackageIntegrityException.class, () -> cache.fetch(md5Only));
        assertTrue(
                e2.getMessage().contains("md5 mismatch: expected " + "f".repeat(32) + ", got " + good.md5()),
                e2.getMessage());
        assertEquals(Set.of(), contents(cache.dir()));
        // a record without checksums still works, and its marker gets them from the archive
        PackageRecord bare = good.toBuilder().sha256(null).md5(null).size(-1).build();
        Path dir = cache.ensureExtracted(bare);
        PackageRecord marked = RepodataRecordJson.read(dir);
        assertEquals(good.sha256(), marked.sha256());
        assertEquals(good.md5(), marked.md5());
        assertEquals(good.size(), marked.size());
        // it landed in the entry of its content, which the record with checksums finds without extracting again
        assertEquals(cache.dir().resolve(entry(good, "hello-1.0-0")), dir);
        assertEquals(dir, cache.extractedPath(bare));
        Object inode = Files.getAttribute(dir.resolve("info/repodata_record.json"), "unix:ino");
        assertEquals(dir, cache.ensureExtracted(good));
        PackageRecord md5Good = good.toBuilder().sha256(null).build();
        assertEquals(dir, cache.ensureExtracted(md5Good));
        assertEquals(inode, Files.getAttribute(dir.resolve("info/repodata_record.json"), "unix:ino"));
        assertEquals(
                Set.of(
                        entry(good, "hello-1.0-0"),
                        entry(good, "hello-1.0-0.tar.bz2"),
                        "by-name/hello-1.0-0.tar.bz2",
                        "by-md5/" + good.md5()),
                contents(cache.dir()));
    }

    @Test
    void replacesACorruptCachedArchiveAndAnIncompleteExtraction() throws Exception {
        PackageRecord r = channel().record("hello-1.0-0.conda");
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        Files.createDirectories(cache.archivePath(r).getParent());
        Files.writeString(cache.archivePath(r), "garbage");
        Path dir = cache.extractedPath(r);
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bin/half-written"), "x");
        // what a killed process leaves behind
        Files.createDirectories(dir.resolveSibling(".tmp-hello-1.0-0-1a2b3c/lib"));
        Files.writeString(dir.resolveSibling(".tmp-hello-1.0-0-123.part"), "partial");
        assertEquals(dir, cache.ensureExtracted(r));
        assertFalse(Files.exists(dir.resolve("bin/half-written")));
        assertTrue(Files.isRegularFile(dir.resolve("bin/hello")));
        assertEquals(Set.of(entry(r, "hello-1.0-0"), entry(r, "hello-1.0-0.conda")), contents(cache.dir()));
    }

    @Test
    void sameFileNameWithOtherBytesGetsItsOwnEntryAndReplacesNothing() throws Exception {
        PackageRecord r = channel().record("hello-1.0-0.conda");
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        Path first = cache.ensureExtracted(r);
        Object inode = Files.getAttribute(first.resolve("bin/hello"), "unix:ino");
        // another channel serves another package under the same file name
        FixtureChannel other = FixtureChannel.at(tmp.resolve("other"))
                .add(PackageFixture.of("hello", "1.0", "0").textFile("share/changed.txt", "new\n"))
                .index();
        PackageRecord r2 = other.record("hello-1.0-0.conda");
        assertFalse(cache.isExtracted(r2));
        Path second = cache.ensureExtracted(r2);
        assertFalse(first.equals(second));
        assertEquals(cache.dir().resolve(entry(r2, "hello-1.0-0")), second);
        assertTrue(Files.exists(second.resolve("share/changed.txt")));
        assertFalse(Files.exists(second.resolve("bin/hello")));
        assertEquals(r2.sha256(), RepodataRecordJson.read(second).sha256());
        // the first build's files are where they were, untouched
        assertEquals(inode, Files.getAttribute(first.resolve("bin/hello"), "unix:ino"));
        assertFalse(Files.exists(first.resolve("share/changed.txt")));
        assertTrue(cache.isExtracted(r));
        assertTrue(cache.isExtracted(r2));
        // a record of the second package without checksums finds the second entry by what it downloads
        PackageRecord bare2 = r2.toBuilder().sha256(null).md5(null).size(-1).build();
        assertEquals(second, cache.ensureExtracted(bare2));
        assertEquals(
                Set.of(
                        entry(r, "hello-1.0-0"),
                        entry(r, "hello-1.0-0.conda"),
                        entry(r2, "hello-1.0-0"),
                        entry(r2, "hello-1.0-0.conda"),
                        "by-name/hello-1.0-0.conda"),
                contents(cache.dir()));
        assertEquals(first, cache.ensureExtracted(r));
    }

    @Test
    void fetchesOverHttpWithProgress() throws Exception {
        FixtureChannel ch = channel();
        String base = serve(ch.dir(), 0);
        PackageRecord r = ch.record("hello-1.0-0.tar.bz2");
        PackageRecord remote =
                r.toBuilder().url(base + "/linux-64/hello-1.0-0.tar.bz2").build();
        List<String> events = new CopyOnWriteArrayList<>();
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        Path dir = cache.ensureExtracted(remote, (phase, done, total) -> events.add(phase + ":" + done + "/" + total));
        assertTrue(Files.isRegularFile(dir.resolve("bin/hello")));
        assertTrue(events.contains("DOWNLOAD:" + r.size() + "/" + r.size()), events.toString());
        assertTrue(events.contains("EXTRACT:" + r.size() + "/" + r.size()), events.toString());
        PackageRecord missing = remote.toBuilder()
                .fn("nope-1.0-0.conda")
                .url(base + "/linux-64/nope-1.0-0.conda")
                .build();
        PackageException e = assertThrows(PackageException.class, () -> cache.fetch(missing));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    }

    @Test
    void aServerSendingOtherBytesIsCaught() throws Exception {
        FixtureChannel ch = channel();
        PackageRecord r = ch.record("hello-1.0-0.conda");
        // serve the .tar.bz2 bytes under the .conda name
        Path evil = tmp.resolve("evil/linux-64");
        Files.createDirectories(evil);
        Files.copy(ch.archive("linux-64", "hello-1.0-0.tar.bz2"), evil.resolve("hello-1.0-0.conda"));
        String base = serve(tmp.resolve("evil"), 0);
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        PackageRecord remote =
                r.toBuilder().url(base + "/linux-64/hello-1.0-0.conda").build();
        assertThrows(PackageIntegrityException.class, () -> cache.ensureExtracted(remote));
        assertEquals(Set.of(), contents(cache.dir()));
    }

    @Test
    void retriesServerErrors() throws Exception {
        FixtureChannel ch = channel();
        String base = serve(ch.dir(), 2); // first two requests answer 503
        PackageRecord r = ch.record("hello-1.0-0.conda");
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"), ExtractionLimits.DEFAULT, null, 3);
        Path archive = cache.fetch(
                r.toBuilder().url(base + "/linux-64/hello-1.0-0.conda").build());
        assertEquals(r.size(), Files.size(archive));
    }

    @Test
    void aPackageNotMatchingItsPathsJsonIsRejected() throws Exception {
        Path work =
                PackageFixture.of("liar", "1.0").textFile("share/a.txt", "a\n").buildDir(tmp.resolve("liar"));
        Files.writeString(work.resolve("share/a.txt"), "changed after paths.json was written\n");
        Path archive = new PackageWriter().write(work, tmp.resolve("out"), PackageFormat.CONDA);
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        InvalidPackageException e = assertThrows(InvalidPackageException.class, () -> cache.extract(archive));
        assertTrue(e.getMessage().contains("share/a.txt: sha256"), e.getMessage());
        assertEquals(Set.of(), contents(cache.dir()));
    }

    @Test
    void anUnsafeArchiveLeavesNothingInTheCache() throws Exception {
        Path archive = HostileArchives.tarBz2(
                tmp.resolve("bad-1.0-0.tar.bz2"),
                HostileArchives.indexEntry("bad"),
                HostileArchives.file("../escaped.txt", "x"));
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        assertThrows(UnsafePackageException.class, () -> cache.extract(archive));
        assertEquals(Set.of(), contents(cache.dir()));
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));
    }

    @Test
    void extractsAnArchiveFromAnywhere() throws Exception {
        Path zlib = testdata().resolve("conda/conda_format_repo/linux-64/zlib-1.2.11-h7b6447c_3.conda");
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        Path dir = cache.extract(zlib);
        assertEquals("zlib-1.2.11-h7b6447c_3", dir.getFileName().toString());
        PackageRecord marked = RepodataRecordJson.read(dir);
        assertEquals(Files.size(zlib), marked.size());
        assertEquals(Digests.of(zlib)[1], marked.sha256());
        assertEquals("zlib", marked.name());
        assertEquals(dir, cache.extract(zlib)); // reused
    }

    @Test
    void threadsAndProcessesAskingAtOnceShareOneDownloadAndOneExtraction() throws Exception {
        FixtureChannel ch = FixtureChannel.at(tmp.resolve("channel"))
                .add(PackageFixture.of("big", "1.0")
                        .binaryFile("lib/blob.bin", randomBytes(3 << 20))
                        .prefixScript("bin/big"))
                .index();
        gate = new CountDownLatch(1);
        PackageRecord r = ch.record("big-1.0-0.conda");
        PackageRecord remote = r.toBuilder()
                .url(serve(ch.dir(), 0) + "/linux-64/big-1.0-0.conda")
                .build();
        Path cacheDir = tmp.resolve("pkgs");
        Path expected = cacheDir.resolve(entry(r, "big-1.0-0"));
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(worker(cacheDir, remote.url(), r.sha256(), r.size()));
        }
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger downloads = new AtomicInteger();
        AtomicInteger extractions = new AtomicInteger();
        List<Future<Path>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                Set<CacheProgress.Phase> phases = java.util.EnumSet.noneOf(CacheProgress.Phase.class);
                CacheProgress progress = (phase, done, total) -> phases.add(phase);
                Path dir = new PackageCache(cacheDir).ensureExtracted(remote, progress);
                if (phases.contains(CacheProgress.Phase.DOWNLOAD)) {
                    downloads.incrementAndGet();
                }
                if (phases.contains(CacheProgress.Phase.EXTRACT)) {
                    extractions.incrementAndGet();
                }
                return dir;
            }));
        }
        // while the server holds the one download open, the two JVMs without it queue on the entry's file lock
        Path lockFile = expected.resolveSibling("big-1.0-0.lock");
        poll(
                Duration.ofMinutes(2),
                () -> requests.get() > 0 && Files.exists(lockFile) && blockedOn(lockFile) >= 2,
                () -> "requests " + requests.get() + ", lock file there: " + Files.exists(lockFile)
                        + ", processes alive: "
                        + processes.stream().map(Process::isAlive).toList());
        assertEquals(1, requests.get());
        gate.countDown();
        for (Future<Path> f : results) {
            assertEquals(expected, f.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();
        for (Process p : processes) {
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains(expected.toString()), out);
            if (out.contains("DOWNLOADED")) {
                downloads.incrementAndGet();
            }
            if (out.contains("EXTRACTED")) {
                extractions.incrementAndGet();
            }
        }
        assertEquals(1, requests.get());
        assertEquals(1, downloads.get());
        assertEquals(1, extractions.get());
        assertEquals(Set.of(entry(r, "big-1.0-0"), entry(r, "big-1.0-0.conda")), contents(cacheDir));
        assertTrue(new PackageCache(cacheDir).isExtracted(r));
        assertEquals(3 << 20, Files.size(expected.resolve("lib/blob.bin")));
    }

    @Test
    void threadsAskingAtOnceForARecordWithoutChecksumsShareOneDownload() throws Exception {
        FixtureChannel ch = channel();
        gate = new CountDownLatch(1);
        PackageRecord r = ch.record("hello-1.0-0.conda");
        PackageRecord bare = r.toBuilder()
                .sha256(null)
                .md5(null)
                .size(-1)
                .url(serve(ch.dir(), 0) + "/linux-64/hello-1.0-0.conda")
                .build();
        Path cacheDir = tmp.resolve("pkgs");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Path>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(pool.submit(() -> new PackageCache(cacheDir).ensureExtracted(bare)));
        }
        poll(Duration.ofMinutes(1), () -> requests.get() > 0, () -> "no request reached the server");
        gate.countDown();
        for (Future<Path> f : results) {
            assertEquals(cacheDir.resolve(entry(r, "hello-1.0-0")), f.get(1, TimeUnit.MINUTES));
        }
        pool.shutdown();
        assertEquals(1, requests.get());
        assertEquals(
                Set.of(entry(r, "hello-1.0-0"), entry(r, "hello-1.0-0.conda"), "by-name/hello-1.0-0.conda"),
                contents(cacheDir));
    }

    @Test
    void aDownloadCutOffHalfWayLeavesNoEntryAndTheNextCallCompletesIt() throws Exception {
        FixtureChannel ch = channel();
        String base = serve(ch.dir(), 0);
        PackageRecord r = ch.record("hello-1.0-0.conda").toBuilder()
                .url(base + "/linux-64/hello-1.0-0.conda")
                .build();
        PackageRecord bare = r.toBuilder().sha256(null).md5(null).size(-1).build();
        for (PackageRecord record : List.of(r, bare)) {
            Path cacheDir = tmp.resolve("pkgs-" + (record == r ? "sha256" : "bare"));
            PackageCache cache = new PackageCache(cacheDir, ExtractionLimits.DEFAULT, null, 1); // no retry
            cutOff = 1;
            int before = requests.get();
            assertThrows(IOException.class, () -> cache.ensureExtracted(record));
            assertEquals(before + 1, requests.get());
            assertFalse(cache.isExtracted(record));
            assertFalse(Files.exists(cache.archivePath(record)));
            assertEquals(Set.of(), contents(cacheDir));
            // the server answers in full now
            Path dir = cache.ensureExtracted(record);
            assertEquals(cacheDir.resolve(entry(r, "hello-1.0-0")), dir);
            assertTrue(cache.isExtracted(record));
            assertTrue(Files.isRegularFile(dir.resolve("bin/hello")));
        }
    }

    @Test
    void aProcessKilledMidDownloadOrMidExtractionLeavesACacheTheNextOneRepairs() throws Exception {
        FixtureChannel ch = FixtureChannel.at(tmp.resolve("channel"))
                .add(PackageFixture.of("big", "1.0")
                        .binaryFile("lib/blob.bin", randomBytes(2 << 20))
                        .binaryFile("lib/blob2.bin", randomBytes(1 << 20))
                        .prefixScript("bin/big"))
                .index();
        PackageRecord r = ch.record("big-1.0-0.conda");
        PackageRecord bare = r.toBuilder().sha256(null).md5(null).size(-1).build();
        for (String run : List.of("DOWNLOAD", "EXTRACT", "DOWNLOAD-bare", "EXTRACT-bare")) {
            String phase = run.replace("-bare", "");
            PackageRecord record = run.endsWith("-bare") ? bare : r;
            Path cacheDir = tmp.resolve("pkgs-" + run);
            Process p = worker(cacheDir, r.url(), record.sha256() == null ? "-" : r.sha256(), record.size(), phase);
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            assertEquals("HANG " + phase, out.readLine());
            Set<String> left = contents(cacheDir);
            assertTrue(left.stream().anyMatch(n -> n.contains("/.tmp-big-1.0-0")), left.toString());
            p.destroyForcibly();
            assertTrue(p.waitFor(1, TimeUnit.MINUTES));
            // nothing half done is taken as complete
            PackageCache cache = new PackageCache(cacheDir);
            assertFalse(cache.isExtracted(record), run);
            assertFalse(Files.exists(cache.extractedPath(record)), run);
            if (phase.equals("DOWNLOAD")) {
                assertFalse(Files.exists(cache.archivePath(record)), run);
            }
            // the killed process's file lock died with it; its leftovers are cleaned and the work redone
            assertEquals(cacheDir.resolve(entry(r, "big-1.0-0")), cache.ensureExtracted(record));
            Set<String> expected = new java.util.HashSet<>(Set.of(entry(r, "big-1.0-0"), entry(r, "big-1.0-0.conda")));
            if (record == bare) {
                expected.add("by-name/big-1.0-0.conda");
            }
            assertEquals(expected, contents(cacheDir), run);
            assertTrue(cache.isExtracted(record));
        }
    }

    /** Starts a {@link CacheWorker} process (sha256 {@code -} for a record without checksums). */
    private static Process worker(Path cacheDir, String url, String sha256, long size, String... hangIn)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                javaBin(),
                "-cp",
                System.getProperty("java.class.path"),
                CacheWorker.class.getName(),
                cacheDir.toString(),
                url,
                sha256,
                String.valueOf(size)));
        command.addAll(List.of(hangIn));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    /** Checks {@code condition} every few milliseconds until it holds; fails with {@code state} at the deadline. */
    private static void poll(Duration timeout, Condition condition, java.util.function.Supplier<String> state)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            assertTrue(System.nanoTime() < deadline, state);
            Thread.sleep(10);
        }
    }

    /** How many processes wait for a POSIX lock on the file, as the kernel lists them in /proc/locks. */
    private static int blockedOn(Path file) throws IOException {
        long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        int blocked = 0;
        for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
            if (!line.contains("->")) {
                continue;
            }
            for (String field : line.trim().split("\\s+")) {
                String[] devIno = field.split(":");
                if (devIno.length == 3 && devIno[2].matches("\\d+") && Long.parseLong(devIno[2]) == inode) {
                    blocked++;
                }
            }
        }
        return blocked;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(42).nextBytes(b);
        return b;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path testdata() {
        String p = System.getProperty("terrarium.testdata");
        if (p == null) {
            throw new IllegalStateException("system property terrarium.testdata is not set (surefire sets it)");
        }
        return Path.of(p);
    }

    /**
     * Serves a directory over loopback HTTP, counting requests in {@link #requests}: the first {@code failures}
     * answer 503, then each answer waits for {@link #gate} (when set) and the first {@link #cutOff} send half of
     * the body and drop the connection.
     */
    private String serve(Path root, int failures) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        AtomicInteger failed = new AtomicInteger();
        server.createContext("/", ex -> {
            try (ex) {
                requests.incrementAndGet();
                if (failed.getAndIncrement() < failures) {
                    ex.sendResponseHeaders(503, -1);
                    return;
                }
                Path f = root.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
                if (!f.startsWith(root) || !Files.isRegularFile(f)) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                CountDownLatch g = gate;
                if (g != null && !g.await(2, TimeUnit.MINUTES)) {
                    ex.sendResponseHeaders(504, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(f);
                ex.sendResponseHeaders(200, body.length);
                OutputStream out = ex.getResponseBody();
                if (cutOff > 0) {
                    cutOff--;
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    return; // closing the exchange with bytes missing drops the connection
                }
                out.write(body);
                out.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aPackageBeyondTheSizeLimitIsRefusedBeforeAndWhileDownloading() throws Exception {
        FixtureChannel ch = channel();
        String base = serve(ch.dir(), 0);
        PackageRecord r = ch.record("hello-1.0-0.conda");
        PackageRecord remote =
                r.toBuilder().url(base + "/linux-64/hello-1.0-0.conda").build();
        PackageCache small = new PackageCache(
                tmp.resolve("pkgs"), ExtractionLimits.DEFAULT.withMaxTotalBytes(r.size() - 1), null, 1);
        PackageIntegrityException declared = assertThrows(PackageIntegrityException.class, () -> small.fetch(remote));
        assertTrue(declared.getMessage().contains("its record declares " + r.size() + " bytes"), declared.getMessage());
        int before = requests.get();
        // no size in the record: the server's Content-Length is held to the limit, before a byte is read
        PackageRecord unsized = remote.toBuilder().size(-1).build();
        PackageIntegrityException served = assertThrows(PackageIntegrityException.class, () -> small.fetch(unsized));
        assertTrue(served.getMessage().contains("the server declares " + r.size() + " bytes"), served.getMessage());
        assertEquals(before + 1, requests.get());
        assertEquals(Set.of(), contents(small.dir()));
    }
}
