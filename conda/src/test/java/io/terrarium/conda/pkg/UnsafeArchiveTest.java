package io.terrarium.conda.pkg;

import static io.terrarium.conda.pkg.HostileArchives.dir;
import static io.terrarium.conda.pkg.HostileArchives.file;
import static io.terrarium.conda.pkg.HostileArchives.hardlink;
import static io.terrarium.conda.pkg.HostileArchives.indexEntry;
import static io.terrarium.conda.pkg.HostileArchives.lyingFile;
import static io.terrarium.conda.pkg.HostileArchives.special;
import static io.terrarium.conda.pkg.HostileArchives.symlink;
import static io.terrarium.conda.pkg.HostileArchives.tar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnsafeArchiveTest {
    @TempDir
    Path tmp;

    /** Extracts into tmp/box/dest and checks that box holds nothing but dest afterwards. */
    private <T extends Throwable> T rejects(Class<T> type, byte[] tarBytes, ExtractionLimits limits)
            throws IOException {
        Path box = Files.createTempDirectory(tmp, "box");
        Path dest = box.resolve("dest");
        T e = assertThrows(type, () -> TarExtractor.extractTar(new ByteArrayInputStream(tarBytes), dest, limits));
        try (Stream<Path> s = Files.list(box)) {
            assertEquals(List.of(dest), s.toList(), "something was written beside the destination");
        }
        return e;
    }

    private UnsafePackageException unsafe(HostileArchives.Entry... entries) throws IOException {
        return rejects(UnsafePackageException.class, tar(entries), ExtractionLimits.DEFAULT);
    }

    @Test
    void condaTraversalFixturesAreRefusedRawAndAsTarBz2() throws Exception {
        Path dir = PackageCacheTest.testdata().resolve("conda/tar_traversal");
        List<Path> fixtures;
        try (Stream<Path> s = Files.list(dir)) {
            fixtures = s.filter(p -> p.toString().endsWith(".tar")).sorted().toList();
        }
        assertEquals(8, fixtures.size());
        boolean mooExisted = Files.exists(Path.of("/tmp/moo"));
        for (Path t : fixtures) {
            byte[] bytes = Files.readAllBytes(t);
            UnsafePackageException e = rejects(UnsafePackageException.class, bytes, ExtractionLimits.DEFAULT);
            assertTrue(e.getMessage().startsWith("refusing"), t + ": " + e.getMessage());
            Path pkg = tmp.resolve(t.getFileName().toString().replace(".tar", "") + "-1.0-0.tar.bz2");
            Files.write(pkg, HostileArchives.bzip2(bytes));
            Path dest = tmp.resolve("x-" + t.getFileName());
            UnsafePackageException e2 = assertThrows(
                    UnsafePackageException.class, () -> PackageArchive.open(pkg).extractTo(dest));
            assertTrue(e2.getMessage().startsWith(pkg.getFileName().toString()), e2.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("moo")));
        assertEquals(mooExisted, Files.exists(Path.of("/tmp/moo")));
    }

    @Test
    void messagesNameTheEntryAndTheReason() throws Exception {
        assertEquals(
                "refusing archive entry: path with a '..' component: 'a/../../x'",
                unsafe(file("a/../../x", "x")).getMessage());
        assertEquals(
                "refusing symbolic link 'lib/l' -> '../../etc/passwd': it points outside the package",
                unsafe(symlink("lib/l", "../../etc/passwd")).getMessage());
    }

    @Test
    void hardLinksMustPointAtFilesExtractedBefore() throws Exception {
        assertTrue(unsafe(hardlink("h", "../outside")).getMessage().contains("'..'"));
        assertTrue(unsafe(hardlink("h", "/etc/passwd")).getMessage().contains("absolute"));
        assertTrue(unsafe(hardlink("h", "later")).getMessage().contains("not a file extracted before"));
        assertTrue(unsafe(symlink("s", "."), hardlink("h", "s")).getMessage().contains("not a file extracted before"));
        // a legitimate hard link works and shares the inode
        Path dest = tmp.resolve("ok");
        ExtractionResult r = TarExtractor.extractTar(
                new ByteArrayInputStream(tar(file("a", "data"), hardlink("b", "a"))), dest, ExtractionLimits.DEFAULT);
        assertEquals(r.files().get("a"), r.files().get("b"));
        assertEquals(
                Files.getAttribute(dest.resolve("a"), "unix:ino"), Files.getAttribute(dest.resolve("b"), "unix:ino"));
    }

    @Test
    void symlinksAreFollowedThroughOtherLinks() throws Exception {
        // each step looks harmless alone
        unsafe(symlink("cur", "."), symlink("par", "cur/.."));
        unsafe(symlink("a", "b/c"), symlink("b", "."), symlink("x", "a/../.."));
        // a later link changes where an earlier one leads: caught by the final re-check
        unsafe(symlink("x", "d/.."), symlink("d", "."));
        unsafe(symlink("loop1", "loop2/x"), symlink("loop2", "loop1/y"), symlink("z", "loop1/../.."));
        // links inside the package are fine, dangling ones too (they may point at another package's file)
        Path dest = tmp.resolve("ok");
        TarExtractor.extractTar(
                new ByteArrayInputStream(tar(
                        file("lib/libz.so.1.2", "elf"),
                        symlink("lib/libz.so", "libz.so.1.2"),
                        symlink("lib/libother.so", "libother.so.3"),
                        symlink("bin/up", "../lib/libz.so"))),
                dest,
                ExtractionLimits.DEFAULT);
        assertEquals("elf", Files.readString(dest.resolve("bin/up")));
    }

    @Test
    void nothingIsWrittenBeneathASymlink() throws Exception {
        UnsafePackageException e = unsafe(dir("real"), symlink("lib", "real"), file("lib/x", "x"));
        assertTrue(e.getMessage().contains("beneath the symbolic link 'lib'"), e.getMessage());
        unsafe(symlink("lib", "real"), dir("lib/sub"));
    }

    @Test
    void devicesAndFifosAreRefused() throws Exception {
        for (byte type : new byte[] {TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO}) {
            assertTrue(unsafe(special("dev/thing", type)).getMessage().contains("device files and fifos"));
        }
    }

    @Test
    void decompressionBombsAreStopped() throws Exception {
        // declared size beyond the total cap: refused before writing anything
        ExtractionLimits small = ExtractionLimits.DEFAULT.withMaxTotalBytes(1 << 20);
        UnsafePackageException e = rejects(UnsafePackageException.class, tar(lyingFile("huge", 1L << 40, 0)), small);
        assertTrue(e.getMessage().contains("declares 1099511627776 bytes"), e.getMessage());
        // many files that add up beyond the cap
        byte[] half = new byte[600 << 10];
        rejects(UnsafePackageException.class, tar(file("a", half, 0644), file("b", half, 0644)), small);
        // a highly compressed stream of zeros: the ratio guard trips
        Path bomb = tmp.resolve("bomb-1.0-0.tar.bz2");
        HostileArchives.tarBz2(bomb, indexEntry("bomb"), file("zeros", new byte[16 << 20], 0644));
        ExtractionLimits ratio = ExtractionLimits.DEFAULT.withRatio(100, 1 << 20);
        UnsafePackageException b = assertThrows(
                UnsafePackageException.class,
                () -> PackageArchive.open(bomb).extractTo(tmp.resolve("bomb"), ratio, null));
        assertTrue(b.getMessage().contains("ratio limit of 100:1"), b.getMessage());
        // too many entries
        HostileArchives.Entry[] many = new HostileArchives.Entry[20];
        for (int i = 0; i < many.length; i++) {
            many[i] = file("f" + i, "x");
        }
        rejects(UnsafePackageException.class, tar(many), new ExtractionLimits(1 << 20, 10, 1000, 1 << 20));
    }

    @Test
    void aGiganticLongNameOrPaxHeaderIsRefusedBeforeItIsBuffered() throws Exception {
        for (byte type : new byte[] {TarConstants.LF_GNUTYPE_LONGNAME, TarConstants.LF_PAX_EXTENDED_HEADER_LC}) {
            long size = 64L << 20;
            byte[] header = tar(new HostileArchives.Entry("././@LongLink", type, null, new byte[0], size, 0644));
            byte fill = type == TarConstants.LF_PAX_EXTENDED_HEADER_LC ? (byte) '1' : (byte) 'a';
            InputStream endless = new InputStream() {
                long left = size + 4096;

                @Override
                public int read() {
                    return left-- > 0 ? fill : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left <= 0) {
                        return -1;
                    }
                    int k = (int) Math.min(len, left);
                    java.util.Arrays.fill(b, off, off + k, fill);
                    left -= k;
                    return k;
                }
            };
            InputStream stream = new java.io.SequenceInputStream(new ByteArrayInputStream(header, 0, 512), endless);
            UnsafePackageException e = assertThrows(
                    UnsafePackageException.class,
                    () -> TarExtractor.extractTar(stream, tmp.resolve("ln-" + type), ExtractionLimits.DEFAULT));
            assertTrue(e.getMessage().contains("runs past 1048576 bytes"), e.getMessage());
        }
    }

    @Test
    void aHeaderDeclaringMoreThanTheDataIsATruncatedArchive() throws Exception {
        InvalidPackageException e =
                rejects(InvalidPackageException.class, tar(lyingFile("short", 100_000, 100)), ExtractionLimits.DEFAULT);
        assertTrue(e.getMessage().contains("short"), e.getMessage());
    }

    @Test
    void aCondaWithATraversalInItsPayloadIsRefused() throws Exception {
        Path pkg = HostileArchives.conda(
                tmp.resolve("evil-1.0-0.conda"),
                new HostileArchives.Entry[] {indexEntry("evil")},
                new HostileArchives.Entry[] {file("bin/ok", "ok"), file("../../evil", "boom")});
        UnsafePackageException e = assertThrows(
                UnsafePackageException.class, () -> PackageArchive.open(pkg).extractTo(tmp.resolve("evil")));
        assertTrue(e.getMessage().contains("'../../evil'"), e.getMessage());
        assertFalse(Files.exists(tmp.getParent().resolve("evil")));
    }

    @Test
    void specialModeBitsAreDroppedAndExecuteBitsKept() throws Exception {
        Path dest = tmp.resolve("modes");
        TarExtractor.extractTar(
                new ByteArrayInputStream(tar(
                        file("bin/suid", "x".getBytes(), 04755),
                        file("share/ro", "y".getBytes(), 0444),
                        file("share/ww", "z".getBytes(), 0666))),
                dest,
                ExtractionLimits.DEFAULT);
        assertEquals(
                "rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("bin/suid"))));
        assertEquals(
                "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("share/ro"))));
        assertEquals(
                "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("share/ww"))));
    }

    @Test
    void theRawTarEntryPointExtractsAnOrdinaryTar() throws Exception {
        Path dest = tmp.resolve("plain");
        try (InputStream in = new ByteArrayInputStream(tar(file("./a/b.txt", "hi"), dir("./empty")))) {
            ExtractionResult r = TarExtractor.extractTar(in, dest, ExtractionLimits.DEFAULT);
            assertEquals(2, r.bytes());
        }
        assertEquals("hi", Files.readString(dest.resolve("a/b.txt")));
        assertTrue(Files.isDirectory(dest.resolve("empty")));
    }
}
