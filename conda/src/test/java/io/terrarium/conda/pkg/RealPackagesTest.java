package io.terrarium.conda.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real packages from conda's, conda-package-handling's, rattler's and mamba's test data. */
class RealPackagesTest {
    @TempDir
    Path tmp;

    private final Path td = PackageCacheTest.testdata();

    @Test
    void zlibInBothFormatsGivesIdenticalTreesOnEveryPlatform() throws Exception {
        for (String pkg : List.of(
                "linux-64/zlib-1.2.11-h7b6447c_3",
                "osx-64/zlib-1.2.11-h1de35cc_3",
                "win-32/zlib-1.2.11-h62dcd97_3",
                "win-64/zlib-1.2.11-h62dcd97_3")) {
            Path base = td.resolve("conda/conda_format_repo").resolve(pkg);
            Path a = tmp.resolve(pkg + "-conda");
            Path b = tmp.resolve(pkg + "-bz2");
            PackageArchive.open(Path.of(base + ".conda")).extractTo(a);
            PackageArchive.open(Path.of(base + ".tar.bz2")).extractTo(b);
            // the .tar.bz2 also ships info/recipe/; the payload and the metadata both read must agree
            List<String> diffs = TreeDiff.sameTree(a, b).stream()
                    .filter(d -> !d.contains("info/recipe"))
                    .toList();
            assertEquals(List.of(), diffs, pkg);
            assertEquals(
                    PackageInfo.read(a).paths().paths(),
                    PackageInfo.read(b).paths().paths());
        }
        // the .conda's symlinks have empty targets (an early writer's bug): they become the empty files its twin has
        Path lib = tmp.resolve("linux-64/zlib-1.2.11-h7b6447c_3-conda/lib");
        assertEquals(0, Files.size(lib.resolve("libz.so")));
        assertEquals(133384, Files.size(lib.resolve("libz.so.1.2.11")));
    }

    @Test
    void mockInBothFormatsGivesIdenticalTrees() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        ExtractionResult ra = PackageArchive.open(td.resolve("conda-package-handling/mock-2.0.0-py37_1000.conda"))
                .extractTo(a);
        ExtractionResult rb = PackageArchive.open(td.resolve("conda-package-handling/mock-2.0.0-py37_1000.tar.bz2"))
                .extractTo(b);
        assertEquals(List.of(), TreeDiff.sameTree(a, b));
        assertEquals(ra.files(), rb.files());
        PackageInfo info = PackageInfo.read(a);
        assertEquals("mock", info.index().name());
        assertEquals(32, info.paths().paths().size());
    }

    @Test
    void rattlerEdgeCaseArchives() throws Exception {
        Path sparse = td.resolve("rattler/test-data/sparse");
        ExtractionResult sym = PackageArchive.open(sparse.resolve("symlink-test-1.0.0-0.conda"))
                .extractTo(tmp.resolve("sym"));
        assertEquals("libreal.so.1", sym.symlinks().get("lib/liblink.so"));
        assertEquals(sym.files().get("lib/libreal.so.1"), sym.files().get("lib/libhard.so"));
        assertEquals(
                Files.getAttribute(tmp.resolve("sym/lib/libreal.so.1"), "unix:ino"),
                Files.getAttribute(tmp.resolve("sym/lib/libhard.so"), "unix:ino"));
        assertEquals(
                "zip64-test",
                PackageArchive.open(sparse.resolve("zip64-test-1.0.0-0.conda"))
                        .readIndex()
                        .name());
        PackageArchive.open(sparse.resolve("zip64-test-1.0.0-0.conda")).extractTo(tmp.resolve("z64"));
        assertTrue(Files.isRegularFile(tmp.resolve("z64/bin/hello.txt")));
        ExtractionResult sp =
                PackageArchive.open(sparse.resolve("sparse-test-1.0.0-0.conda")).extractTo(tmp.resolve("sp"));
        assertEquals(150000, sp.files().get("lib/blob.bin").size());
        PackageArchive.open(sparse.resolve("dotslash-test-1.0.0-0.conda")).extractTo(tmp.resolve("dot"));
        assertTrue(Files.isRegularFile(tmp.resolve("dot/lib/data.txt")));
        // a .conda without payload member: only info/ (cph cannot read it at all)
        PackageArchive.open(sparse.resolve("info-only-1.0.0-0.conda")).extractTo(tmp.resolve("io"));
        try (Stream<Path> s = Files.list(tmp.resolve("io"))) {
            assertEquals(List.of(tmp.resolve("io/info")), s.toList());
        }
    }

    @Test
    void everyRealPackageGoesThroughTheCacheAndMatchesItsPathsJson() throws Exception {
        List<Path> archives;
        try (Stream<Path> s = Files.walk(td)) {
            archives = s.filter(p -> PackageFormat.ofFileName(p.getFileName().toString()) != null)
                    .filter(p -> !p.getFileName().toString().startsWith("repodata"))
                    .sorted()
                    .toList();
        }
        assertTrue(archives.size() >= 60, "found only " + archives.size() + " package archives in " + td);
        // one cache for all: same-named packages of different subdirs get entries of their own
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        for (Path archive : archives) {
            PackageArchive pa = PackageArchive.open(archive);
            IndexJson index = pa.readIndex();
            Path dir = cache.extract(archive);
            assertEquals(Digests.of(archive)[1], RepodataRecordJson.read(dir).sha256());
            assertEquals(index.name(), IndexJson.read(dir).name(), archive.toString());
            assertEquals(pa.stem(), dir.getFileName().toString());
            for (PathEntry e : PathsJson.read(dir).paths()) {
                assertTrue(
                        Files.exists(dir.resolve(e.path()), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                                || e.pathType() == PathType.SOFTLINK,
                        archive + ": " + e.path());
            }
        }
        try (Stream<Path> s = Files.walk(cache.dir(), 3)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "temporary files left");
        }
    }

    @Test
    void testRecipesKeepTheirLinkScriptsAndNoarchMetadata() throws Exception {
        Path noarch = td.resolve("conda/test-recipes/noarch");
        Path post = new PackageCache(tmp.resolve("pkgs")).extract(noarch.resolve("post_link-c-1.0-0.conda"));
        assertTrue(Files.isExecutable(post.resolve("bin/.post_link-c-post-link.sh")));
        Path py = new PackageCache(tmp.resolve("pkgs")).extract(noarch.resolve("sample_noarch_python-1.0-py_0.conda"));
        PackageInfo info = PackageInfo.read(py);
        assertEquals("python", info.noarch());
        assertTrue(info.paths().paths().stream().anyMatch(e -> e.path().startsWith("site-packages/")));
        Path small = new PackageCache(tmp.resolve("pkgs")).extract(noarch.resolve("small-executable-1.0-0.conda"));
        Map<String, PathEntry> paths = PackageInfo.read(small).paths().byPath();
        assertFalse(paths.isEmpty());
    }
}
