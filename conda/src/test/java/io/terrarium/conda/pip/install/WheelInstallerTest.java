package io.terrarium.conda.pip.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.pip.fixture.LoopbackIndex;
import io.terrarium.conda.pip.fixture.WheelBuilder;
import io.terrarium.conda.pip.index.HttpSource;
import io.terrarium.conda.pip.index.IndexConfig;
import io.terrarium.conda.pip.index.SimpleIndexClient;
import io.terrarium.conda.pip.requirement.Requirement;
import io.terrarium.conda.pip.resolve.PackageSource;
import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.pip.resolve.PipResolution;
import io.terrarium.conda.pip.resolve.PipResolver;
import io.terrarium.conda.pip.resolve.PipTarget;
import io.terrarium.conda.pip.wheel.RecordFile;
import io.terrarium.conda.pip.wheel.WheelCache;
import io.terrarium.conda.pkg.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs fixture wheels into fake prefixes whose {@code bin/python} is the system CPython 3.11. */
class WheelInstallerTest {
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3.11");
    private static final String SITE = "lib/python3.11/site-packages";

    @TempDir
    Path tmp;

    Path wheels;
    WheelCache cache;

    @BeforeEach
    void setUp() {
        wheels = tmp.resolve("wheels");
        cache = new WheelCache(tmp.resolve("cache"), new HttpSource(IndexConfig.pypi(null)));
    }

    private Path prefix(String name) throws IOException {
        Path p = Files.createDirectories(tmp.resolve(name));
        Files.createDirectories(p.resolve("bin"));
        Files.createSymbolicLink(p.resolve("bin/python"), SYSTEM_PYTHON);
        return p;
    }

    private WheelInstaller installer(Path prefix) {
        return new WheelInstaller(prefix, SchemeLayout.of("3.11.7", "linux-64"), cache);
    }

    private static WheelBuilder pkgA() {
        return WheelBuilder.wheel("pkg-a", "1.3")
                .file(
                        "pkg_a/__init__.py",
                        "def main():\n    import pkg_a.util\n    print('hello from pkg-a', "
                                + "pkg_a.util.VALUE)\n    return 0\n")
                .file("pkg_a/util.py", "VALUE = 42\n")
                .data("scripts", "pkg-a-raw", "#!python\nimport sys\nprint('raw', sys.version_info[0])\n")
                .data("data", "share/pkg-a/notes.txt", "data file\n")
                .data("headers", "pkg_a.h", "#define PKG_A 1\n")
                .consoleScript("pkg-a", "pkg_a:main");
    }

    private Path build(WheelBuilder w) throws IOException {
        return w.writeTo(wheels);
    }

