package io.terrarium.conda.pkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.testing.PackageFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageArchiveTest {
    @TempDir
    Path tmp;

    private static PackageFixture sample() {
        return PackageFixture.of("hello", "1.0", "h1_0")
                .depends("libzlib >=1.2")
                .prefixScript("bin/hello")
                .textFile("etc/hello.conf", "root=" + PackageFixture.PREFIX + "\n")
                .binaryWithPrefix("lib/libhello.so")
                .symlink("lib/libhello.so.1", "libhello.so")
                .emptyDirectory("var/empty")
                .textFile("share/doc/readme.txt", "plain\n");
    }

    @Test
    void bothFormatsRoundTripToTheSameTree() throws Exception {
        for (PackageFormat format : PackageFormat.values()) {
            Path archive = sample().writeTo(tmp.resolve("out"), format);
            assertEquals(
                    "hello-1.0-h1_0" + format.extension(), archive.getFileName().toString());
            Path dest = tmp.resolve("x-" + format);
            ExtractionResult r = PackageArchive.open(archive).extractTo(dest);
            assertEquals("libhello.so", r.symlinks().get("lib/libhello.so.1"));
            assertTrue(Files.isExecutable(dest.resolve("bin/hello")));
            assertFalse(Files.isExecutable(dest.resolve("share/doc/readme.txt")));
            assertTrue(Files.isDirectory(dest.resolve("var/empty")));
            PackageInfo info = PackageInfo.read(dest);
            assertEquals("hello", info.index().name());
            Map<String, PathEntry> paths = info.paths().byPath();
            assertEquals(FileMode.BINARY, paths.get("lib/libhello.so").fileMode());
            assertEquals(FileMode.TEXT, paths.get("etc/hello.conf").fileMode());
            assertEquals(PackageFixture.LONG_PLACEHOLDER, paths.get("bin/hello").prefixPlaceholder());
            assertNull(paths.get("share/doc/readme.txt").prefixPlaceholder());
            assertEquals(PathType.SOFTLINK, paths.get("lib/libhello.so.1").pathType());
            assertEquals(PathType.DIRECTORY, paths.get("var/empty").pathType());
            for (PathEntry e : info.paths().paths()) {
                if (e.pathType() == PathType.HARDLINK) {
                    assertEquals(e.sha256(), r.files().get(e.path()).sha256(), e.path());
                }
            }
        }
        assertTrue(TreeDiff.sameTree(tmp.resolve("x-TAR_BZ2"), tmp.resolve("x-CONDA"))
                .isEmpty());
    }

    @Test
    void readsInfoWithoutExtracting() throws Exception {
        for (PackageFormat format : PackageFormat.values()) {
            PackageArchive a = PackageArchive.open(sample().writeTo(tmp, format));
            assertEquals("hello-1.0-h1_0", a.readIndex().dist());
            assertEquals(java.util.List.of("libzlib >=1.2"), a.readIndex().depends());
            assertNull(a.readInfoFile("missing.json"));
            byte[] paths = a.readInfoFile("paths.json");
            assertTrue(new String(paths, StandardCharsets.UTF_8).contains("\"paths_version\": 1"));
            assertTrue(a.readInfo().containsKey("info/index.json"));
        }
    }

    @Test
    void condaMembersAreFoundByNameInAnyOrderAndFolder() throws Exception {
        Path pkg = HostileArchives.conda(
                tmp.resolve("nested-1.0-0.conda"),
                "some/folder/",
                new HostileArchives.Entry[] {HostileArchives.indexEntry("nested")},
                new HostileArchives.Entry[] {HostileArchives.file("bin/tool", "tool")});
        PackageArchive a = PackageArchive.open(pkg);
        assertEquals("nested", a.readIndex().name());
        a.extractTo(tmp.resolve("nested"));
        assertEquals("tool", Files.readString(tmp.resolve("nested/bin/tool")));
    }

    @Test
    void badArchivesGiveClearErrors() throws Exception {
        Path notZip = Files.writeString(tmp.resolve("junk-1.0-0.conda"), "not a zip");
        InvalidPackageException e = assertThrows(
                InvalidPackageException.class, () -> PackageArchive.open(notZip).extractTo(tmp.resolve("j1")));
        assertTrue(e.getMessage().contains("junk-1.0-0.conda"), e.getMessage());
        Path notBz2 = Files.writeString(tmp.resolve("junk-1.0-0.tar.bz2"), "not bzip2");
        InvalidPackageException e2 = assertThrows(
                InvalidPackageException.class, () -> PackageArchive.open(notBz2).extractTo(tmp.resolve("j2")));
        assertTrue(
                e2.getMessage().contains("junk-1.0-0.tar.bz2")
                        && e2.getMessage().contains("BZip2"),
                e2.getMessage());
        assertTrue(assertThrows(InvalidPackageException.class, () -> PackageArchive.open(tmp.resolve("x.zip")))
                .getMessage()
                .contains("neither in .tar.bz2 nor .conda"));
        Path noIndex = HostileArchives.tarBz2(tmp.resolve("noindex-1.0-0.tar.bz2"), HostileArchives.file("bin/x", "x"));
        assertTrue(assertThrows(
                        InvalidPackageException.class,
                        () -> PackageArchive.open(noIndex).readIndex())
                .getMessage()
                .contains("has no info/index.json"));
    }

    @Test
    void writerIsDeterministic() throws Exception {
        for (PackageFormat format : PackageFormat.values()) {
            Path a = sample().writeTo(tmp.resolve("a"), format);
            Path b = sample().writeTo(tmp.resolve("b"), format);
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), format.toString());
        }
    }
}
