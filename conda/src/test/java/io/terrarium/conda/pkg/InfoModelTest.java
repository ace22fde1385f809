package io.terrarium.conda.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.types.PackageRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoModelTest {
    @TempDir
    Path tmp;

    private static InputStream utf8(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsARealPathsJsonAndWritesItBackUnchanged() throws Exception {
        Path file = PackageCacheTest.testdata().resolve("rattler/test-data/conda-22.9.0-py38haa244fe_2-paths.json");
        PathsJson paths;
        try (InputStream in = Files.newInputStream(file)) {
            paths = PathsJson.parse(in);
        }
        assertEquals(420, paths.paths().size());
        assertEquals(7, paths.paths().stream().filter(PathEntry::hasPrefix).count());
        PathEntry first = paths.paths().get(0);
        assertEquals("Lib/site-packages/conda-22.9.0-py3.8.egg-info/PKG-INFO", first.path());
        assertEquals(1229, first.sizeInBytes());
        assertEquals(PathType.HARDLINK, first.pathType());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        paths.write(out);
        assertEquals(Json.parse(Files.readString(file)), Json.parse(out.toString(StandardCharsets.UTF_8)));
    }

    @Test
    void pathsJsonDefaultsAndErrors() throws Exception {
        PathsJson p = PathsJson.parse(utf8("{\"paths\": [{\"_path\": \"./bin//x\"}, {\"_path\": \"lib/l\", "
                + "\"path_type\": \"softlink\"}, {\"_path\": \"etc/c\", \"prefix_placeholder\": \"/ph\", "
                + "\"file_mode\": \"binary\", \"no_link\": true}], \"paths_version\": 1}"));
        PathEntry x = p.paths().get(0);
        assertEquals("bin/x", x.path());
        assertEquals(PathType.HARDLINK, x.pathType());
        assertNull(x.sha256());
        assertEquals(-1, x.sizeInBytes());
        assertEquals(PathType.SOFTLINK, p.paths().get(1).pathType());
        PathEntry c = p.paths().get(2);
        assertEquals(FileMode.BINARY, c.fileMode());
        assertTrue(c.noLink());
        assertEquals("/ph", c.prefixPlaceholder());

        assertTrue(assertThrows(
                        InvalidPackageException.class,
                        () -> PathsJson.parse(utf8("{\"paths\": [{\"_path\": \"../../etc/passwd\"}]}")))
                .getMessage()
                .contains("paths[0]: path with a '..'"));
        assertTrue(assertThrows(
                        InvalidPackageException.class,
                        () -> PathsJson.parse(utf8("{\"paths\": [{\"_path\": \"/abs\"}]}")))
                .getMessage()
                .contains("absolute"));
        assertTrue(assertThrows(
                        InvalidPackageException.class,
                        () -> PathsJson.parse(utf8("{\"paths\": [{\"_path\": \"a\", \"path_type\": \"pipe\"}]}")))
                .getMessage()
                .contains("unknown path_type 'pipe'"));
        assertTrue(assertThrows(
                        InvalidPackageException.class,
                        () -> PathsJson.parse(utf8("{\"paths\": [{\"_path\": \"a\"}, {\"_path\": \"./a\"}]}")))
                .getMessage()
                .contains("twice"));
        assertTrue(assertThrows(InvalidPackageException.class, () -> PathsJson.parse(utf8("{\"paths_version\": 2}")))
                .getMessage()
                .contains("unsupported paths_version 2"));
        assertTrue(assertThrows(InvalidPackageException.class, () -> PathsJson.parse(utf8("{\"paths\": [}")))
                .getMessage()
                .contains("line 1"));
    }

    @Test
    void legacyFilesHasPrefixAndNoLink() throws Exception {
        String files = "bin/tool\nlib/libx.so\nshare/a b.txt\netc/conf\n\n";
        String hasPrefix =
                "bin/tool\n" + "/build/prefix binary lib/libx.so\n" + "\"/opt/with space\" text \"share/a b.txt\"\n";
        PathsJson p = PathsJson.fromLegacy(files, hasPrefix, "etc/conf\n", null);
        Map<String, PathEntry> m = p.byPath();
        assertEquals(4, m.size());
        assertEquals(PathsJson.LEGACY_PLACEHOLDER, m.get("bin/tool").prefixPlaceholder());
        assertEquals(FileMode.TEXT, m.get("bin/tool").fileMode());
        assertEquals("/build/prefix", m.get("lib/libx.so").prefixPlaceholder());
        assertEquals(FileMode.BINARY, m.get("lib/libx.so").fileMode());
        assertEquals("/opt/with space", m.get("share/a b.txt").prefixPlaceholder());
        assertTrue(m.get("etc/conf").noLink());
        assertNull(m.get("etc/conf").prefixPlaceholder());
        InvalidPackageException e =
                assertThrows(InvalidPackageException.class, () -> PathsJson.fromLegacy("a\n", "x y\n", null, null));
        assertTrue(e.getMessage().contains("info/has_prefix line 1"), e.getMessage());
    }

    @Test
    void aLegacyPackageIsReadFromDisk() throws Exception {
        Path dir = PackageFixture.of("old", "0.1")
                .legacyMetadata()
                .textFile("etc/old.conf", "p=" + PackageFixture.PREFIX + "\n")
                .binaryWithPrefix("lib/libold.so")
                .symlink("lib/libold.so.0", "libold.so")
                .noLink("etc/old.conf")
                .placeholder(PackageFixture.LEGACY_PLACEHOLDER)
                .buildDir(tmp.resolve("old"));
        assertTrue(Files.notExists(dir.resolve("info/paths.json")));
        Map<String, PathEntry> m = PathsJson.read(dir).byPath();
        assertEquals(PathType.SOFTLINK, m.get("lib/libold.so.0").pathType());
        assertEquals(FileMode.BINARY, m.get("lib/libold.so").fileMode());
        assertEquals(PathsJson.LEGACY_PLACEHOLDER, m.get("etc/old.conf").prefixPlaceholder());
        assertTrue(m.get("etc/old.conf").noLink());
    }

    @Test
    void indexJsonKeepsUnknownFieldsAndNormalises() throws Exception {
        Path file = PackageCacheTest.testdata().resolve("rattler/test-data/conda-22.11.1-py38haa244fe_1-index.json");
        IndexJson ij;
        try (InputStream in = Files.newInputStream(file)) {
            ij = IndexJson.parse(in);
        }
        assertEquals("conda-22.11.1-py38haa244fe_1", ij.dist());
        assertEquals(1, ij.buildNumber());
        assertEquals(12, ij.depends().size());
        assertEquals(5, ij.constrains().size());
        assertEquals("win-64", ij.subdir());
        assertEquals(1670456742050L, ij.timestamp());
        assertEquals("win", ij.extra().get("platform"));
        assertEquals(Json.readObject(file), ij.toJson());
        PackageRecord r = ij.toRecordBuilder().build();
        assertEquals("x86_64", r.extra().get("arch"));
        // repodata-style fields present in this index.json land in the record, not in its extras
        assertEquals("9987c96161034575f5a9c2be848960c5", r.md5());
        assertEquals(928900, r.size());
        assertTrue(!r.extra().containsKey("sha256") && !r.extra().containsKey("size"));
        assertEquals(r, RepodataRecordJson.fromJson(RepodataRecordJson.toJson(r)));
        assertEquals(
                r.sha256(),
                RepodataRecordJson.fromJson(RepodataRecordJson.toJson(r)).sha256());
        assertEquals(ij.depends(), r.depends());

        IndexJson legacy = IndexJson.parse(utf8("{\"name\": \"n\", \"version\": 1.0, \"build_string\": \"b\", "
                + "\"noarch\": true, \"track_features\": \"a,b  c\", \"depends\": null}"));
        assertEquals("1.0", legacy.version());
        assertEquals("b", legacy.build());
        assertEquals("generic", legacy.noarch());
        assertEquals(List.of("a", "b", "c"), legacy.trackFeatures());
        assertEquals(List.of(), legacy.depends());
        assertTrue(assertThrows(InvalidPackageException.class, () -> IndexJson.parse(utf8("{\"version\": \"1\"}")))
                .getMessage()
                .contains("no 'name'"));
        assertTrue(assertThrows(
                        InvalidPackageException.class,
                        () -> IndexJson.parse(utf8("{\"name\": \"n\", \"version\": \"1\", \"depends\": \"x\"}")))
                .getMessage()
                .contains("'depends'"));
    }

    @Test
    void linkJsonEntryPoints() throws Exception {
        Path dir = PackageCacheTest.testdata().resolve("rattler/test-data/link-json");
        LinkJson jl;
        try (InputStream in = Files.newInputStream(dir.resolve("jupyterlab-link.json"))) {
            jl = LinkJson.parse(in);
        }
        assertEquals("python", jl.noarchType());
        assertEquals(4, jl.entryPoints().size());
        LinkJson.EntryPoint ep = jl.entryPoints().get(1);
        assertEquals("jupyter-lab", ep.command());
        assertEquals("jupyterlab.labapp", ep.module());
        assertEquals("main", ep.function());
        assertEquals("jupyter-lab = jupyterlab.labapp:main", ep.toString());
        try (InputStream in = Files.newInputStream(dir.resolve("tzdata-link.json"))) {
            LinkJson tz = LinkJson.parse(in);
            assertEquals("generic", tz.noarchType());
            assertEquals(List.of(), tz.entryPoints());
        }
        assertEquals(Json.readObject(dir.resolve("jupyterlab-link.json")), jl.toJson());
        for (String bad : List.of("../evil = m:f", "cmd = os; import x:f", "cmd = m:f()", "no-colon = m.f", "x = :f")) {
            assertThrows(
                    InvalidPackageException.class,
                    () -> LinkJson.parse(
                            utf8("{\"noarch\": {\"type\": \"python\", \"entry_points\": [\"" + bad + "\"]}}")),
                    bad);
        }
    }

    @Test
    void safePathsLexicalChecks() {
        assertEquals("a/b", SafePaths.checkRelative("./a//b/"));
        for (String bad : List.of("", "/x", "a/../..", "..", "C:/x", "a\0b", ".")) {
            assertThrows(IllegalArgumentException.class, () -> SafePaths.checkRelative(bad), bad);
        }
        assertTrue(SafePaths.linkStaysInside("lib/a", "../bin/x"));
        assertTrue(!SafePaths.linkStaysInside("lib/a", "../../x"));
        assertTrue(!SafePaths.linkStaysInside("a", "/etc"));
        assertEquals(Path.of("/r/a/b"), SafePaths.resolveInside(Path.of("/r"), "a/b"));
    }
}