    private static Map<String, String> tree(Path prefix) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(prefix)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(prefix.relativize(p).toString(), Sha256.of(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    @Test
    void installsSchemesMetadataAndARecordThatMatchesTheFiles() throws Exception {
        Path prefix = prefix("env");
        Path whl = build(pkgA());
        WheelInstallResult r = installer(prefix).install(whl, Sha256.of(whl), true, null);
        assertFalse(r.alreadyInstalled());
        assertEquals(SITE + "/pkg_a-1.3.dist-info", r.distInfo());
        assertTrue(Files.isRegularFile(prefix.resolve(SITE + "/pkg_a/__init__.py")));
        assertEquals("data file\n", Files.readString(prefix.resolve("share/pkg-a/notes.txt")));
        assertTrue(Files.isRegularFile(prefix.resolve("include/python3.11/pkg-a/pkg_a.h")));
        assertEquals("terrarium\n", Files.readString(prefix.resolve(r.distInfo() + "/INSTALLER")));
        assertTrue(Files.isRegularFile(prefix.resolve(r.distInfo() + "/REQUESTED")));
        assertFalse(
                Files.exists(prefix.resolve(".terrarium-pip"))
                        && Files.list(prefix.resolve(".terrarium-pip"))
                                .findAny()
                                .isPresent(),
                "no staging left behind");
        String raw = Files.readString(prefix.resolve("bin/pkg-a-raw"));
        assertTrue(raw.startsWith("#!" + prefix.toAbsolutePath() + "/bin/python\n"), raw);
        assertTrue(
                Files.isRegularFile(prefix.resolve(SITE + "/pkg_a/__pycache__/util.cpython-311.pyc")),
                "byte-compiled with the prefix's python");

        List<RecordFile.Row> rows = RecordFile.parse(Files.readAllBytes(prefix.resolve(r.distInfo() + "/RECORD")));
        Path site = prefix.resolve(SITE);
        for (RecordFile.Row row : rows) {
            Path f = site.resolve(row.path()).normalize();
            assertTrue(Files.isRegularFile(f), row.path());
            if (!row.hash().isEmpty()) {
                byte[] data = Files.readAllBytes(f);
                assertEquals(row.hash(), "sha256=" + WheelBuilder.recordHash(data), row.path());
                assertEquals(Long.toString(data.length), row.size(), row.path());
            }
        }
        Set<String> listed = new java.util.TreeSet<>();
        rows.forEach(row -> listed.add(site.resolve(row.path()).normalize().toString()));
        for (String f : tree(prefix).keySet()) {
            if (!f.startsWith("bin/python")) {
                assertTrue(listed.contains(prefix.resolve(f).toString()), "RECORD lists " + f);
            }
        }
        assertTrue(rows.stream().anyMatch(row -> row.path().equals("../../../bin/pkg-a")), rows.toString());
        assertTrue(rows.stream()
                .anyMatch(row -> row.path().equals("pkg_a-1.3.dist-info/RECORD")
                        && row.hash().isEmpty()));
    }

    @Test
    void consoleScriptRunsWithTheEnvironmentsPython() throws Exception {
        Path prefix = prefix("env");
        Path whl = build(pkgA());
        installer(prefix).install(whl, Sha256.of(whl), true, null);
        Path script = prefix.resolve("bin/pkg-a");
        assertTrue(Files.readString(script).startsWith("#!" + prefix.toAbsolutePath() + "/bin/python\n"));
        assertTrue(Files.isExecutable(script));
        ProcessBuilder pb = new ProcessBuilder(script.toString()).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", prefix.resolve(SITE).toString());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals("hello from pkg-a 42\n", out);
    }

    @Test
    void refusesAWheelWhoseRecordHashDoesNotMatchAndInstallsNothing() throws Exception {
        Path prefix = prefix("env");
        Path whl = build(pkgA().tamperRecordOf("pkg_a/util.py"));
        WheelInstallException e = assertThrows(
                WheelInstallException.class, () -> installer(prefix).install(whl, Sha256.of(whl), true, null));
        assertTrue(
                e.getMessage().contains("hash mismatch") && e.getMessage().contains("pkg_a/util.py"), e.getMessage());
        assertEquals(Set.of("bin/python"), tree(prefix).keySet());
        try (Stream<Path> s = Files.walk(tmp.resolve("cache"))) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().equals("util.py")), "no unpacked leftovers");
        }
    }

    @Test
    void refusesToOverwriteFilesACondaPackageOwns() throws Exception {
        Path prefix = prefix("env");
        Path owned = prefix.resolve(SITE + "/pkg_a/util.py");
        Files.createDirectories(owned.getParent());
        Files.writeString(owned, "conda's\n");
        Files.createDirectories(prefix.resolve("conda-meta"));
        Files.writeString(
                prefix.resolve("conda-meta/pkg-a-1.0-py_0.json"),
                "{\"name\": \"pkg-a\", \"version\": " + "\"1.0\", \"build\": \"py_0\", \"files\": [\"" + SITE
                        + "/pkg_a/util.py\"]}");
        Path whl = build(pkgA());
        PipClobberException e = assertThrows(
                PipClobberException.class, () -> installer(prefix).install(whl, Sha256.of(whl), true, null));
        assertTrue(e.getMessage().contains(SITE + "/pkg_a/util.py (conda package pkg-a-1.0-py_0)"), e.getMessage());
        assertEquals("conda's\n", Files.readString(owned));
        assertFalse(Files.exists(prefix.resolve(SITE + "/pkg_a/__init__.py")));
    }

    @Test
    void installingAgainGivesTheSameFilesAndHardLinksFromTheCache() throws Exception {
        Path prefix = prefix("env");
        Path whl = build(pkgA());
        String sha = Sha256.of(whl);
        installer(prefix).install(whl, sha, false, "https://example.invalid/pkg_a-1.3-py3-none-any.whl");
        Map<String, String> first = tree(prefix);
        assertTrue(first.containsKey(SITE + "/pkg_a-1.3.dist-info/direct_url.json"));
        assertFalse(first.containsKey(SITE + "/pkg_a-1.3.dist-info/REQUESTED"));
        assertTrue(installer(prefix).install(whl, sha, false, null).alreadyInstalled());
        assertEquals(first, tree(prefix));
        Files.delete(prefix.resolve(SITE + "/pkg_a-1.3.dist-info/RECORD")); // as if killed before the last step
        Path stale = Files.createDirectories(prefix.resolve(WheelInstaller.STAGING + "/pkg-a-1.3-dead/" + SITE));
        Files.writeString(stale.resolve("half.py"), "");
        assertFalse(installer(prefix)
                .install(whl, sha, false, "https://example.invalid/pkg_a-1.3-py3-none-any.whl")
                .alreadyInstalled());
        assertEquals(first, tree(prefix));
        Path cached = cache.unpacked(whl, sha).resolve("pkg_a/util.py");
        assertTrue(Files.isSameFile(cached, prefix.resolve(SITE + "/pkg_a/util.py")), "hard-linked from the cache");
    }

    @Test
    void usesTheWindowsLayoutOnWindowsPlatforms() throws Exception {
        Path prefix = Files.createDirectories(tmp.resolve("win-env"));
        Path whl = build(pkgA());
        WheelInstallResult r = new WheelInstaller(prefix, SchemeLayout.of("3.12.1", "win-64"), cache)
                .install(whl, Sha256.of(whl), true, null);
        assertEquals("Lib/site-packages/pkg_a-1.3.dist-info", r.distInfo());
        assertTrue(Files.isRegularFile(prefix.resolve("Lib/site-packages/pkg_a/util.py")));
        assertTrue(Files.isRegularFile(prefix.resolve("Scripts/pkg-a-raw")));
        assertTrue(Files.isRegularFile(prefix.resolve("Scripts/pkg-a-script.py")));
        assertTrue(Files.isRegularFile(prefix.resolve("Include/pkg-a/pkg_a.h")));
        assertTrue(RecordFile.parse(Files.readAllBytes(prefix.resolve(r.distInfo() + "/RECORD"))).stream()
                .anyMatch(row -> row.path().equals("../../Scripts/pkg-a-script.py")));
    }

    @Test
    void replacesAnotherPipInstalledVersion() throws Exception {
        Path prefix = prefix("env");
        Path old = build(WheelBuilder.wheel("pkg-a", "1.0").file("pkg_a/old.py", "X = 1\n"));
        installer(prefix).install(old, Sha256.of(old), true, null);
        assertTrue(Files.exists(prefix.resolve(SITE + "/pkg_a/old.py")));
        Path whl = build(pkgA());
        installer(prefix).install(whl, Sha256.of(whl), true, null);
        assertFalse(Files.exists(prefix.resolve(SITE + "/pkg_a/old.py")));
        assertFalse(Files.exists(prefix.resolve(SITE + "/pkg_a-1.0.dist-info")));
        assertTrue(Files.exists(prefix.resolve(SITE + "/pkg_a-1.3.dist-info/RECORD")));
    }

    @Test
    void resolvesFetchesAndInstallsAPinnedListTheSameWayTwice() throws Exception {
        try (LoopbackIndex index = new LoopbackIndex()) {
            index.add(
                    "pkg-a",
                    pkgA().providesExtra("extra").requiresDist("pkg-c>=1").requiresDist("pkg-d; extra == 'extra'"),
                    tmp.resolve("published"));
            index.add(
                    "pkg-b",
                    WheelBuilder.wheel("pkg-b", "1.0").file("pkg_b.py", "B = 'b'\n"),
                    tmp.resolve("published"));
            index.add(
                    "pkg-c",
                    WheelBuilder.wheel("pkg-c", "1.5").file("pkg_c/__init__.py", ""),
                    tmp.resolve("published"));
            index.add("pkg-d", WheelBuilder.wheel("pkg-d", "0.1").file("pkg_d.py", ""), tmp.resolve("published"));
            HttpSource http =
                    new HttpSource(new IndexConfig(index.jsonIndexUrl(), List.of(), Set.of(), tmp.resolve("http")));
            WheelCache shared = new WheelCache(tmp.resolve("store-wheels"), http);
            PipResolution res = new PipResolver(new PackageSource(new SimpleIndexClient(http), shared))
                    .resolve(
                            List.of(
                                    Requirement.parse("pkg-a[extra]>=1.2"),
                                    Requirement.parse("pkg-b; python_version >= \"3.8\"")),
                            PipTarget.of("3.11.7", "linux-64"),
                            List.of(),
                            null);
            assertEquals(4, res.wheels().size());
            Path a = prefix("a");
            Path b = prefix("b");
            for (Path prefix : List.of(a, b)) {
                WheelInstaller inst = new WheelInstaller(prefix, SchemeLayout.of("3.11.7", "linux-64"), shared);
                for (PinnedWheel w : res.wheels()) {
                    Path file = shared.fetch(w.filename(), w.url(), w.sha256());
                    inst.install(file, w.sha256(), w.requested(), null);
                }
            }
            assertEquals(1, index.hits("/files/pkg_a-1.3-py3-none-any.whl"), "fetched once into the shared cache");
            Map<String, String> ta = tree(a);
            Map<String, String> tb = tree(b);
            assertEquals(ta.keySet(), tb.keySet());
            ta.keySet().stream()
                    .filter(f -> !f.startsWith("bin/") && !f.endsWith("/RECORD") && !f.endsWith(".pyc"))
                    .forEach(f -> assertEquals(ta.get(f), tb.get(f), f));
            assertNotNull(ta.get(SITE + "/pkg_b-1.0.dist-info/REQUESTED"));
            assertFalse(ta.containsKey(SITE + "/pkg_c-1.5.dist-info/REQUESTED"));
            Process p = new ProcessBuilder(
                            a.resolve("bin/python").toString(),
                            "-c",
                            "import pkg_a, pkg_b, pkg_c, pkg_d; print(pkg_b.B)")
                    .redirectErrorStream(true)
                    .start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(out.contains("No module named"), "the system python does not see the prefix by itself: " + out);
            ProcessBuilder pb = new ProcessBuilder(
                            a.resolve("bin/python").toString(),
                            "-c",
                            "import pkg_a, pkg_b, pkg_c, pkg_d; print(pkg_b.B)")
                    .redirectErrorStream(true);
            pb.environment().put("PYTHONPATH", a.resolve(SITE).toString());
            Process q = pb.start();
            assertTrue(q.waitFor(60, TimeUnit.SECONDS));
            assertEquals("b\n", new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
