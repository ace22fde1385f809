package io.terrarium.conda.pkg;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Writes conda packages ({@code .tar.bz2} and {@code .conda}) from a directory holding {@code info/} and the payload.
 *
 * <p>Output is deterministic: entries sorted by path ({@code info/} first in a {@code .tar.bz2}, as conda-build
 * does, so streaming readers meet the metadata early), owner 0/0 without names, modes and symbolic links kept,
 * modification times either the files' own or one fixed time ({@link #fixedTime}). Regular files, symbolic links and
 * empty directories are written; the result appears atomically (temporary file + rename).
 */
public final class PackageWriter {
    private static final int BUFFER = 64 * 1024;

    private int zstdLevel = 19;
    private int bzip2BlockSize = 9;
    private FileTime fixedTime;

    /** zstd level for {@code .conda} members (conda-package-handling uses 19; lower is faster). */
    public PackageWriter zstdLevel(int level) {
        this.zstdLevel = level;
        return this;
    }

    /** bzip2 block size 1..9 (x100k). */
    public PackageWriter bzip2BlockSize(int size) {
        this.bzip2BlockSize = size;
        return this;
    }

    /** Use one modification time for every entry (reproducible archives); null keeps the files' times. */
    public PackageWriter fixedTime(FileTime time) {
        this.fixedTime = time;
        return this;
    }

    /**
     * Writes {@code <outputDir>/<name>-<version>-<build><ext>} from {@code sourceDir}, naming it after its
     * {@code info/index.json}, and returns the written file.
     */
    public Path write(Path sourceDir, Path outputDir, PackageFormat format) throws IOException {
        IndexJson index = IndexJson.read(sourceDir);
        Files.createDirectories(outputDir);
        Path out = outputDir.resolve(index.dist() + format.extension());
        if (format == PackageFormat.TAR_BZ2) {
            writeTarBz2(sourceDir, out);
        } else {
            writeConda(sourceDir, out);
        }
        return out;
    }

    /** Writes a {@code .tar.bz2} holding everything under {@code sourceDir}. */
    public void writeTarBz2(Path sourceDir, Path outFile) throws IOException {
        List<String> entries = list(sourceDir);
        List<String> ordered = new ArrayList<>();
        entries.stream().filter(PackageWriter::isInfo).forEach(ordered::add);
        entries.stream().filter(e -> !isInfo(e)).forEach(ordered::add);
        atomically(outFile, tmp -> {
            try (OutputStream file = Files.newOutputStream(tmp);
                    BufferedOutputStream buffered = new BufferedOutputStream(file, BUFFER)) {
                BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(buffered, bzip2BlockSize);
                writeTar(sourceDir, ordered, bz);
                bz.finish(); // finish() does not flush what it leaves in the buffer: the outer close does
            }
        });
    }

