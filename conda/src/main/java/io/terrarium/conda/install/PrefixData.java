package io.terrarium.conda.install;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.json.JsonFormatException;
import io.terrarium.conda.types.PackageRecord;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The records installed in a prefix, read from {@code conda-meta/*.json} (conda's {@code PrefixData}).
 *
 * <p>AppleDouble {@code ._*} files and non-JSON files are ignored, as conda does; any other file that does not parse
 * is a {@link CorruptPrefixRecordException} naming it.
 */
public final class PrefixData {
    /** The directory holding installed records. */
    public static final String CONDA_META = "conda-meta";

    private final Path prefix;
    private final Map<String, PrefixRecord> byName;

    private PrefixData(Path prefix, Map<String, PrefixRecord> byName) {
        this.prefix = prefix;
        this.byName = byName;
    }

    /** Reads every record of a prefix; a prefix without {@code conda-meta} has none. */
    public static PrefixData load(Path prefix) throws IOException {
        Path meta = prefix.resolve(CONDA_META);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(meta)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(meta, "*.json")) {
                for (Path p : ds) {
                    String fn = p.getFileName().toString();
                    if (!fn.startsWith("._") && !fn.startsWith(".") && Files.isRegularFile(p)) {
                        files.add(p);
                    }
                }
            }
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        Map<String, PrefixRecord> byName = new LinkedHashMap<>();
        for (Path p : files) {
            PrefixRecord r = readFile(p);
            byName.put(r.record().name(), r);
        }
        return new PrefixData(prefix, byName);
    }

    /** Whether a directory is a conda environment ({@code conda-meta/history} exists). */
    public static boolean isEnvironment(Path prefix) {
        return Files.isRegularFile(prefix.resolve(CONDA_META).resolve("history"));
    }

    /** Parsed records by file, reused while the file's identity, size and modification time are unchanged. */
    private static final Map<Path, Cached> CACHE = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Cached> eldest) {
            return size() > 20_000;
        }
    });

    private record Cached(Object fileKey, long size, FileTime modified, PrefixRecord record) {}

    /**
     * Reads one conda-meta file. Records are immutable, so a file read before and unchanged since (same inode, size
     * and modification time; conda-meta files are only ever replaced whole) is not parsed again: a batch step that
     * opens a transaction per record does not re-read the whole environment each time.
     */
    public static PrefixRecord readFile(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        BasicFileAttributes attrs = Files.readAttributes(key, BasicFileAttributes.class);
        Cached c = CACHE.get(key);
        if (c != null
                && c.size() == attrs.size()
                && c.modified().equals(attrs.lastModifiedTime())
                && java.util.Objects.equals(c.fileKey(), attrs.fileKey())) {
            return c.record();
        }
        PrefixRecord r = parseFile(key);
        CACHE.put(key, new Cached(attrs.fileKey(), attrs.size(), attrs.lastModifiedTime(), r));
        return r;
    }

    private static PrefixRecord parseFile(Path file) throws IOException {
        try {
            return PrefixRecord.fromJson(Json.readObject(file));
        } catch (JsonFormatException e) {
            throw new CorruptPrefixRecordException(file, e.getMessage(), e);
        } catch (CharConversionException e) {
            throw new CorruptPrefixRecordException(file, "not valid UTF-8: " + e.getMessage(), e);
        }
    }

    /** The installed record of {@code record}'s dist ({@code conda-meta/<dist>.json}), if that file exists. */
    public static Optional<PrefixRecord> read(Path prefix, PackageRecord record) throws IOException {
        Path file = prefix.resolve(CONDA_META).resolve(PrefixRecord.fileName(record));
        try {
            return Optional.of(readFile(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public Path prefix() {
        return prefix;
    }

    /** Installed records sorted by conda-meta file name. */
    public List<PrefixRecord> records() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** The installed record of a package name. */
    public Optional<PrefixRecord> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The installed package records (without link details). */
    public List<PackageRecord> packageRecords() {
        return byName.values().stream().map(PrefixRecord::record).toList();
    }
}
