package io.terrarium.conda.pkg;

import com.sun.net.httpserver.HttpServer;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.types.PackageRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageCacheTest {
    @TempDir
    Path tmp;

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private FixtureChannel channel() throws IOException {
        return FixtureChannel.at(tmp.resolve("channel"))
                .add(PackageFixture.of("hello", "1.0", "0").prefixScript("bin/hello")
                        .binaryWithPrefix("lib/libhello.so").symlink("lib/libhello.so.1", "libhello.so"),
                        PackageFormat.CONDA, PackageFormat.TAR_BZ2)
                .index();
    }

    /** The cache's entries apart from lock files. */
    private static Set<String> contents(Path cache) throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".lock")).collect(Collectors.toSet());
        }
    }

    @Test
    void fetchesVerifiesExtractsAndMarksAPackage() throws Exception {
        FixtureChannel ch = channel();
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        for (String fn : List.of("hello-1.0-0.conda", "hello-1.0-0.tar.bz2")) {
            PackageRecord r = ch.record(fn);
            Path dir = cache.ensureExtracted(r);
            assertEquals(cache.dir().resolve("hello-1.0-0"), dir);
            assertTrue(Files.isRegularFile(cache.dir().resolve(fn)));
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
        assertEquals(Set.of("hello-1.0-0", "hello-1.0-0.conda", "hello-1.0-0.tar.bz2"), contents(cache.dir()));
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
        assertTrue(e.getMessage().contains("sha256 mismatch: expected " + "0".repeat(64) + ", got " + good.sha256()),
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
        PackageRecord md5Only = good.toBuilder().sha256(null).md5("f".repeat(32)).build();
        PackageIntegrityException e2 = assertThrows(PackageIntegrityException.class, () -> cache.fetch(md5Only));
        assertTrue(e2.getMessage().contains("md5 mismatch: expected " + "f".repeat(32) + ", got " + good.md5()),
                e2.getMessage());
        assertEquals(Set.of(), contents(cache.dir()));
        // a record without checksums still works, and its marker gets them from the archive
        PackageRecord bare = good.toBuilder().sha256(null).md5(null).size(-1).build();
        Path dir = cache.ensureExtracted(bare);
        PackageRecord marked = RepodataRecordJson.read(dir);
        assertEquals(good.sha256(), marked.sha256());
        assertEquals(good.md5(), marked.md5());
        assertEquals(good.size(), marked.size());
    }

    @Test
    void replacesACorruptCachedArchiveAndAnIncompleteExtraction() throws Exception {
        PackageRecord r = channel().record("hello-1.0-0.conda");
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        Files.writeString(cache.archivePath(r), "garbage");
        Path dir = cache.extractedPath(r);
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bin/half-written"), "x");
        // what a killed process leaves behind
        Files.createDirectories(cache.dir().resolve(".tmp-hello-1.0-0-1a2b3c/lib"));
        Files.writeString(cache.dir().resolve(".tmp-hello-1.0-0-123.part"), "partial");
        assertEquals(dir, cache.ensureExtracted(r));
        assertFalse(Files.exists(dir.resolve("bin/half-written")));
        assertTrue(Files.isRegularFile(dir.resolve("bin/hello")));
        assertEquals(Set.of("hello-1.0-0", "hello-1.0-0.conda"), contents(cache.dir()));
    }

    @Test
    void aRecordForADifferentBuildOfTheSameFileIsReExtracted() throws Exception {
        PackageRecord r = channel().record("hello-1.0-0.conda");
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        cache.ensureExtracted(r);
        // the channel now serves another package under the same name
        FixtureChannel other = FixtureChannel.at(tmp.resolve("other"))
                .add(PackageFixture.of("hello", "1.0", "0").textFile("share/changed.txt", "new\n")).index();
        PackageRecord r2 = other.record("hello-1.0-0.conda");
        assertFalse(cache.isExtracted(r2));
        Path dir = cache.ensureExtracted(r2);
        assertTrue(Files.exists(dir.resolve("share/changed.txt")));
        assertFalse(Files.exists(dir.resolve("bin/hello")));
        assertEquals(r2.sha256(), RepodataRecordJson.read(dir).sha256());
    }

    @Test
    void fetchesOverHttpWithProgress() throws Exception {
        FixtureChannel ch = channel();
        String base = serve(ch.dir(), 0);
        PackageRecord r = ch.record("hello-1.0-0.tar.bz2");
        PackageRecord remote = r.toBuilder().url(base + "/linux-64/hello-1.0-0.tar.bz2").build();
        List<String> events = new CopyOnWriteArrayList<>();
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        Path dir = cache.ensureExtracted(remote, (phase, done, total) -> events.add(phase + ":" + done + "/" + total));
        assertTrue(Files.isRegularFile(dir.resolve("bin/hello")));
        assertTrue(events.contains("DOWNLOAD:" + r.size() + "/" + r.size()), events.toString());
        assertTrue(events.contains("EXTRACT:" + r.size() + "/" + r.size()), events.toString());
        PackageRecord missing = remote.toBuilder().fn("nope-1.0-0.conda").url(base + "/linux-64/nope-1.0-0.conda").build();
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
        PackageRecord remote = r.toBuilder().url(base + "/linux-64/hello-1.0-0.conda").build();
        assertThrows(PackageIntegrityException.class, () -> cache.ensureExtracted(remote));
        assertEquals(Set.of(), contents(cache.dir()));
    }

    @Test
    void retriesServerErrors() throws Exception {
        FixtureChannel ch = channel();
        String base = serve(ch.dir(), 2); // first two requests answer 503
        PackageRecord r = ch.record("hello-1.0-0.conda");
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"), ExtractionLimits.DEFAULT, null, 3);
        Path archive = cache.fetch(r.toBuilder().url(base + "/linux-64/hello-1.0-0.conda").build());
        assertEquals(r.size(), Files.size(archive));
    }

    @Test
    void aPackageNotMatchingItsPathsJsonIsRejected() throws Exception {
        Path work = PackageFixture.of("liar", "1.0").textFile("share/a.txt", "a\n").buildDir(tmp.resolve("liar"));
        Files.writeString(work.resolve("share/a.txt"), "changed after paths.json was written\n");
        Path archive = new PackageWriter().write(work, tmp.resolve("out"), PackageFormat.CONDA);
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        InvalidPackageException e = assertThrows(InvalidPackageException.class, () -> cache.extract(archive));
        assertTrue(e.getMessage().contains("share/a.txt: sha256"), e.getMessage());
        assertEquals(Set.of(), contents(cache.dir()));
    }

    @Test
    void anUnsafeArchiveLeavesNothingInTheCache() throws Exception {
        Path archive = HostileArchives.tarBz2(tmp.resolve("bad-1.0-0.tar.bz2"), HostileArchives.indexEntry("bad"),
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
    void threadsAndProcessesSharingACacheAgree() throws Exception {
        FixtureChannel ch = FixtureChannel.at(tmp.resolve("channel"))
                .add(PackageFixture.of("big", "1.0").binaryFile("lib/blob.bin", randomBytes(3 << 20))
                        .prefixScript("bin/big"))
                .index();
        PackageRecord r = ch.record("big-1.0-0.conda");
        Path cacheDir = tmp.resolve("pkgs");
        int threads = 4;
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                    CacheWorker.class.getName(), cacheDir.toString(), r.url(), r.sha256(), String.valueOf(r.size()))
                    .redirectErrorStream(true).start());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Path>> results = new ArrayList<>();
        AtomicInteger created = new AtomicInteger();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                created.incrementAndGet();
                return new PackageCache(cacheDir).ensureExtracted(r);
            }));
        }
        start.countDown();
        for (Future<Path> f : results) {
            assertEquals(cacheDir.resolve("big-1.0-0"), f.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();
        for (Process p : processes) {
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains(cacheDir.resolve("big-1.0-0").toString()), out);
        }
        assertEquals(Set.of("big-1.0-0", "big-1.0-0.conda"), contents(cacheDir));
        assertTrue(new PackageCache(cacheDir).isExtracted(r));
        assertEquals(3 << 20, Files.size(cacheDir.resolve("big-1.0-0/lib/blob.bin")));
    }

    @Test
    void aProcessKilledMidDownloadOrMidExtractionLeavesACacheTheNextOneRepairs() throws Exception {
        FixtureChannel ch = FixtureChannel.at(tmp.resolve("channel"))
                .add(PackageFixture.of("big", "1.0").binaryFile("lib/blob.bin", randomBytes(2 << 20))
                        .binaryFile("lib/blob2.bin", randomBytes(1 << 20)).prefixScript("bin/big"))
                .index();
        PackageRecord r = ch.record("big-1.0-0.conda");
        for (String phase : List.of("DOWNLOAD", "EXTRACT")) {
            Path cacheDir = tmp.resolve("pkgs-" + phase);
            Process p = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                    CacheWorker.class.getName(), cacheDir.toString(), r.url(), r.sha256(), String.valueOf(r.size()), phase)
                    .redirectErrorStream(true).start();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            assertEquals("HANG " + phase, out.readLine());
            assertTrue(contents(cacheDir).stream().anyMatch(n -> n.startsWith(".tmp-big-1.0-0-")), contents(cacheDir).toString());
            p.destroyForcibly();
            assertTrue(p.waitFor(1, TimeUnit.MINUTES));
            // the killed process's file lock died with it; its leftovers are cleaned and the work redone
            PackageCache cache = new PackageCache(cacheDir);
            assertEquals(cacheDir.resolve("big-1.0-0"), cache.ensureExtracted(r));
            assertEquals(Set.of("big-1.0-0", "big-1.0-0.conda"), contents(cacheDir), phase);
            assertTrue(cache.isExtracted(r));
        }
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

    /** Serves a directory over loopback HTTP; the first {@code failures} requests answer 503. */
    private String serve(Path root, int failures) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger failed = new AtomicInteger();
        server.createContext("/", ex -> {
            try (ex) {
                if (failed.getAndIncrement() < failures) {
                    ex.sendResponseHeaders(503, -1);
                    return;
                }
                Path f = root.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
                if (!f.startsWith(root) || !Files.isRegularFile(f)) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                ex.sendResponseHeaders(200, Files.size(f));
                try (OutputStream out = ex.getResponseBody()) {
                    Files.copy(f, out);
                }
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
