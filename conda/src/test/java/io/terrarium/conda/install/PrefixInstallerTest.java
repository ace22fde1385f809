package io.terrarium.conda.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.pkg.FileTrees;
import io.terrarium.conda.types.PackageRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefixInstallerTest {
    static final InstallOptions OPTIONS = InstallOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC))
            .withCommand("terrarium test");

    @TempDir
    Path tmp;

    private Path cache() throws IOException {
        return Files.createDirectories(tmp.resolve("pkgs"));
    }

    static String run(Path exe, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    @Test
    void linkedExecutablePrintsItsOwnPrefix() throws Exception {
        ExtractedPackage pkg = ExtractedPackage.of("tool", "1.0")
                .textWithPrefix("bin/tool", "#!/bin/sh\necho \"prefix=@P@\"\n", true)
                .file("share/tool/README", "plain\n");
        Path prefix = tmp.resolve("env");
        InstallResult r = new PrefixInstaller(OPTIONS).install(prefix, List.of(pkg.request(cache())), null);

        assertEquals(1, r.linkedCount());
        assertEquals("prefix=" + prefix, run(prefix.resolve("bin/tool")));
        assertTrue(
                Files.getPosixFilePermissions(prefix.resolve("bin/tool")).contains(PosixFilePermission.OWNER_EXECUTE));
        // the plain file is a hard link into the cache; the rewritten one is a copy
        Path cached = tmp.resolve("pkgs").resolve(pkg.dist()).resolve("share/tool/README");
        assertEquals(
                Files.getAttribute(cached, "unix:ino"),
                Files.getAttribute(prefix.resolve("share/tool/README"), "unix:ino"));
        assertNotEquals(
                Files.getAttribute(tmp.resolve("pkgs").resolve(pkg.dist()).resolve("bin/tool"), "unix:ino"),
                Files.getAttribute(prefix.resolve("bin/tool"), "unix:ino"));
        assertTrue(PrefixData.isEnvironment(prefix));
        assertFalse(Files.exists(prefix.resolve(PrefixWriter.STAGING)));

        Map<String, Object> meta = Json.readObject(prefix.resolve("conda-meta/" + pkg.dist() + ".json"));
        assertEquals(List.of("bin/tool", "share/tool/README"), meta.get("files"));
        assertEquals("https://conda.example.test/test/linux-64", meta.get("channel"));
        assertEquals(
                Map.of("source", tmp.resolve("pkgs").resolve(pkg.dist()).toString(), "type", 1L), meta.get("link"));
        List<?> paths = (List<?>) ((Map<?, ?>) meta.get("paths_data")).get("paths");
        Map<?, ?> tool = (Map<?, ?>) paths.get(0);
        assertEquals(ExtractedPackage.PLACEHOLDER, tool.get("prefix_placeholder"));
        assertEquals(RecordLinker.sha256(prefix.resolve("bin/tool")), tool.get("sha256_in_prefix"));
        assertNotEquals(tool.get("sha256"), tool.get("sha256_in_prefix"));
    }

    @Test
    void binaryPlaceholderIsReplacedAndNulPadded() throws Exception {
        String ph = ExtractedPackage.PLACEHOLDER;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(new byte[] {0x7f, 'E', 'L', 'F', 0});
        data.writeBytes((ph + "/lib").getBytes(StandardCharsets.UTF_8));
        data.write(0);
        data.writeBytes("end".getBytes(StandardCharsets.UTF_8));
        byte[] original = data.toByteArray();
        ExtractedPackage pkg = ExtractedPackage.of("libbin", "2.0").binaryWithPrefix("lib/libbin.so", original, ph);
        Path prefix = tmp.resolve("env");
        new PrefixInstaller(OPTIONS).install(prefix, List.of(pkg.request(cache())), null);

        byte[] installed = Files.readAllBytes(prefix.resolve("lib/libbin.so"));
        assertEquals(original.length, installed.length);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(new byte[] {0x7f, 'E', 'L', 'F', 0});
        want.writeBytes((prefix + "/lib").getBytes(StandardCharsets.UTF_8));
        want.writeBytes(new byte[ph.length() - prefix.toString().length()]);
        want.write(0);
        want.writeBytes("end".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(want.toByteArray(), installed);
    }

    @Test
    void prefixLongerThanABinaryPlaceholderFailsAndLeavesTheRecordUninstalled() throws Exception {
        String shortPh = "/opt/anaconda1anaconda2anaconda3";
        ExtractedPackage pkg = ExtractedPackage.of("shortph", "1.0")
                .file("share/a.txt", "a\n")
                .binaryWithPrefix(
                        "lib/libshort.so", ("x\0" + shortPh + "/lib\0").getBytes(StandardCharsets.UTF_8), shortPh);
        Path prefix = tmp.resolve("a-prefix-that-is-clearly-longer-than-thirty-two-bytes");
        PrefixTooLongException e = assertThrows(
                PrefixTooLongException.class,
                () -> new PrefixInstaller(OPTIONS).install(prefix, List.of(pkg.request(cache())), null));
        assertTrue(e.getMessage().contains("lib/libshort.so"), e.getMessage());
        assertFalse(PrefixInstaller.isLinked(prefix, pkg.record()));
        assertFalse(Files.exists(prefix.resolve("share/a.txt")), "files of the failed record are rolled back");
        assertFalse(Files.exists(prefix.resolve("share")), "and the directories made for them");
        assertFalse(Files.exists(prefix.resolve("conda-meta/" + pkg.dist() + ".json")));
    }

    @Test
    void softlinksDirectoriesNoLinkAndModes() throws Exception {
        ExtractedPackage pkg = ExtractedPackage.of("shapes", "1.0")
                .file("lib/libs.so.1.2", "binary-ish\n")
                .symlink("lib/libs.so", "libs.so.1.2")
                .directory("var/empty")
                .noLink("etc/shapes.conf", "conf\n")
                .executable("bin/shapes", "#!/bin/sh\necho shapes\n");
        Path prefix = tmp.resolve("env");
        new PrefixInstaller(OPTIONS).install(prefix, List.of(pkg.request(cache())), null);

        assertTrue(Files.isSymbolicLink(prefix.resolve("lib/libs.so")));
        assertEquals(
                "libs.so.1.2",
                Files.readSymbolicLink(prefix.resolve("lib/libs.so")).toString());
        assertTrue(Files.isDirectory(prefix.resolve("var/empty")));
        Path cached = tmp.resolve("pkgs").resolve(pkg.dist());
        assertNotEquals(
                Files.getAttribute(cached.resolve("etc/shapes.conf"), "unix:ino"),
                Files.getAttribute(prefix.resolve("etc/shapes.conf"), "unix:ino"),
                "no_link files are copied");
        assertEquals("shapes", run(prefix.resolve("bin/shapes")));

        PrefixRecord r = PrefixData.load(prefix).get("shapes").orElseThrow();
        assertEquals(List.of("lib/libs.so.1.2", "lib/libs.so", "etc/shapes.conf", "bin/shapes"), r.files());
        assertEquals("directory", r.paths().get(2).pathType());
    }

    @Test
    void copiesWhenHardlinksAreDisabled() throws Exception {
        ExtractedPackage pkg = ExtractedPackage.of("copied", "1.0").executable("bin/c", "#!/bin/sh\necho c\n");
        Path prefix = tmp.resolve("env");
        new PrefixInstaller(OPTIONS.withHardlinks(false)).install(prefix, List.of(pkg.request(cache())), null);
        assertNotEquals(
                Files.getAttribute(tmp.resolve("pkgs").resolve(pkg.dist()).resolve("bin/c"), "unix:ino"),
                Files.getAttribute(prefix.resolve("bin/c"), "unix:ino"));
        assertEquals("c", run(prefix.resolve("bin/c")));
        assertEquals(
                PrefixRecord.LINK_COPY,
                PrefixData.load(prefix).get("copied").orElseThrow().linkType());
    }

    @Test
    void softlinkLeavingThePrefixIsRejectedAndNothingIsWrittenOutside() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        ExtractedPackage pkg = ExtractedPackage.of("evil", "1.0")
                .file("share/ok.txt", "fine\n")
                .symlink("lib/escape", "../../outside");
        Path prefix = tmp.resolve("env");
        UnsafePathException e = assertThrows(
                UnsafePathException.class,
                () -> new PrefixInstaller(OPTIONS).install(prefix, List.of(pkg.request(cache())), null));
        assertTrue(e.getMessage().contains("lib/escape"), e.getMessage());
        assertFalse(PrefixInstaller.isLinked(prefix, pkg.record()));
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void existingLinkInThePrefixLeadingOutsideIsNotFollowed() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path prefix = Files.createDirectories(tmp.resolve("env"));
        Files.createSymbolicLink(prefix.resolve("share"), outside);
        ExtractedPackage pkg = ExtractedPackage.of("sneaky", "1.0").file("share/payload.txt", "x\n");
        assertThrows(
                UnsafePathException.class,
                () -> new PrefixInstaller(OPTIONS).install(prefix, List.of(pkg.request(cache())), null));
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void pathsJsonEntryWithDotDotIsRejected() throws Exception {
        ExtractedPackage pkg = ExtractedPackage.of("dots", "1.0").file("share/x.txt", "x\n");
        Path dir = pkg.writeTo(cache());
        Path pathsJson = dir.resolve("info/paths.json");
        Files.writeString(pathsJson, Files.readString(pathsJson).replace("share/x.txt", "../../escaped.txt"));
        Path prefix = tmp.resolve("env");
        InstallException e = assertThrows(
                InstallException.class,
                () -> new PrefixInstaller(OPTIONS)
                        .install(prefix, List.of(new LinkRequest(pkg.record(), dir, null, null)), null));
        assertTrue(e.getMessage().contains(".."), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));
        assertFalse(Files.exists(tmp.getParent().resolve("escaped.txt")));
    }

    @Test
    void packagesCannotWriteIntoCondaMeta() throws Exception {
        ExtractedPackage forger = ExtractedPackage.of("forger", "1.0").file("conda-meta/python-9.9-0.json", "{}\n");
        Path prefix = tmp.resolve("env");
        UnsafePathException e = assertThrows(
                UnsafePathException.class,
                () -> new PrefixInstaller(OPTIONS).install(prefix, List.of(forger.request(cache())), null));
        assertTrue(e.getMessage().contains("conda-meta/python-9.9-0.json"), e.getMessage());
        assertFalse(Files.exists(prefix.resolve("conda-meta/python-9.9-0.json")));
    }

    @Test
    void clobberIsReportedAndTheLastRecordWins() throws Exception {
        ExtractedPackage a = ExtractedPackage.of("clob-a", "1.0")
                .file("bin/shared", "from a\n")
                .file("a.txt", "a\n");
        ExtractedPackage b = ExtractedPackage.of("clob-b", "1.0").file("bin/shared", "from b\n");
        Path prefix = tmp.resolve("env");
        InstallResult r =
                new PrefixInstaller(OPTIONS).install(prefix, List.of(a.request(cache()), b.request(cache())), null);
        assertEquals(List.of(new ClobberWarning("bin/shared", a.dist(), b.dist())), r.clobbers());
        assertEquals("from b\n", Files.readString(prefix.resolve("bin/shared")));
    }

    @Test
    void clobberPolicyErrorRefusesTheRecord() throws Exception {
        ExtractedPackage a = ExtractedPackage.of("clob-a", "1.0").file("bin/shared", "from a\n");
        ExtractedPackage b = ExtractedPackage.of("clob-b", "1.0")
                .file("bin/shared", "from b\n")
                .file("b.txt", "b\n");
        Path prefix = tmp.resolve("env");
        PrefixInstaller installer = new PrefixInstaller(OPTIONS.withClobberPolicy(ClobberPolicy.ERROR));
        ClobberException e = assertThrows(
                ClobberException.class,
                () -> installer.install(prefix, List.of(a.request(cache()), b.request(cache())), null));
        assertEquals(1, e.clobbers().size());
        assertEquals("from a\n", Files.readString(prefix.resolve("bin/shared")));
        assertFalse(Files.exists(prefix.resolve("b.txt")));
        assertTrue(PrefixInstaller.isLinked(prefix, a.record()));
        assertFalse(PrefixInstaller.isLinked(prefix, b.record()));
    }

    @Test
    void postLinkScriptGetsTheEnvironmentAndMessagesAreCollected() throws Exception {
        ExtractedPackage pkg = ExtractedPackage.of("hooked", "3.2")
                .file(
                        "bin/.hooked-post-link.sh",
                        "echo \"$PREFIX|$PKG_NAME|$PKG_VERSION|$PKG_BUILDNUM|$CONDA_PREFIX\" "
                                + "> \"$PREFIX/post-link.out\"\necho 'hello from post-link' >> \"$PREFIX/.messages.txt\"\n");
        Path prefix = tmp.resolve("env");
        InstallResult r = new PrefixInstaller(OPTIONS).install(prefix, List.of(pkg.request(cache())), null);
        assertEquals(
                prefix + "|hooked|3.2|0|" + prefix,
                Files.readString(prefix.resolve("post-link.out")).strip());
        assertEquals(List.of(pkg.dist() + ": hello from post-link"), r.messages());
        assertFalse(Files.exists(prefix.resolve(".messages.txt")));
    }

    @Test
    void failingPostLinkFailsTheRecordWithItsOutput() throws Exception {
        ExtractedPackage ok = ExtractedPackage.of("fine", "1.0").file("fine.txt", "ok\n");
        ExtractedPackage bad = ExtractedPackage.of("broken", "1.0")
                .file("broken.txt", "x\n")
                .file("bin/.broken-post-link.sh", "echo 'visible on stdout'\necho 'went wrong' >&2\nexit 3\n");
        Path prefix = tmp.resolve("env");
        LinkScriptException e = assertThrows(
                LinkScriptException.class,
                () -> new PrefixInstaller(OPTIONS)
                        .install(prefix, List.of(ok.request(cache()), bad.request(cache())), null));
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("visible on stdout"), e.getMessage());
        assertTrue(e.getMessage().contains("went wrong"), e.getMessage());
        assertTrue(e.getMessage().contains(bad.dist()), e.getMessage());
        assertTrue(PrefixInstaller.isLinked(prefix, ok.record()));
        assertFalse(PrefixInstaller.isLinked(prefix, bad.record()));
        assertFalse(Files.exists(prefix.resolve("broken.txt")));
    }

    @Test
    void interruptedInstallResumesToTheSamePrefixAsACleanRun() throws Exception {
        List<ExtractedPackage> pkgs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pkgs.add(ExtractedPackage.of("pkg" + i, "1." + i)
                    .textWithPrefix("bin/tool" + i, "#!/bin/sh\necho @P@ " + i + "\n", true)
                    .file("share/pkg" + i + "/data.txt", "data " + i + "\n")
                    .symlink("share/pkg" + i + "/link", "data.txt"));
        }
        List<LinkRequest> links = new ArrayList<>();
        for (ExtractedPackage p : pkgs) {
            links.add(p.request(cache()));
        }
        Path prefix = tmp.resolve("env");
        PrefixInstaller installer = new PrefixInstaller(OPTIONS);
        installer.install(prefix, links, null);
        Map<String, String> clean = snapshot(prefix);
        String cleanHistory = Files.readString(History.file(prefix));

        for (int k : new int[] {0, 2, 5}) {
            FileTrees.delete(prefix);
            // a run killed while linking record k: records before it done, record k half-written, staging litter
            Transaction t = installer.transaction(prefix, links);
            for (int i = 0; i < k; i++) {
                t.link(i);
            }
            Files.createDirectories(prefix.resolve("bin"));
            Files.writeString(prefix.resolve("bin/tool" + k), "#!/bin/sh\necho half");
            Files.createDirectories(prefix.resolve(PrefixWriter.STAGING));
            Files.writeString(prefix.resolve(PrefixWriter.STAGING).resolve("7"), "partial");
            assertFalse(PrefixInstaller.isLinked(prefix, links.get(k).record()));

            List<String> progress = new ArrayList<>();
            InstallResult r = installer.install(
                    prefix,
                    links,
                    (done, total, dist, skipped) -> progress.add(done + "/" + total + (skipped ? " skip" : "")));
            assertEquals(links.size() - k, r.linkedCount());
            assertEquals(links.size(), progress.size());
            assertEquals("6/6", progress.get(5));
            assertEquals(clean, snapshot(prefix), "resumed after " + k + " records");
            assertEquals(cleanHistory, Files.readString(History.file(prefix)));
        }

        // a rerun of a finished install changes nothing, not even the history
        InstallResult again = installer.install(prefix, links, null);
        assertEquals(0, again.linkedCount());
        assertEquals(clean, snapshot(prefix));
        assertEquals(cleanHistory, Files.readString(History.file(prefix)));
        assertTrue(cleanHistory.startsWith("==> 2026-11-27 12:00:00 <==\n# cmd: terrarium test\n"), cleanHistory);
        assertTrue(cleanHistory.contains("+https://conda.example.test/test/linux-64::pkg3-1.3-h0_0\n"), cleanHistory);
    }

    @Test
    void replacingAnInstalledVersionRemovesItsFiles() throws Exception {
        ExtractedPackage v1 = ExtractedPackage.of("upg", "1.0")
                .file("share/upg/only-in-1", "1\n")
                .file("share/upg/both", "1\n");
        ExtractedPackage v2 = ExtractedPackage.of("upg", "2.0").file("share/upg/both", "2\n");
        Path prefix = tmp.resolve("env");
        PrefixInstaller installer = new PrefixInstaller(OPTIONS);
        installer.install(prefix, List.of(v1.request(cache())), null);
        InstallResult r = installer.install(prefix, List.of(v2.request(cache())), null);
        assertEquals(List.of(), r.clobbers());
        assertFalse(Files.exists(prefix.resolve("share/upg/only-in-1")));
        assertEquals("2\n", Files.readString(prefix.resolve("share/upg/both")));
        assertEquals(
                List.of("upg-2.0-h0_0"),
                PrefixData.load(prefix).packageRecords().stream()
                        .map(PackageRecord::dist)
                        .toList());
        assertTrue(Files.readString(History.file(prefix))
                .contains("-https://conda.example.test/test/linux-64::upg-1.0-h0_0"));
        String afterClean = Files.readString(History.file(prefix));

        // the same replacement killed after linking but before the history entry: the rerun writes the same entry
        FileTrees.delete(prefix);
        installer.install(prefix, List.of(v1.request(cache())), null);
        installer.transaction(prefix, List.of(v2.request(cache()))).link(0);
        installer.install(prefix, List.of(v2.request(cache())), null);
        assertEquals(afterClean, Files.readString(History.file(prefix)));
    }

    @Test
    void historyIsReplayedAsConda() throws Exception {
        String h = Files.readString(
                RealPackagesTest.testData("mamba/libmamba/tests/data/history/parse/conda-meta/history"));
        Map<String, String> installed = History.installedByName(h);
        assertTrue(installed.size() > 0, h);
        installed.forEach((name, line) -> assertEquals(name, History.packageName(line)));
        String conda = Files.readString(RealPackagesTest.testData("conda/env_metadata/envpy27osx/conda-meta/history"));
        assertEquals(
                "defaults::pip-10.0.1-py27_0", History.installedByName(conda).get("pip"));
        assertEquals(16, History.installedByName(conda).size());
        assertEquals("ca-certificates", History.packageName("https://x/linux-64::ca-certificates-2018.03.07-0"));
    }

    @Test
    void aSecondInstallIntoALockedPrefixIsRefused() throws Exception {
        ExtractedPackage pkg = ExtractedPackage.of("locked", "1.0").file("x.txt", "x\n");
        Path prefix = tmp.resolve("env");
        LinkRequest req = pkg.request(cache());
        try (PrefixLock held = PrefixLock.acquire(prefix)) {
            InstallException e = assertThrows(
                    InstallException.class, () -> new PrefixInstaller(OPTIONS).install(prefix, List.of(req), null));
            assertTrue(e.getMessage().contains("another install"), e.getMessage());
        }
        assertEquals(
                1,
                new PrefixInstaller(OPTIONS).install(prefix, List.of(req), null).linkedCount());
    }

    /** Every path of the prefix with its type and content hash (links: their target). */
    static Map<String, String> snapshot(Path prefix) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(prefix)) {
            for (Path p : s.toList()) {
                String rel = prefix.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "link:" + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(rel, "dir");
                } else {
                    out.put(rel, RecordLinker.sha256(p) + " " + Files.getPosixFilePermissions(p));
                }
            }
        }
        return out;
    }
}
