package io.terrarium.conda.pkg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/** Hand-made tar streams with whatever headers a test needs, including lies no honest writer produces. */
final class HostileArchives {
    private HostileArchives() {}

    /** One tar entry: name, type flag, link target, content, and the size its header declares. */
    record Entry(String name, byte type, String linkName, byte[] content, long declaredSize, int mode) {}

    static Entry file(String name, String content) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return new Entry(name, TarConstants.LF_NORMAL, null, b, b.length, 0644);
    }

    static Entry file(String name, byte[] content, int mode) {
        return new Entry(name, TarConstants.LF_NORMAL, null, content, content.length, mode);
    }

    /** A header declaring {@code declared} bytes followed by only {@code actual} bytes of data. */
    static Entry lyingFile(String name, long declared, int actual) {
        return new Entry(name, TarConstants.LF_NORMAL, null, new byte[actual], declared, 0644);
    }

    static Entry symlink(String name, String target) {
        return new Entry(name, TarConstants.LF_SYMLINK, target, new byte[0], 0, 0777);
    }

    static Entry hardlink(String name, String target) {
        return new Entry(name, TarConstants.LF_LINK, target, new byte[0], 0, 0644);
    }

    static Entry special(String name, byte type) {
        return new Entry(name, type, null, new byte[0], 0, 0644);
    }

    static Entry dir(String name) {
        return new Entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, null, new byte[0], 0, 0755);
    }

    static Entry indexEntry(String name) {
        return file(
                "info/index.json",
                "{\"name\": \"" + name + "\", \"version\": \"1.0\", \"build\": \"0\", "
                        + "\"build_number\": 0, \"depends\": []}");
    }

    /** Raw tar bytes; data is written as given even when the header declares another size. */
    static byte[] tar(Entry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry e : entries) {
            TarArchiveEntry t = new TarArchiveEntry(e.name(), e.type(), true);
            if (e.linkName() != null) {
                t.setLinkName(e.linkName());
            }
            t.setSize(e.declaredSize());
            t.setMode(e.mode());
            byte[] header = new byte[512];
            t.writeEntryHeader(
                    header, ZipEncodingHelper.getZipEncoding("UTF-8"), true); // star mode: big sizes in binary
            out.writeBytes(header);
            out.writeBytes(e.content());
            int pad = (512 - e.content().length % 512) % 512;
            out.writeBytes(new byte[pad]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    static byte[] bzip2(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out)) {
            bz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] data) throws IOException {
        return com.github.luben.zstd.Zstd.compress(data, 3);
    }

    static Path tarBz2(Path file, Entry... entries) throws IOException {
        Files.write(file, bzip2(tar(entries)));
        return file;
    }

    /** A .conda whose info tar holds {@code info} and whose pkg tar holds {@code pkg}. */
    static Path conda(Path file, Entry[] info, Entry[] pkg) throws IOException {
        return conda(file, "", info, pkg);
    }

    /** A .conda whose members sit under {@code folder} (empty for the root), payload member first. */
    static Path conda(Path file, String folder, Entry[] info, Entry[] pkg) throws IOException {
        String stem = PackageFormat.stem(file.getFileName().toString());
        try (OutputStream os = Files.newOutputStream(file);
                ZipArchiveOutputStream zip = new ZipArchiveOutputStream(os)) {
            store(zip, folder + "pkg-" + stem + ".tar.zst", zstd(tar(pkg)));
            store(zip, folder + "metadata.json", "{\"conda_pkg_format_version\": 2}".getBytes(StandardCharsets.UTF_8));
            store(zip, folder + "info-" + stem + ".tar.zst", zstd(tar(info)));
        }
        return file;
    }

    private static void store(ZipArchiveOutputStream zip, String name, byte[] data) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setMethod(ZipArchiveEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putArchiveEntry(e);
        zip.write(data);
        zip.closeArchiveEntry();
    }
}
