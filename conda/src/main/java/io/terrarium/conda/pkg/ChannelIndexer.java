package io.terrarium.conda.pkg;

import com.github.luben.zstd.ZstdOutputStream;
import io.terrarium.conda.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes the {@code repodata.json} (and its {@code .zst}) of a local channel directory from the packages it holds,
 * like {@code conda index}:
 * every {@code <channel>/<subdir>/*.tar.bz2} and {@code *.conda} contributes its {@code info/index.json} plus
 * {@code md5}, {@code sha256} and {@code size} of the archive; {@code noarch/repodata.json} is always written (empty
 * when the channel has no noarch packages).
 */
public final class ChannelIndexer {
    private static final int ZSTD_LEVEL = 16;

    private ChannelIndexer() {}

    /** Indexes every subdirectory of {@code channelDir} that holds packages, plus {@code noarch}; returns the subdirs. */
    public static List<String> index(Path channelDir) throws IOException {
        if (!Files.isDirectory(channelDir)) {
            throw new java.nio.file.NoSuchFileException(
                    channelDir.toString(), null, "channel directory does not exist");
        }
        List<String> subdirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(channelDir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".") && holdsPackages(p)) {
                    subdirs.add(p.getFileName().toString());
                }
            }
        }
        if (!subdirs.contains("noarch")) {
            subdirs.add("noarch");
        }
        for (String subdir : subdirs) {
            indexSubdir(channelDir.resolve(subdir));
        }
        return subdirs;
    }

    private static boolean holdsPackages(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> PackageFormat.ofFileName(p.getFileName().toString()) != null);
        }
    }

    /** Writes {@code <subdirDir>/repodata.json} for the packages in it (creating the directory if needed). */
    public static Map<String, Object> indexSubdir(Path subdirDir) throws IOException {
        Files.createDirectories(subdirDir);
        String subdir = subdirDir.getFileName().toString();
        Map<String, Object> tarBz2 = new TreeMap<>();
        Map<String, Object> conda = new TreeMap<>();
        try (Stream<Path> s = Files.list(subdirDir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String fn = p.getFileName().toString();
                PackageFormat format = PackageFormat.ofFileName(fn);
                if (format == null || !Files.isRegularFile(p) || fn.startsWith(".")) {
                    continue;
                }
                Map<String, Object> rec = record(p, subdir);
                (format == PackageFormat.CONDA ? conda : tarBz2).put(fn, rec);
            }
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("subdir", subdir);
        Map<String, Object> repodata = new LinkedHashMap<>();
        repodata.put("info", info);
        repodata.put("packages", tarBz2);
        repodata.put("packages.conda", conda);
        repodata.put("removed", List.of());
        repodata.put("repodata_version", 1);
        Path out = subdirDir.resolve("repodata.json");
        Path tmp = Files.createTempFile(subdirDir, ".repodata", ".tmp");
        try {
            Json.writeFile(tmp, repodata);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        writeZst(out);
        return repodata;
    }

    /**
     * Writes {@code repodata.json.zst} beside {@code json}: the form HTTP clients ask for first, a tenth of the size
     * (a channel directory served over HTTP is fetched as conda-forge is).
     */
    private static void writeZst(Path json) throws IOException {
        Path out = json.resolveSibling("repodata.json.zst");
        Path tmp = Files.createTempFile(json.getParent(), ".repodata", ".zst.tmp");
        try {
            try (InputStream in = Files.newInputStream(json);
                    OutputStream zst = new ZstdOutputStream(Files.newOutputStream(tmp), ZSTD_LEVEL)) {
                in.transferTo(zst);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The repodata record of one archive: its index.json with checksums and size added. */
    public static Map<String, Object> record(Path archive, String subdir) throws IOException {
        IndexJson index = PackageArchive.open(archive).readIndex();
        String fn = archive.getFileName().toString();
        if (!PackageFormat.stem(fn).equals(index.dist())) {
            throw new InvalidPackageException(
                    archive + ": file name does not match its info/index.json (" + index.dist() + ")");
        }
        if (index.subdir() != null && !index.subdir().equals(subdir)) {
            throw new InvalidPackageException(archive + ": info/index.json says subdir '" + index.subdir()
                    + "' but the file sits in '" + subdir + "'");
        }
        Map<String, Object> rec = new TreeMap<>(index.toJson());
        rec.put("subdir", subdir);
        rec.putIfAbsent("depends", List.of());
        String[] sums = Digests.of(archive);
        rec.put("md5", sums[0]);
        rec.put("sha256", sums[1]);
        rec.put("size", Files.size(archive));
        return rec;
    }
}