    /**
     * Writes a {@code .conda}: {@code metadata.json}, then {@code info-<stem>.tar.zst} (the {@code info/} folder) and
     * {@code pkg-<stem>.tar.zst} (the rest), stored without zip compression; the stem comes from the file name.
     */
    public void writeConda(Path sourceDir, Path outFile) throws IOException {
        String stem = PackageFormat.stem(outFile.getFileName().toString());
        List<String> entries = list(sourceDir);
        List<String> info = entries.stream().filter(PackageWriter::isInfo).toList();
        List<String> pkg = entries.stream().filter(e -> !isInfo(e)).toList();
        Path dir = outFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path infoTmp = Files.createTempFile(dir, ".info-", ".tar.zst");
        Path pkgTmp = Files.createTempFile(dir, ".pkg-", ".tar.zst");
        try {
            long infoCrc = writeTarZst(sourceDir, info, infoTmp);
            long pkgCrc = writeTarZst(sourceDir, pkg, pkgTmp);
            atomically(outFile, tmp -> {
                try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(tmp)) {
                    zip.setUseZip64(Zip64Mode.AsNeeded);
                    storeMember(
                            zip, "metadata.json", "{\"conda_pkg_format_version\": 2}".getBytes(StandardCharsets.UTF_8));
                    storeMember(zip, "info-" + stem + ".tar.zst", infoTmp, infoCrc);
                    storeMember(zip, "pkg-" + stem + ".tar.zst", pkgTmp, pkgCrc);
                    zip.finish();
                }
            });
        } finally {
            Files.deleteIfExists(infoTmp);
            Files.deleteIfExists(pkgTmp);
        }
    }

    /** Writes a zstd-compressed tar of {@code entries}; returns the CRC-32 of the file written, for its zip member. */
    private long writeTarZst(Path sourceDir, List<String> entries, Path out) throws IOException {
        CRC32 crc = new CRC32();
        try (OutputStream file = new CheckedOutputStream(Files.newOutputStream(out), crc);
                BufferedOutputStream buffered = new BufferedOutputStream(file, BUFFER);
                ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(buffered, zstdLevel)) {
            z.setChecksum(true);
            writeTar(sourceDir, entries, z);
        }
        return crc.getValue();
    }

    private void storeMember(ZipArchiveOutputStream zip, String name, byte[] content) throws IOException {
        ZipArchiveEntry e = storedEntry(name, content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setCrc(crc.getValue());
        zip.putArchiveEntry(e);
        zip.write(content);
        zip.closeArchiveEntry();
    }

    private void storeMember(ZipArchiveOutputStream zip, String name, Path content, long crc) throws IOException {
        ZipArchiveEntry e = storedEntry(name, Files.size(content));
        e.setCrc(crc);
        zip.putArchiveEntry(e);
        try (InputStream in = Files.newInputStream(content)) {
            in.transferTo(zip);
        }
        zip.closeArchiveEntry();
    }

    private ZipArchiveEntry storedEntry(String name, long size) {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setMethod(ZipArchiveEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setTime(fixedTime != null ? fixedTime.toMillis() : System.currentTimeMillis());
        return e;
    }

    private void writeTar(Path sourceDir, List<String> entries, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (String rel : entries) {
            Path p = sourceDir.resolve(rel);
            TarArchiveEntry e;
            boolean regular = false;
            if (Files.isSymbolicLink(p)) {
                e = new TarArchiveEntry(rel, TarConstants.LF_SYMLINK);
                e.setLinkName(Files.readSymbolicLink(p).toString());
                e.setMode(0120777);
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                e = new TarArchiveEntry(rel + "/");
                e.setMode(040000 | mode(p));
            } else {
                e = new TarArchiveEntry(rel);
                regular = true;
                e.setSize(Files.size(p));
                e.setMode(0100000 | mode(p));
            }
            e.setUserId(0);
            e.setGroupId(0);
            e.setUserName("");
            e.setGroupName("");
            FileTime t = fixedTime != null ? fixedTime : Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
            e.setModTime(t);
            tar.putArchiveEntry(e);
            if (regular) {
                try (InputStream in = Files.newInputStream(p)) {
                    in.transferTo(tar);
                }
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
    }

    private static int mode(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        int m = 0;
        for (PosixFilePermission perm : perms) {
            m |= switch (perm) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return m;
    }

    private static boolean isInfo(String rel) {
        return rel.equals("info") || rel.startsWith("info/");
    }

    /** Regular files, symlinks and empty directories under {@code dir}, '/' separated, sorted. */
    static List<String> list(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("info").resolve("index.json"))) {
            throw new InvalidPackageException(dir + " has no info/index.json: not a package directory");
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(dir)) {
                    continue;
                }
                boolean keep = !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || isEmptyDir(p);
                if (keep) {
                    out.add(relative(dir, p));
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /**
     * The {@code paths.json} of a package directory's payload (everything outside {@code info/}): SHA-256 and size of
     * every file, symbolic links as softlinks (hashed through their target when it exists), empty directories, and
     * files containing {@code placeholder} (if not null) marked for prefix replacement, in binary mode when they
     * hold a NUL byte (conda-build's rule), text mode otherwise.
     */
    public static PathsJson scanPayload(Path packageDir, String placeholder) throws IOException {
        byte[] needle = placeholder == null ? null : placeholder.getBytes(StandardCharsets.UTF_8);
        List<PathEntry> entries = new ArrayList<>();
        for (String rel : list(packageDir)) {
            if (isInfo(rel)) {
                continue;
            }
            Path p = packageDir.resolve(rel);
            if (Files.isSymbolicLink(p)) {
                String sha = null;
                long size = -1;
                if (Files.isRegularFile(p)) {
                    sha = Sha256.of(p);
                    size = Files.size(p);
                }
                entries.add(new PathEntry(rel, PathType.SOFTLINK, sha, size, null, FileMode.TEXT, false));
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                entries.add(new PathEntry(rel, PathType.DIRECTORY, null, -1, null, FileMode.TEXT, false));
            } else {
                byte[] content = Files.readAllBytes(p);
                String prefix = null;
                FileMode mode = FileMode.TEXT;
                if (needle != null && indexOf(content, needle) >= 0) {
                    prefix = placeholder;
                    mode = indexOf(content, new byte[] {0}) >= 0 ? FileMode.BINARY : FileMode.TEXT;
                }
                entries.add(
                        new PathEntry(rel, PathType.HARDLINK, Sha256.of(content), content.length, prefix, mode, false));
            }
        }
        return PathsJson.of(entries);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private interface FileWork {
        void write(Path tmp) throws IOException;
    }

    private static void atomically(Path outFile, FileWork work) throws IOException {
        Path dir = outFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + outFile.getFileName(), ".tmp");
        try {
            work.write(tmp);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
