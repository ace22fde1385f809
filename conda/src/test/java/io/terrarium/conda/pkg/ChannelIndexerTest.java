package io.terrarium.conda.pkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.types.PackageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelIndexerTest {
    @TempDir
    Path tmp;

    @Test
    void indexesEachSubdirLikeCondaIndex() throws Exception {
        FixtureChannel ch = FixtureChannel.at(tmp.resolve("ch"))
                .add(
                        PackageFixture.of("tool", "1.2", "h1_0")
                                .depends("libfoo >=2")
                                .prefixScript("bin/tool"),
                        PackageFormat.CONDA,
                        PackageFormat.TAR_BZ2)
                .add(PackageFixture.of("pylib", "0.3", "pyh_0")
                        .noarchPython()
                        .sitePackagesFile("pylib/__init__.py", "")
                        .entryPoint("pylib = pylib:main"));
        assertEquals(List.of("linux-64", "noarch"), ChannelIndexer.index(ch.dir()));
        Map<String, Object> linux = Json.readObject(ch.dir().resolve("linux-64/repodata.json"));
        assertEquals(Map.of("subdir", "linux-64"), linux.get("info"));
        Map<String, Object> rec =
                Json.asObject(Json.asObject(linux.get("packages.conda")).get("tool-1.2-h1_0.conda"));
        Path archive = ch.archive("linux-64", "tool-1.2-h1_0.conda");
        String[] sums = Digests.of(archive);
        assertEquals(sums[0], rec.get("md5"));
        assertEquals(sums[1], rec.get("sha256"));
        assertEquals(Files.size(archive), rec.get("size"));
        assertEquals(List.of("libfoo >=2"), rec.get("depends"));
        assertEquals("h1_0", rec.get("build"));
        assertTrue(Json.asObject(linux.get("packages")).containsKey("tool-1.2-h1_0.tar.bz2"));
        Map<String, Object> noarch = Json.readObject(ch.dir().resolve("noarch/repodata.json"));
        Map<String, Object> py =
                Json.asObject(Json.asObject(noarch.get("packages.conda")).get("pylib-0.3-pyh_0.conda"));
        assertEquals("python", py.get("noarch"));
        assertEquals(List.of("python"), py.get("depends"));

        PackageRecord r = ch.record("tool-1.2-h1_0.tar.bz2");
        assertEquals(ch.url() + "/linux-64/tool-1.2-h1_0.tar.bz2", r.url());
        assertEquals(ch.url(), r.channel());
        assertEquals(3, ch.records().size());
    }

    @Test
    void anEmptyChannelGetsAnEmptyNoarchRepodata() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        ChannelIndexer.index(dir);
        Map<String, Object> rd = Json.readObject(dir.resolve("noarch/repodata.json"));
        assertEquals(Map.of(), rd.get("packages"));
        assertEquals(Map.of(), rd.get("packages.conda"));
        assertEquals(1L, rd.get("repodata_version"));
        try (var zst = new com.github.luben.zstd.ZstdInputStream(
                Files.newInputStream(dir.resolve("noarch/repodata.json.zst")))) {
            assertArrayEquals(
                    Files.readAllBytes(dir.resolve("noarch/repodata.json")),
                    zst.readAllBytes(),
                    "the .zst HTTP clients ask for first holds the same document");
        }
    }

    @Test
    void aPackageInTheWrongSubdirIsAnError() throws Exception {
        Path archive = PackageFixture.of("misplaced", "1.0").writeTo(tmp.resolve("ch/osx-64"), PackageFormat.CONDA);
        InvalidPackageException e =
                assertThrows(InvalidPackageException.class, () -> ChannelIndexer.index(tmp.resolve("ch")));
        assertTrue(e.getMessage().contains("says subdir 'linux-64' but the file sits in 'osx-64'"), e.getMessage());
        assertTrue(e.getMessage().contains(archive.getFileName().toString()));
    }
}
