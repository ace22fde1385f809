package io.terrarium.conda.pkg;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.json.JsonFormatException;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A package's own record, {@code info/index.json}: name, version, build, dependencies and the rest, with unknown
 * fields kept verbatim so that writing it back loses nothing.
 */
public final class IndexJson {
    private static final Set<String> KNOWN = Set.of(
            "name",
            "version",
            "build",
            "build_number",
            "depends",
            "constrains",
            "noarch",
            "subdir",
            "license",
            "track_features",
            "timestamp");

    /** Fields that map to {@link PackageRecord} properties rather than its extras (present in repodata-style JSON). */
    private static final Set<String> RECORD_FIELDS =
            Set.of("features", "build_string", "fn", "url", "channel", "md5", "sha256", "size");

    private final Map<String, Object> fields;

    private IndexJson(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Wraps a parsed {@code index.json} object, checking that the identifying fields are present and typed. */
    public static IndexJson of(Map<String, Object> fields) throws InvalidPackageException {
        IndexJson ij = new IndexJson(fields);
        try {
            if (ij.name() == null || ij.name().isEmpty()) {
                throw new InvalidPackageException("index.json has no 'name'");
            }
            if (ij.version() == null || ij.version().isEmpty()) {
                throw new InvalidPackageException("index.json of '" + ij.name() + "' has no 'version'");
            }
            ij.buildNumber();
            ij.depends();
            ij.constrains();
            ij.trackFeatures();
            ij.timestamp();
        } catch (JsonFormatException e) {
            throw new InvalidPackageException("invalid index.json: " + e.getMessage(), e);
        }
        return ij;
    }

    /** Parses {@code index.json} content. */
    public static IndexJson parse(InputStream in) throws IOException {
        Object tree;
        try {
            tree = Json.parse(in);
        } catch (JsonFormatException e) {
            throw new InvalidPackageException("invalid index.json: " + e.getMessage(), e);
        }
        if (!(tree instanceof Map)) {
            throw new InvalidPackageException("index.json must hold an object, found " + Json.describe(tree));
        }
        return of(Json.asObject(tree));
    }

    /** Reads {@code info/index.json} of an extracted package directory. */
    public static IndexJson read(Path packageDir) throws IOException {
        Path file = packageDir.resolve("info").resolve("index.json");
        if (!Files.isRegularFile(file)) {
            throw new InvalidPackageException(packageDir + " has no info/index.json");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (InvalidPackageException e) {
            throw new InvalidPackageException(file + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return Json.string(fields, "name");
    }

    public String version() {
        return Json.string(fields, "version");
    }

    /** The build string ({@code build}, or the legacy {@code build_string}); empty when absent. */
    public String build() {
        String b = Json.string(fields, "build");
        if (b == null) {
            b = Json.string(fields, "build_string");
        }
        return b == null ? "" : b;
    }

    public long buildNumber() {
        return Json.integer(fields, "build_number", 0);
    }

    public List<String> depends() {
        return Json.strings(fields, "depends");
    }

    public List<String> constrains() {
        return Json.strings(fields, "constrains");
    }

    /** {@code "python"}, {@code "generic"} (also for the legacy {@code true}) or null. */
    public String noarch() {
        Object v = fields.get("noarch");
        if (v == null || Boolean.FALSE.equals(v)) {
            return null;
        }
        if (Boolean.TRUE.equals(v)) {
            return "generic";
        }
        return Json.string(fields, "noarch");
    }

    public String subdir() {
        return Json.string(fields, "subdir");
    }

    public String license() {
        return Json.string(fields, "license");
    }

    /** Track features, normalised from a space/comma separated string or a list. */
    public List<String> trackFeatures() {
        return featureList("track_features");
    }

    /** Legacy {@code features}, normalised like {@link #trackFeatures()}. */
    public List<String> features() {
        return featureList("features");
    }

    private List<String> featureList(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List) {
            return Json.strings(fields, key);
        }
        if (v instanceof String s) {
            List<String> out = new ArrayList<>();
            for (String part : s.split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
            return out;
        }
        throw new JsonFormatException("'" + key + "' must be a string or a list, found " + Json.describe(v));
    }

    /** The timestamp as written (milliseconds in current packages), 0 when absent. */
    public long timestamp() {
        return Json.integer(fields, "timestamp", 0);
    }

    /** {@code name-version-build}. */
    public String dist() {
        return name() + "-" + version() + "-" + build();
    }

    /** Every field, known and unknown, in file order (read-only). */
    public Map<String, Object> fields() {
        return fields;
    }

    /** The fields this class does not model, e.g. {@code arch}, {@code platform}, {@code license_family}. */
    public Map<String, Object> extra() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!KNOWN.contains(e.getKey())) {
                m.put(e.getKey(), e.getValue());
            }
        }
        return m;
    }

    /** The JSON tree to write back (a mutable copy). */
    public Map<String, Object> toJson() {
        return new LinkedHashMap<>(fields);
    }

    /**
     * A record builder with this package's metadata. A plain index.json lacks fn, url, channel, checksums and size
     * (the caller adds them); repodata-style JSON that has them (a repodata record, a conda-meta record) fills them.
     */
    public PackageRecord.Builder toRecordBuilder() {
        Map<String, Object> extra = extra();
        for (String k : RECORD_FIELDS) {
            extra.remove(k);
        }
        extra.values().removeIf(v -> v == null);
        Object size = fields.get("size");
        return PackageRecord.builder(name(), version())
                .fn(Json.string(fields, "fn"))
                .url(Json.string(fields, "url"))
                .channel(Json.string(fields, "channel"))
                .md5(Json.string(fields, "md5"))
                .sha256(Json.string(fields, "sha256"))
                .size(size instanceof Number n ? n.longValue() : -1)
                .build(build())
                .buildNumber(buildNumber())
                .depends(depends())
                .constrains(constrains())
                .trackFeatures(trackFeatures())
                .features(features())
                .timestamp(timestamp())
                .noarch(noarch())
                .subdir(subdir())
                .license(license())
                .extra(extra);
    }

    @Override
    public String toString() {
        return "IndexJson[" + dist() + "]";
    }
}
