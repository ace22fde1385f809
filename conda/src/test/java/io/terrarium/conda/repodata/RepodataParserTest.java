package io.terrarium.conda.repodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.types.PackageRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepodataParserTest {
    private static final String CH = "https://example.org/ch";

    static Path data(String rel) {
        return Path.of(System.getProperty("terrarium.testdata")).resolve(rel);
    }

    /** Parses a real file as the subdir named by its directory (or by info.subdir for loose files). */
    static SubdirRepodata parseData(String rel, boolean subdirFromDirectory) {
        Path file = data(rel);
        String subdir = subdirFromDirectory ? file.getParent().getFileName().toString() : null;
        return RepodataParser.parseFile(file, CH, subdir);
    }

    static SubdirRepodata parseText(String json) {
        return RepodataParser.parse(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                CH,
                CH + "/linux-64/repodata.json",
                "linux-64",
                "test.json");
    }

    static PackageRecord only(SubdirRepodata s, String name) {
        List<PackageRecord> l = s.byName().get(name);
        assertEquals(1, l.size(), () -> "records named " + name + ": " + l);
        return l.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file, records after .conda twins and removed are dropped, distinct names, subdir from directory
        "conda/base_url_channel/linux-64/repodata.json, 1, 1, true",
        "conda/base_url_channel/noarch/repodata.json, 0, 0, true",
        "conda/base_url_channel/osx-64/repodata.json, 1, 1, true",
        "conda/base_url_channel/win-64/repodata.json, 1, 1, true",
        "conda/conda_format_repo/linux-64/repodata.json, 2, 2, true",
        "conda/conda_format_repo/linux-64/current_repodata.json, 1, 1, true",
        "conda/conda_format_repo/noarch/repodata.json, 0, 0, true",
        "conda/conda_format_repo/osx-64/repodata.json, 1, 1, true",
        "conda/conda_format_repo/win-32/repodata.json, 1, 1, true",
        "conda/conda_format_repo/win-64/repodata.json, 4, 3, true",
        "conda/test-recipes/noarch/repodata.json, 32, 25, true",
        "conda/test-recipes/linux-fake/repodata.json, 3, 2, true",
        "mamba/micromamba/tests/channel_a/linux-64/repodata.json, 3, 2, true",
        "mamba/micromamba/tests/channel_a/noarch/repodata.json, 2, 2, true",
        "mamba/micromamba/tests/channel_b/noarch/repodata.json, 0, 0, true",
        "rattler/test-data/channels/conditional-repodata/noarch/repodata.json, 7, 6, true",
        "rattler/test-data/channels/dummy-no-conda-packages/linux-64/repodata.json, 12, 5, true",
        "rattler/test-data/channels/dummy-noarch-str/linux-64/repodata.json, 3, 2, true",
        "rattler/test-data/channels/dummy-optional-dependencies/noarch/repodata.json, 4, 3, true",
        "rattler/test-data/channels/dummy/linux-64/repodata.json, 24, 11, true",
        "rattler/test-data/channels/empty/noarch/repodata.json, 0, 0, true",
        "rattler/test-data/channels/openssl-run-exports-test/linux-64/repodata.json, 1, 1, true",
        "rattler/test-data/channels/pytorch/linux-64/repodata.json, 2181, 49, true",
        "rattler/test-data/channels/with-wheels/linux-64/repodata.json, 25, 25, true",
        "rattler/test-data/channels/with-wheels/noarch/repodata.json, 4, 1, true",
        "rattler/test-data/test-server/repo/noarch/repodata.json, 1, 1, true",
        "mamba/libmamba/tests/data/repodata/conda-forge-numpy-linux-64.json, 33, 33, false",
        "mamba/libmamba/tests/data/repodata/conda-forge-repodata-version-2.json, 2, 2, false",
        "mamba/libmamba/tests/data/repodata/conda-forge-repodata-version-2-missing-base_url.json, 2, 2, false",
        "mamba/libmamba/tests/data/repodata/sudoku.json, 729, 81, false",
    })
    void parsesEveryRepodataFileInTheTestData(String file, int records, int names, boolean subdirFromDirectory) {
        SubdirRepodata s = parseData(file, subdirFromDirectory);
        assertEquals(records, s.size(), "record count");
        assertEquals(records, s.records().size(), "records listed");
        assertEquals(names, s.byName().size(), "distinct names");
        for (PackageRecord r : s.records()) {
            assertEquals(CH, r.channel());
            assertTrue(r.url().endsWith("/" + r.fn()), r.url());
            if (subdirFromDirectory) {
                assertEquals(data(file).getParent().getFileName().toString(), r.subdir());
            }
        }
    }

    @Test
    void unknownNoarchTypeIsAnErrorNamingTheFileAndLine() {
        RepodataException e = assertThrows(
                RepodataException.class,
                () -> parseData("rattler/test-data/channels/dummy-noarch-str-not-empty/linux-64/repodata.json", true));
        assertTrue(
                e.getMessage().contains("dummy-noarch-str-not-empty/linux-64/repodata.json at line "), e.getMessage());
        assertTrue(e.getMessage().contains("unknown noarch type 'notempty-this-should-fail'"), e.getMessage());
    }

    @Test
    void absoluteBaseUrlGivesTheDownloadUrl() {
        SubdirRepodata s = parseData("conda/base_url_channel/linux-64/repodata.json", true);
        PackageRecord r = only(s, "ca-certificates");
        assertEquals(
                "https://repo.anaconda.com/pkgs/main/linux-64/ca-certificates-2024.3.11-h06a4308_0.conda", r.url());
        assertEquals("ca-certificates-2024.3.11-h06a4308_0.conda", r.fn());
        assertEquals("linux-64", r.subdir());
        assertEquals(1710764808838L, r.timestamp());
        assertEquals("MPL-2.0", r.license());
        assertEquals("Other", r.extra().get("license_family"));
        assertEquals(130359, r.size());
        assertEquals("08529eb3504712baabcbda266a19feb7", r.md5());
        assertEquals("24b51217e99c7c4fb6ffe30f07eb93ce105ce1c9d38458b2763870c997825ca8", r.sha256());
    }

    @Test
    void relativeBaseUrlResolvesAgainstTheRepodataUrl() {
        Path file = data("rattler/test-data/channels/dummy/linux-64/repodata.json")
                .toAbsolutePath()
                .normalize();
        SubdirRepodata s = RepodataParser.parseFile(file, "file:///somewhere", "linux-64");
        PackageRecord foo = s.byName().get("foo").stream()
                .filter(r -> r.versionText().equals("3.0.2"))
                .findFirst()
                .orElseThrow();
        assertEquals(file.getParent().toUri() + "foo-3.0.2-py36h1af98f8_1.conda", foo.url());
    }

    @Test
    void baseUrlWithTrailingSlashAndMissingBaseUrl() {
        PackageRecord withBase = only(
                parseData("mamba/libmamba/tests/data/repodata/conda-forge-repodata-version-2.json", false), "bzip2");
        assertEquals("https://repo.anaconda.com/repo/main/linux-64/bzip2-1.0.8-hd590300_5.conda", withBase.url());
        Path file = data("mamba/libmamba/tests/data/repodata/conda-forge-repodata-version-2-missing-base_url.json");
        PackageRecord noBase = only(RepodataParser.parseFile(file, CH, null), "bzip2");
        assertEquals(
                file.toAbsolutePath().normalize().getParent().toUri() + "bzip2-1.0.8-hd590300_5.conda", noBase.url());
        assertEquals("linux-64", noBase.subdir(), "subdir from info when no directory is given");
    }

    @Test
    void secondsTimestampsBecomeMillisecondsAndNullListsAreEmpty() {
        SubdirRepodata s = parseData("mamba/libmamba/tests/data/repodata/conda-forge-repodata-version-2.json", false);
        PackageRecord mutex = only(s, "_libgcc_mutex");
        assertEquals(1578324546000L, mutex.timestamp());
        assertEquals(List.of(), mutex.depends());
        assertEquals(List.of(), mutex.constrains());
        assertEquals(List.of(), mutex.trackFeatures(), "empty track_features string");
        assertEquals(List.of("libgcc-ng >=12"), only(s, "bzip2").depends());
    }

    @Test
    void condaTwinReplacesTarBz2() {
        SubdirRepodata s = parseData("conda/conda_format_repo/linux-64/repodata.json", true);
        for (PackageRecord r : s.records()) {
            assertTrue(
                    r.fn().endsWith(".conda")
                            || s.byName().get(r.name()).stream()
                                    .noneMatch(o -> o.fn().equals(r.fn().replace(".tar.bz2", ".conda"))),
                    r.fn());
        }
        SubdirRepodata synthetic = parseText("""
                {"packages": {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0", "md5": "bz2"},
                              "a-2-0.tar.bz2": {"name": "a", "version": "2", "build": "0", "md5": "only"}},
                 "packages.conda": {"a-1-0.conda": {"name": "a", "version": "1", "build": "0", "md5": "conda"}}}
                """);
        assertEquals(2, synthetic.size());
        List<PackageRecord> as = synthetic.byName().get("a");
        assertEquals(
                List.of("a-2-0.tar.bz2", "a-1-0.conda"),
                as.stream().map(PackageRecord::fn).toList());
        assertEquals("conda", as.get(1).md5());
    }

    @Test
    void removedFilesAreDropped() {
        SubdirRepodata s = parseText("""
                {"removed": ["a-1-0.tar.bz2", "zz-9-0.tar.bz2"],
                 "packages": {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0"},
                              "a-2-0.tar.bz2": {"name": "a", "version": "2", "build": "0"},
                              "my-pkg-1-0.tar.bz2": {"name": "my-pkg", "version": "1", "build": "0"}}}
                """);
        assertEquals(2, s.size());
        assertEquals("2", only(s, "a").versionText());
        SubdirRepodata all = parseText("""
                {"packages": {"b-1-0.tar.bz2": {"name": "b", "version": "1", "build": "0"}},
                 "removed": ["b-1-0.tar.bz2"]}""");
        assertEquals(0, all.size());
        assertTrue(all.byName().isEmpty());
    }

    @Test
    void trackFeaturesFromStringCommaListOrJsonList() {
        SubdirRepodata s = parseData("rattler/test-data/channels/dummy/linux-64/repodata.json", true);
        Map<String, List<String>> byVersion = new java.util.HashMap<>();
        for (PackageRecord r : s.byName().get("track-features")) {
            byVersion.put(r.versionText(), r.trackFeatures());
        }
        assertEquals(
                Map.of(
                        "1",
                        List.of("foo"),
                        "2",
                        List.of("foo", "bar"),
                        "3",
                        List.of("foo", "bar"),
                        "4",
                        List.of("foo", "bar")),
                byVersion);
        SubdirRepodata legacy = parseText("""
                {"packages": {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0",
                   "features": "mkl debug", "track_features": " x ,y  z"}}}""");
        assertEquals(List.of("mkl", "debug"), only(legacy, "a").features());
        assertEquals(List.of("x", "y", "z"), only(legacy, "a").trackFeatures());
    }

    @Test
    void noarchForms() {
        SubdirRepodata s = parseText("""
                {"packages": {
                  "a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0", "noarch": true},
                  "b-1-0.tar.bz2": {"name": "b", "version": "1", "build": "0", "noarch": "python"},
                  "c-1-0.tar.bz2": {"name": "c", "version": "1", "build": "0", "noarch": "generic"},
                  "d-1-0.tar.bz2": {"name": "d", "version": "1", "build": "0", "noarch": false},
                  "e-1-0.tar.bz2": {"name": "e", "version": "1", "build": "0", "noarch": ""}}}""");
        assertEquals("generic", only(s, "a").noarch());
        assertEquals("python", only(s, "b").noarch());
        assertEquals("generic", only(s, "c").noarch());
        assertNull(only(s, "d").noarch());
        assertNull(only(s, "e").noarch());
    }

    @Test
    void recordFieldsAndDefaults() {
        SubdirRepodata s = parseText("""
                {"info": {"subdir": "linux-64", "platform": "linux"},
                 "packages": {"numpy-1.7.1-py33_0.tar.bz2": {
                   "build": "py33_0", "build_number": 0, "depends": ["python 3.3*", "nose"],
                   "constrains": ["mkl <0"], "name": "numpy", "version": "1.7.1",
                   "platform": "linux", "arch": "x86_64", "requires": ["ignored"],
                   "with_features_depends": {"mkl": ["x"]}, "size": 5000}},
                 "packages.conda": {"nobuild-2.0-h1_3.conda": {"name": "nobuild", "version": "2.0",
                   "build_string": "h1_3", "build_number": "3"}},
                 "signatures": {"numpy-1.7.1-py33_0.tar.bz2": {"k": {"signature": "s"}}},
                 "repodata_version": 1}""");
        PackageRecord numpy = only(s, "numpy");
        assertEquals("numpy-1.7.1-py33_0", numpy.dist());
        assertEquals(List.of("python 3.3*", "nose"), numpy.depends());
        assertEquals(List.of("mkl <0"), numpy.constrains());
        assertEquals(Map.of("platform", "linux", "arch", "x86_64"), numpy.extra());
        assertEquals(5000, numpy.size());
        assertEquals(0, numpy.timestamp());
        assertNull(numpy.md5());
        assertEquals(CH + "/linux-64/numpy-1.7.1-py33_0.tar.bz2", numpy.url());
        PackageRecord nobuild = only(s, "nobuild");
        assertEquals("h1_3", nobuild.build());
        assertEquals(3, nobuild.buildNumber());
        assertEquals(-1, nobuild.size());
    }

    @Test
    void missingNameVersionBuildComeFromTheFileName() {
        SubdirRepodata s = parseText("""
                {"packages": {"my-lib-1.2.3-h0_1.tar.bz2": {"depends": []}}}""");
        PackageRecord r = only(s, "my-lib");
        assertEquals("1.2.3", r.versionText());
        assertEquals("h0_1", r.build());
        RepodataException e =
                assertThrows(RepodataException.class, () -> parseText("{\"packages\": {\"weird.tar.bz2\": {}}}"));
        assertTrue(e.getMessage().contains("invalid record 'weird.tar.bz2' in test.json at line 1"), e.getMessage());
    }

    @Test
    void newerRecordVersionsAreSkipped() {
        SubdirRepodata s = parseText("""
                {"packages": {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0", "record_version": 2},
                              "a-2-0.tar.bz2": {"name": "a", "version": "2", "build": "0", "record_version": 1}}}""");
        assertEquals("2", only(s, "a").versionText());
    }

    @Test
    void infoAfterPackagesStillAppliesBaseUrl() {
        SubdirRepodata s = RepodataParser.parse(
                new ByteArrayInputStream("""
                {"packages": {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0"}},
                 "info": {"subdir": "osx-64", "base_url": "https://cdn.example.org/pkgs"}}""".getBytes(StandardCharsets.UTF_8)),
                CH,
                CH + "/osx-64/repodata.json",
                null,
                "late-info.json");
        PackageRecord a = only(s, "a");
        assertEquals("https://cdn.example.org/pkgs/a-1-0.tar.bz2", a.url());
        assertEquals("osx-64", a.subdir());
        assertEquals("osx-64", s.subdir());
    }

    @Test
    void repeatedStringsAndListsAreShared() {
        SubdirRepodata s = parseText("""
                {"packages": {
                  "a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "py_0", "depends": ["python >=3.8"],
                                    "license": "MIT"},
                  "a-1-1.tar.bz2": {"name": "a", "version": "1", "build": "py_1", "depends": ["python >=3.8"],
                                    "license": "MIT"},
                  "b-1-0.tar.bz2": {"name": "b", "version": "1", "build": "py_0",
                                    "depends": ["python >=3.8", "a"], "license": "MIT"}}}""");
        List<PackageRecord> as = s.byName().get("a");
        PackageRecord b = only(s, "b");
        assertSame(as.get(0).depends(), as.get(1).depends(), "equal depends lists are one instance");
        assertSame(as.get(0).depends().get(0), b.depends().get(0), "dependency strings are pooled");
        assertSame(as.get(0).license(), b.license());
        assertSame(as.get(0).versionText(), b.versionText());
        assertSame(as.get(0).build(), b.build());
    }

    @Test
    void emptyDocumentAndEmptyObjectAreEmpty() {
        assertEquals(0, parseText("").size());
        assertEquals(0, parseText("{}").size());
        assertEquals("linux-64", parseText("{}").subdir());
    }

    @Test
    void malformedJsonNamesTheSourceAndLocation() {
        RepodataException e = assertThrows(RepodataException.class, () -> parseText("""
                {"packages": {
                  "a-1-0.tar.bz2": {"name": "a", "version": "1",, "build": "0"}}}"""));
        assertTrue(e.getMessage().startsWith("malformed repodata test.json at line 2, column "), e.getMessage());
        RepodataException truncated = assertThrows(
                RepodataException.class, () -> parseText("{\"packages\": {\"a-1-0.tar.bz2\": {\"name\": \"a\""));
        assertTrue(truncated.getMessage().contains("test.json"), truncated.getMessage());
        RepodataException notObject = assertThrows(RepodataException.class, () -> parseText("[1, 2]"));
        assertTrue(notObject.getMessage().contains("expected a JSON object at the top level"), notObject.getMessage());
        RepodataException badField = assertThrows(RepodataException.class, () -> parseText("""
                {"packages": {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0",
                  "depends": "x", "build_number": "many"}}}"""));
        assertTrue(
                badField.getMessage().contains("line 2")
                        && badField.getMessage().contains("'build_number' must be a number"),
                badField.getMessage());
        RepodataException badDepends = assertThrows(RepodataException.class, () -> parseText("""
                {"packages": {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0", "depends": [1]}}}"""));
        assertTrue(badDepends.getMessage().contains("'depends' entries must be strings"), badDepends.getMessage());
    }
}
