package io.terrarium.conda.pkg;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.json.JsonFormatException;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a {@link PackageRecord} as conda writes it into an extracted package's
 * {@code info/repodata_record.json}: the repodata fields plus {@code fn}, {@code url}, {@code channel} and the
 * archive's {@code md5}, {@code sha256} and {@code size}; keys sorted as conda writes them.
 */
public final class RepodataRecordJson {
    /** File name of the record inside an extracted package's {@code info/}. */
    public static final String FILE_NAME = "repodata_record.json";

    private RepodataRecordJson() {}

    /** The record as a JSON tree. */
    public static Map<String, Object> toJson(PackageRecord r) {
        Map<String, Object> m = new TreeMap<>();
        for (Map.Entry<String, Object> e : r.extra().entrySet()) {
            if (e.getValue() != null) {
                m.put(e.getKey(), e.getValue());
            }
        }
        m.put("name", r.name());
        m.put("version", r.versionText());
        m.put("build", r.build());
        m.put("build_number", r.buildNumber());
        m.put("depends", r.depends());
        m.put("constrains", r.constrains());
        if (!r.trackFeatures().isEmpty()) {
            m.put("track_features", String.join(",", r.trackFeatures()));
        }
        if (!r.features().isEmpty()) {
            m.put("features", String.join(" ", r.features()));
        }
        putIfSet(m, "noarch", r.noarch());
        putIfSet(m, "subdir", r.subdir());
        putIfSet(m, "license", r.license());
        if (r.timestamp() > 0) {
            m.put("timestamp", r.timestamp());
        }
        putIfSet(m, "fn", r.fn());
        putIfSet(m, "url", r.url());
        putIfSet(m, "channel", r.channel());
        putIfSet(m, "md5", r.md5());
        putIfSet(m, "sha256", r.sha256());
        if (r.size() >= 0) {
            m.put("size", r.size());
        }
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** Parses a record from its JSON tree (as written by {@link #toJson} or by conda). */
    public static PackageRecord fromJson(Map<String, Object> json) throws InvalidPackageException {
        try {
            return IndexJson.of(json).toRecordBuilder().build();
        } catch (JsonFormatException e) {
            throw new InvalidPackageException("invalid package record: " + e.getMessage(), e);
        }
    }

    /** Writes {@code info/repodata_record.json} into an extracted package directory. */
    public static void write(Path packageDir, PackageRecord r) throws IOException {
        Json.writeFile(packageDir.resolve("info").resolve(FILE_NAME), toJson(r));
    }

    /** Reads {@code info/repodata_record.json} of an extracted package directory, or null when absent. */
    public static PackageRecord read(Path packageDir) throws IOException {
        Path file = packageDir.resolve("info").resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return fromJson(Json.readObject(file));
        } catch (RuntimeException e) {
            throw new InvalidPackageException(file + ": " + e.getMessage(), e);
        }
    }
}
