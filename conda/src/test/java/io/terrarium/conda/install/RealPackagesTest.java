package io.terrarium.conda.install;

import static io.terrarium.conda.install.PrefixInstallerTest.OPTIONS;
import static io.terrarium.conda.install.PrefixInstallerTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.pkg.PackageArchive;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs real packages from the shared test data: conda's {@code test-recipes/noarch} packages (link scripts,
 * messages, clobbering, noarch python), conda's {@code conda_format_repo} zlib in both formats and rattler's clobber
 * packages, with the behaviour conda's own tests expect of them.
 */
class RealPackagesTest {
    @TempDir
    Path tmp;

    static Path testData(String rel) {
        return Path.of(System.getProperty("terrarium.testdata")).resolve(rel);
    }

    /** Records of a channel subdir's repodata.json, by file name, with fn, url and channel filled in. */
    static Map<String, PackageRecord> repodata(Path subdir) throws IOException {
        Map<String, Object> rd = Json.readObject(subdir.resolve("repodata.json"));
        Map<String, PackageRecord> out = new HashMap<>();
        String channel = subdir.getParent().toUri().toString().replaceAll("/$", "");
        for (String group : List.of("packages", "packages.conda")) {
            if (rd.get(group) instanceof Map<?, ?> g) {
                for (Map.Entry<String, Object> e : Json.asObject(g).entrySet()) {
                    Map<String, Object> m = new HashMap<>(Json.asObject(e.getValue()));
                    m.put("fn", e.getKey());
                    m.put("url", channel + "/" + subdir.getFileName() + "/" + e.getKey());
                    m.put("channel", channel);
                    out.put(e.getKey(), PrefixRecord.fromJson(m).record());
                }
            }
        }
        return out;
    }

    private List<LinkRequest> requests(Path subdir, String... fns) throws IOException {
        Map<String, PackageRecord> records = repodata(subdir);
        List<LinkRequest> out = new ArrayList<>();
        for (String fn : fns) {
            out.add(request(subdir.resolve(fn), records.get(fn)));
        }
        return out;
    }

    private LinkRequest request(Path archive, PackageRecord record) throws IOException {
        PackageArchive pa = PackageArchive.open(archive);
        Path dir = tmp.resolve("pkgs").resolve(archive.getFileName() + ".d");
        if (!Files.exists(dir)) {
            pa.extractTo(dir);
        }
        if (record == null) {
            record = pa.readIndex()
                    .toRecordBuilder()
                    .fn(archive.getFileName().toString())
                    .build();
        }
        return new LinkRequest(record, dir, archive, null);
    }

    private static Path recipes() {
        return testData("conda/test-recipes/noarch");
    }

    private InstallResult install(List<LinkRequest> links) throws IOException {
        return new PrefixInstaller(OPTIONS).install(tmp.resolve("env"), links, null);
    }

    @Test
    void smallExecutableRuns() throws Exception {
        install(requests(recipes(), "small-executable-1.0-0.conda"));
        assertEquals("Hello! there", run(tmp.resolve("env/bin/small"), "there"));
        PrefixRecord r =
                PrefixData.load(tmp.resolve("env")).get("small-executable").orElseThrow();
        assertTrue(r.files().contains("etc/conda/activate.d/small_executable.sh"));
        assertEquals("noarch", r.record().subdir());
    }

    @Test
    void postLinkRunsAfterItsDependencyIsLinkedAndMaySourceReturn() throws Exception {
        // post_link-c's script ends in `return 0` (only valid when sourced, as conda does) after checking that
        // post_link-b's bin/file exists; post_link-d checks a file post_link-e's post-link created
        InstallResult r = install(requests(
                recipes(),
                "post_link-b-1.0-0.conda",
                "post_link-c-1.0-0.conda",
                "post_link-e-1.0-0.conda",
                "post_link-d-1.0-0.conda"));
        assertEquals(4, r.linkedCount());
        assertTrue(Files.isRegularFile(tmp.resolve("env/bin/file")));
    }

    @Test
    void postLinkFailsWhenWhatItChecksIsMissing() throws Exception {
        LinkScriptException e =
                assertThrows(LinkScriptException.class, () -> install(requests(recipes(), "post_link-c-1.0-0.conda")));
        assertTrue(e.getMessage().contains("post_link-c-1.0-0"), e.getMessage());
        assertFalse(
                PrefixInstaller.isLinked(tmp.resolve("env"), repodata(recipes()).get("post_link-c-1.0-0.conda")));
    }

    @Test
    void postLinkRunsInTheActivatedEnvironment() throws Exception {
        // the package's own etc/conda/activate.d/test.sh sets TEST_VAR=1; its post-link fails without it
        InstallResult r = install(requests(recipes(), "post_link_run_in_env_package-1.0-0.conda"));
        assertEquals(1, r.messages().size());
        assertTrue(
                r.messages().get(0).contains("Success: TEST_VAR is set correctly"),
                r.messages().toString());
        assertFalse(Files.exists(tmp.resolve("env/.messages.txt")));
    }

