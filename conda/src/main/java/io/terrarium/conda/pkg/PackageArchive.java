package io.terrarium.conda.pkg;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.json.JsonFormatException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * A conda package archive on disk ({@code .tar.bz2} or {@code .conda}), read by streaming: extraction into a
 * directory, or just the {@code info/} metadata (for a {@code .conda} without decompressing the payload).
 */
public final class PackageArchive {
    private static final int BUFFER = 64 * 1024;
    /** Most bytes one info/ file may hold when read into memory. */
    private static final long MAX_INFO_FILE = 64L << 20;

    private final Path file;
    private final PackageFormat format;

    private PackageArchive(Path file, PackageFormat format) {
        this.file = file;
        this.format = format;
    }

    /** Opens an archive, telling the format from the file name. */
    public static PackageArchive open(Path file) throws IOException {
        PackageFormat format = PackageFormat.ofFileName(file.getFileName().toString());
        if (format == null) {
            throw new InvalidPackageException(
                    file + " is not a conda package: its name ends neither in .tar.bz2 nor .conda");
        }
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such package file");
        }
        return new PackageArchive(file, format);
    }

    public Path file() {
        return file;
    }

    public PackageFormat format() {
        return format;
    }

    /** {@code name-version-build}, from the file name. */
    public String stem() {
        return PackageFormat.stem(file.getFileName().toString());
    }

    /** Extracts into {@code destination} (empty or absent) with the default limits. */
    public ExtractionResult extractTo(Path destination) throws IOException {
        return extractTo(destination, ExtractionLimits.DEFAULT, null);
    }

    /**
     * Extracts into {@code destination} (empty or absent). {@code progress}, if given, receives the number of archive
     * bytes consumed so far. On any error the destination may hold a partial tree: callers extract into a temporary
     * directory and delete it on failure (as {@link PackageCache} does).
     */
    public ExtractionResult extractTo(Path destination, ExtractionLimits limits, LongConsumer progress)
            throws IOException {
        TarExtractor extractor = new TarExtractor(destination, limits);
        try {
            if (format == PackageFormat.TAR_BZ2) {
                try (InputStream raw = Files.newInputStream(file)) {
                    ProgressInputStream counted =
                            new ProgressInputStream(new BufferedInputStream(raw, BUFFER), 0, progress);
                    extractor.extract(bzip2(counted), counted::count);
                }
            } else {
                try (ZipFile zip = openZip()) {
                    CondaMembers members = CondaMembers.find(zip, file);
                    long done = 0;
                    // info first: a reader that stops early still has the metadata
                    for (ZipArchiveEntry member : new ZipArchiveEntry[] {members.info, members.pkg}) {
                        if (member == null) {
                            continue;
                        }
                        try (InputStream raw = zip.getInputStream(member)) {
                            ProgressInputStream counted = new ProgressInputStream(raw, done, progress);
                            extractor.extract(zstd(counted), counted::count);
                            done += counted.count();
                        }
                    }
                }
            }
        } catch (PackageException e) {
            throw withFile(e);
        } catch (IOException e) {
            throw new InvalidPackageException(file + ": cannot read the archive: " + e.getMessage(), e);
        }
        try {
            return extractor.finish();
        } catch (PackageException e) {
            throw withFile(e);
        }
    }

    private PackageException withFile(PackageException e) {
        String msg = file.getFileName() + ": " + e.getMessage();
        if (e instanceof UnsafePackageException) {
            return new UnsafePackageException(msg);
        }
        if (e instanceof PackageIntegrityException) {
            return new PackageIntegrityException(msg);
        }
        return new InvalidPackageException(msg, e);
    }

    /** The package's {@code info/index.json}. */
    public IndexJson readIndex() throws IOException {
        byte[] bytes = readInfoFile("index.json");
        if (bytes == null) {
            throw new InvalidPackageException(file + " has no info/index.json");
        }
        try {
            return IndexJson.parse(new ByteArrayInputStream(bytes));
        } catch (InvalidPackageException e) {
            throw new InvalidPackageException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of {@code info/<relative>}, or null when the package has no such file. */
    public byte[] readInfoFile(String relative) throws IOException {
        String wanted = "info/" + SafePaths.checkRelative(relative);
        Map<String, byte[]> found = readInfo(wanted);
        return found.get(wanted);
    }

    /** Every regular file under {@code info/} ('/' separated names including the {@code info/} prefix). */
    public Map<String, byte[]> readInfo() throws IOException {
        return readInfo(null);
    }

    private Map<String, byte[]> readInfo(String only) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            if (format == PackageFormat.TAR_BZ2) {
                try (InputStream raw = Files.newInputStream(file)) {
                    collectInfo(bzip2(new BufferedInputStream(raw, BUFFER)), only, out);
                }
            } else {
                try (ZipFile zip = openZip()) {
                    CondaMembers members = CondaMembers.find(zip, file);
                    if (members.info == null) {
                        throw new InvalidPackageException(file + " has no info-*.tar.zst member");
                    }
                    try (InputStream raw = zip.getInputStream(members.info)) {
                        collectInfo(zstd(raw), only, out);
                    }
                }
            }
        } catch (PackageException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidPackageException(file + ": cannot read the archive: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(out);
    }

    private void collectInfo(InputStream tarStream, String only, Map<String, byte[]> out) throws IOException {
        TarHeaderGuard guard = new TarHeaderGuard(tarStream);
        byte[] skipBuffer = new byte[BUFFER];
        try (TarArchiveInputStream tar = new TarArchiveInputStream(guard)) {
            TarArchiveEntry e;
            while (true) {
                guard.enterHeader();
                e = tar.getNextEntry();
                guard.leaveHeader();
                if (e == null) {
                    break;
                }
                if (!e.isFile()) {
                    skip(tar, skipBuffer);
                    continue;
                }
                String name;
                try {
                    name = SafePaths.checkRelative(e.getName());
                } catch (IllegalArgumentException bad) {
                    throw new UnsafePackageException(
                            file.getFileName() + ": refusing archive entry: " + bad.getMessage());
                }
                if (!name.startsWith("info/") || (only != null && !only.equals(name))) {
                    skip(tar, skipBuffer);
                    continue;
                }
                if (e.getSize() > MAX_INFO_FILE) {
                    throw new UnsafePackageException(file.getFileName() + ": " + name + " declares " + e.getSize()
                            + " bytes, more than an info file may hold (" + MAX_INFO_FILE + ")");
                }
                ByteArrayOutputStream buf = new ByteArrayOutputStream((int) e.getSize());
                tar.transferTo(buf);
                out.put(name, buf.toByteArray());
                if (only != null) {
                    return; // found: stop before decompressing the rest
                }
            }
        }
    }

    /** Reads the rest of the current entry's data here, outside the header guard. */
    private static void skip(TarArchiveInputStream tar, byte[] buffer) throws IOException {
        while (tar.read(buffer) > 0) {
            // discard
        }
    }

    private ZipFile openZip() throws IOException {
        try {
            return ZipFile.builder().setPath(file).get();
        } catch (IOException e) {
            throw new InvalidPackageException(file + " is not a valid .conda (zip) file: " + e.getMessage(), e);
        }
    }

    private static InputStream bzip2(InputStream in) throws IOException {
        // pbzip2/lbzip2 write several concatenated streams
        return new BZip2CompressorInputStream(in, true);
    }

    private static InputStream zstd(InputStream in) throws IOException {
        ZstdInputStreamNoFinalizer z = new ZstdInputStreamNoFinalizer(in, RecyclingBufferPool.INSTANCE);
        return new BufferedInputStream(z, BUFFER);
    }

    /** The members of a {@code .conda} zip, found by name (order and folder nesting vary between writers). */
    private static final class CondaMembers {
        ZipArchiveEntry info;
        ZipArchiveEntry pkg;

        static CondaMembers find(ZipFile zip, Path file) throws IOException {
            CondaMembers m = new CondaMembers();
            var entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (base.equals("metadata.json")) {
                    checkMetadata(zip, e, file);
                } else if (base.startsWith("info-") && base.endsWith(".tar.zst")) {
                    if (m.info != null) {
                        throw new InvalidPackageException(file + " holds two info-*.tar.zst members");
                    }
                    m.info = e;
                } else if (base.startsWith("pkg-") && base.endsWith(".tar.zst")) {
                    if (m.pkg != null) {
                        throw new InvalidPackageException(file + " holds two pkg-*.tar.zst members");
                    }
                    m.pkg = e;
                }
            }
            if (m.info == null && m.pkg == null) {
                throw new InvalidPackageException(
                        file + " is not a .conda package: no info-*.tar.zst or pkg-*.tar.zst member");
            }
            return m;
        }

        private static void checkMetadata(ZipFile zip, ZipArchiveEntry e, Path file) throws IOException {
            if (e.getSize() > 1 << 20) {
                throw new InvalidPackageException(file + ": metadata.json is implausibly large");
            }
            try (InputStream in = zip.getInputStream(e)) {
                Object tree = Json.parse(in);
                if (tree instanceof Map) {
                    long v = Json.integer(Json.asObject(tree), "conda_pkg_format_version", 2);
                    if (v != 2) {
                        throw new InvalidPackageException(
                                file + ": unsupported conda_pkg_format_version " + v + " (this reader knows 2)");
                    }
                }
            } catch (JsonFormatException bad) {
                throw new InvalidPackageException(file + ": invalid metadata.json: " + bad.getMessage(), bad);
            }
        }
    }

    /** Counts consumed archive bytes and reports them to an optional progress callback. */
    private static final class ProgressInputStream extends java.io.FilterInputStream {
        private final long base;
        private final LongConsumer progress;
        private long count;
        private long reported;

        ProgressInputStream(InputStream in, long base, LongConsumer progress) {
            super(in);
            this.base = base;
            this.progress = progress;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(long n) {
            count += n;
            if (progress != null && count - reported >= BUFFER) {
                reported = count;
                progress.accept(base + count);
            }
        }
    }
}
