package io.terrarium.conda.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplicitEnvironmentTest {
    @Test
    void readsEveryRealExplicitFileAndRoundTripsIt() throws IOException {
        List<Path> files;
        try (Stream<Path> a = Files.list(TestData.path("rattler/test-data/explicit-envs"));
                Stream<Path> b = Files.list(TestData.path("rattler/test-data/python"));
                Stream<Path> c = Files.list(TestData.path("conda-libmamba-solver"))) {
            files = Stream.of(a, b, c)
                    .flatMap(s -> s)
                    .filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".lock"))
                    .sorted()
                    .toList();
        }
        assertEquals(16, files.size(), files.toString());
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            long urls = lines.stream().filter(l -> l.startsWith("http")).count();
            String platform = lines.stream()
                    .filter(l -> l.startsWith("# platform: "))
                    .findFirst()
                    .orElseThrow()
                    .substring("# platform: ".length())
                    .strip();
            ExplicitEnvironment env = ExplicitEnvironment.read(f);
            assertEquals(urls, env.records().size(), f.toString());
            assertEquals(platform, env.platform(), f.toString());
            for (PackageRecord r : env.records()) {
                assertTrue(r.url().startsWith("https://"), r.url());
                assertTrue(r.fn().endsWith(".conda") || r.fn().endsWith(".tar.bz2"), r.fn());
                assertTrue(r.subdir().equals(platform) || r.subdir().equals("noarch"), f + ": " + r.url());
            }
            ExplicitEnvironment again = ExplicitEnvironment.parse(env.render(), "rendered", Map.of());
            assertEquals(env.records(), again.records(), f.toString());
            assertEquals(
                    env.records().stream().map(PackageRecord::md5).toList(),
                    again.records().stream().map(PackageRecord::md5).toList());
        }
    }

    @Test
    void readsHashesOfEveryForm() {
        String md5 = "d7c89558ba9fa0495403155b64376d81";
        String sha = "fe51de6107f9edc7aa4f786a70f4a883943bc9d39b3bb7307c04c41410990726";
        ExplicitEnvironment env = ExplicitEnvironment.parse("""
                # platform: linux-64
                @EXPLICIT
                https://c/linux-64/a-1-0.tar.bz2#%s
                https://c/linux-64/b-1-0.conda#%s
                https://c/linux-64/c-1-0.conda#sha256:%s
                https://c/noarch/d-1-0.conda
                """.formatted(md5, sha, sha.toUpperCase()), "t", Map.of());
        List<PackageRecord> r = env.records();
        assertEquals(md5, r.get(0).md5());
        assertNull(r.get(0).sha256());
        assertEquals(sha, r.get(1).sha256());
        assertEquals(sha, r.get(2).sha256());
        assertNull(r.get(3).md5());
        assertNull(r.get(3).sha256());
        List<String> written =
                env.render(ExplicitEnvironment.HashKind.SHA256).lines().toList();
        assertEquals(
                List.of(
                        "@EXPLICIT",
                        "https://c/linux-64/a-1-0.tar.bz2#" + md5,
                        "https://c/linux-64/b-1-0.conda#" + sha,
                        "https://c/linux-64/c-1-0.conda#" + sha,
                        "https://c/noarch/d-1-0.conda"),
                written.subList(3, 8));
    }

    @Test
    void expandsVariablesAndLocalPaths(@TempDir Path dir) {
        ExplicitEnvironment env = ExplicitEnvironment.parse(
                "@EXPLICIT\n${CHAN}/linux-64/a-1-0.conda\n" + dir.resolve("noarch/b-2-py_0.tar.bz2") + "\n",
                "t",
                Map.of("CHAN", "file:///srv/chan"));
        assertEquals(
                "file:///srv/chan/linux-64/a-1-0.conda", env.records().get(0).url());
        assertEquals(
                dir.resolve("noarch/b-2-py_0.tar.bz2").toUri().toString(),
                env.records().get(1).url());
        assertEquals("noarch", env.records().get(1).subdir());
        assertEquals("b", env.records().get(1).name());
    }

    @Test
    void badFilesGetErrorsNamingTheLine() {
        var noMarker = assertThrows(
                LockfileFormatException.class,
                () -> ExplicitEnvironment.parse("# platform: linux-64\n", "env.txt", Map.of()));
        assertTrue(noMarker.getMessage().contains("no @EXPLICIT line"), noMarker.getMessage());
        var specList = assertThrows(
                LockfileFormatException.class,
                () -> ExplicitEnvironment.parse("numpy=1.2\n@EXPLICIT\n", "env.txt", Map.of()));
        assertTrue(specList.getMessage().startsWith("env.txt line 1:"), specList.getMessage());
        var badHash = assertThrows(
                LockfileFormatException.class,
                () -> ExplicitEnvironment.parse(
                        "@EXPLICIT\nhttps://c/linux-64/a-1-0.conda#abc\n", "env.txt", Map.of()));
        assertTrue(
                badHash.getMessage().startsWith("env.txt line 2:")
                        && badHash.getMessage().contains("not a checksum"),
                badHash.getMessage());
        var notPkg = assertThrows(
                LockfileFormatException.class,
                () -> ExplicitEnvironment.parse("@EXPLICIT\n\nhttps://c/linux-64/a.whl\n", "env.txt", Map.of()));
        assertTrue(notPkg.getMessage().startsWith("env.txt line 3:"), notPkg.getMessage());
    }

    @Test
    void writesAtomicallyAndRefusesRecordsWithoutUrl(@TempDir Path dir) throws IOException {
        PackageRecord a = PackageRecord.builder("a", "1")
                .build("0")
                .url("https://c/linux-64/a-1-0.conda")
                .md5("d7c89558ba9fa0495403155b64376d81")
                .build();
        Path out = dir.resolve("sub/env.txt");
        new ExplicitEnvironment("linux-64", List.of(a)).write(out, ExplicitEnvironment.HashKind.MD5);
        assertEquals("""
                # This file may be used to create an environment using:
                # $ conda create --name <env> --file <this file>
                # platform: linux-64
                @EXPLICIT
                https://c/linux-64/a-1-0.conda#d7c89558ba9fa0495403155b64376d81
                """, Files.readString(out));
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
        PackageRecord noUrl = PackageRecord.builder("b", "1").build("0").build();
        var e = assertThrows(
                LockfileFormatException.class, () -> new ExplicitEnvironment("linux-64", List.of(noUrl)).render());
        assertTrue(e.getMessage().contains("b-1-0") && e.getMessage().contains("no URL"), e.getMessage());
    }
}