    @Test
    void failingPostLinkFailsTheInstall() throws Exception {
        LinkScriptException e = assertThrows(
                LinkScriptException.class, () -> install(requests(recipes(), "failing_post_link-1.0-0.conda")));
        assertEquals(1, e.exitCode());
        assertTrue(
                e.getMessage().startsWith("post-link script of failing_post_link-1.0-0 exited with code 1"),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("env/conda-meta/failing_post_link-1.0-0.json")));
    }

    @Test
    void preLinkMessagesAreCollected() throws Exception {
        InstallResult r = install(requests(recipes(), "pre_link_messages_package-1.0-0.conda"));
        assertEquals(2, r.messages().size(), r.messages().toString());
        assertTrue(String.join("\n", r.messages()).contains("Lorem ipsum dolor sit amet"));
        assertTrue(String.join("\n", r.messages()).contains("SPAM!"));
    }

    @Test
    void clobberingRecipesAreReported() throws Exception {
        InstallResult r = install(requests(recipes(), "clobber-a-1.0-0.conda", "clobber-b-1.0-0.conda"));
        assertEquals(
                List.of(new ClobberWarning("bin/clobber-test-file", "clobber-a-1.0-0", "clobber-b-1.0-0")),
                r.clobbers());
        String installed = Files.readString(tmp.resolve("env/bin/clobber-test-file"));
        String fromB = Files.readString(tmp.resolve("pkgs/clobber-b-1.0-0.conda.d/bin/clobber-test-file"));
        assertEquals(fromB, installed);
    }

    @Test
    void noarchPythonGoesToThePythonRecordsSitePackages() throws Exception {
        // python-3.99.99 is an empty stand-in declaring python_site_packages_path (CEP 17); it has no interpreter,
        // so byte-compilation is skipped with a warning and the install still succeeds
        InstallResult r = install(requests(recipes(), "python-3.99.99-0.conda", "sample_noarch_python-1.0-py_0.conda"));
        assertTrue(Files.isRegularFile(tmp.resolve("env/lib/python3.99t/site-packages/sample.py")));
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).startsWith("no python in"), r.warnings().toString());
        PrefixRecord sample =
                PrefixData.load(tmp.resolve("env")).get("sample_noarch_python").orElseThrow();
        assertEquals(List.of("lib/python3.99t/site-packages/sample.py"), sample.files());
    }

    @Test
    void zlibFromTheCondaFormatRepoInBothFormats() throws Exception {
        Path linux = testData("conda/conda_format_repo/linux-64");
        for (String fn : List.of("zlib-1.2.11-h7b6447c_3.tar.bz2", "zlib-1.2.11-h7b6447c_3.conda")) {
            Path prefix = tmp.resolve("env-" + fn);
            new PrefixInstaller(OPTIONS).install(prefix, requests(linux, fn), null);
            String pc = Files.readString(prefix.resolve("lib/pkgconfig/zlib.pc"));
            assertTrue(pc.contains("prefix=" + prefix), pc);
            assertFalse(pc.contains("anaconda1anaconda2"), pc);
            assertEquals(133384, Files.size(prefix.resolve("lib/libz.so.1.2.11")));
            PrefixRecord zlib = PrefixData.load(prefix).get("zlib").orElseThrow();
            assertEquals(
                    List.of(
                            "include/zconf.h",
                            "include/zlib.h",
                            "lib/libz.a",
                            "lib/libz.so",
                            "lib/libz.so.1",
                            "lib/libz.so.1.2.11",
                            "lib/pkgconfig/zlib.pc"),
                    zlib.files());
            assertEquals(List.of("libgcc-ng >=7.3.0"), zlib.record().depends());
            assertTrue(PrefixInstaller.isLinked(prefix, repodata(linux).get(fn)));
        }
    }

    @Test
    void rattlerLinkScriptsRunOnLinkAndOnReplacement() throws Exception {
        Path prefix = tmp.resolve("env");
        InstallResult r = install(
                List.of(request(testData("rattler/test-data/link-scripts/link-scripts-0.1.0-h4616a5c_0.conda"), null)));
        assertTrue(Files.exists(prefix.resolve("i-was-post-linked")));
        assertEquals(
                List.of(
                        "link-scripts-0.1.0-h4616a5c_0: This is a post-link script that just ran for the recipe package."),
                r.messages());

        // a newer build replaces it: the old one's pre-unlink script runs (it removes the marker) and its files go
        ExtractedPackage newer = ExtractedPackage.of("link-scripts", "0.2.0").file("share/newer.txt", "2\n");
        InstallResult replaced = install(List.of(newer.request(Files.createDirectories(tmp.resolve("pkgs")))));
        assertEquals(List.of(), replaced.warnings());
        assertFalse(Files.exists(prefix.resolve("i-was-post-linked")));
        assertFalse(Files.exists(prefix.resolve("bin/.link-scripts-post-link.sh")));
        assertEquals(
                List.of("link-scripts"),
                PrefixData.load(prefix).packageRecords().stream()
                        .map(PackageRecord::name)
                        .toList());
        assertEquals(
                "0.2.0",
                PrefixData.load(prefix)
                        .get("link-scripts")
                        .orElseThrow()
                        .record()
                        .versionText());
    }

    @Test
    void rattlerClobberPackagesLastOneWins() throws Exception {
        Path dir = testData("rattler/test-data/clobber");
        List<LinkRequest> links = new ArrayList<>();
        for (String n : List.of("clobber-1", "clobber-2", "clobber-3")) {
            links.add(request(dir.resolve(n + "-0.1.0-h4616a5c_0.tar.bz2"), null));
        }
        InstallResult r = install(links);
        assertEquals(4, r.clobbers().size(), r.clobbers().toString());
        assertEquals(
                Files.readString(tmp.resolve("pkgs/clobber-3-0.1.0-h4616a5c_0.tar.bz2.d/clobber.txt")),
                Files.readString(tmp.resolve("env/clobber.txt")));
    }
}
