package io.terrarium.conda.install;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.json.JsonFormatException;
import io.terrarium.conda.types.PackageRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A record installed in a prefix: the repodata record plus what linking it did, i.e. the content of
 * {@code conda-meta/<name>-<version>-<build>.json} (conda's {@code PrefixRecord}, CEP 32).
 *
 * <p>{@link #toJson()} is deterministic (keys sorted as conda writes them, no clock), so linking the same record into
 * the same prefix twice gives byte-identical files.
 */
public final class PrefixRecord {
    /** conda's {@code link.type} codes. */
    public static final int LINK_HARDLINK = 1;

    public static final int LINK_SOFTLINK = 2;
    public static final int LINK_COPY = 3;
    public static final int LINK_DIRECTORY = 4;

    /** Keys of a conda-meta file that are not repodata fields. */
    private static final Set<String> PREFIX_KEYS = Set.of(
            "files",
            "paths_data",
            "link",
            "requested_spec",
            "requested_specs",
            "extracted_package_dir",
            "package_tarball_full_path",
            "package_type");

    private static final Set<String> RECORD_KEYS = Set.of(
            "name",
            "version",
            "build",
            "build_string",
            "build_number",
            "depends",
            "constrains",
            "track_features",
            "features",
            "timestamp",
            "noarch",
            "subdir",
            "fn",
            "url",
            "channel",
            "md5",
            "sha256",
            "size",
            "license");

    private final PackageRecord record;
    private final List<PrefixPath> paths;
    private final String requestedSpec;
    private final String extractedPackageDir;
    private final String packageTarballFullPath;
    private final int linkType;

    public PrefixRecord(
            PackageRecord record,
            List<PrefixPath> paths,
            String requestedSpec,
            String extractedPackageDir,
            String packageTarballFullPath,
            int linkType) {
        this.record = Objects.requireNonNull(record, "record");
        this.paths = List.copyOf(paths);
        this.requestedSpec = requestedSpec;
        this.extractedPackageDir = extractedPackageDir;
        this.packageTarballFullPath = packageTarballFullPath;
        this.linkType = linkType;
    }

    public PackageRecord record() {
        return record;
    }

    /** Every path the record installed, in the order written to {@code paths_data}. */
    public List<PrefixPath> paths() {
        return paths;
    }

    /** Installed file paths (directories excluded), as conda's {@code files} list. */
    public List<String> files() {
        List<String> out = new ArrayList<>(paths.size());
        for (PrefixPath p : paths) {
            if (!p.pathType().equals("directory")) {
                out.add(p.path());
            }
        }
        return out;
    }

    /** The spec the user asked for that brought this record in, or null. */
    public String requestedSpec() {
        return requestedSpec;
    }

    public String extractedPackageDir() {
        return extractedPackageDir;
    }

    public String packageTarballFullPath() {
        return packageTarballFullPath;
    }

    /** conda's {@code link.type}: 1 hardlink, 2 softlink, 3 copy, 4 directory. */
    public int linkType() {
        return linkType;
    }

    /** The conda-meta file name, {@code name-version-build.json}. */
    public String fileName() {
        return fileName(record);
    }

    /** The conda-meta file name of a record. */
    public static String fileName(PackageRecord r) {
        return r.dist() + ".json";
    }

    /** The conda-meta document (keys sorted). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new TreeMap<>();
        for (Map.Entry<String, Object> e : record.extra().entrySet()) {
            if (!PREFIX_KEYS.contains(e.getKey()) && !RECORD_KEYS.contains(e.getKey())) {
                m.put(e.getKey(), e.getValue());
            }
        }
        m.put("name", record.name());
        m.put("version", record.versionText());
        m.put("build", record.build());
        m.put("build_number", record.buildNumber());
        m.put("depends", record.depends());
        m.put("constrains", record.constrains());
        if (!record.trackFeatures().isEmpty()) {
            m.put("track_features", String.join(" ", record.trackFeatures()));
        }
        if (!record.features().isEmpty()) {
            m.put("features", String.join(" ", record.features()));
        }
        if (record.timestamp() > 0) {
            m.put("timestamp", record.timestamp());
        }
        putIfPresent(m, "noarch", record.noarch());
        putIfPresent(m, "subdir", record.subdir());
        putIfPresent(m, "fn", record.fn());
        putIfPresent(m, "url", record.url());
        putIfPresent(m, "channel", channelWithSubdir(record));
        putIfPresent(m, "md5", record.md5());
        putIfPresent(m, "sha256", record.sha256());
        if (record.size() >= 0) {
            m.put("size", record.size());
        }
        putIfPresent(m, "license", record.license());
        if ("python".equals(record.noarch())) {
            m.put("package_type", "noarch_python");
        }

        m.put("files", files());
        List<Object> pathsJson = new ArrayList<>(paths.size());
        for (PrefixPath p : paths) {
            pathsJson.add(p.toJson());
        }
        Map<String, Object> pathsData = new LinkedHashMap<>();
        pathsData.put("paths", pathsJson);
        pathsData.put("paths_version", 1);
        m.put("paths_data", pathsData);
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("source", extractedPackageDir == null ? "" : extractedPackageDir);
        link.put("type", linkType);
        m.put("link", link);
        m.put("requested_spec", requestedSpec == null ? "None" : requestedSpec);
        putIfPresent(m, "extracted_package_dir", extractedPackageDir);
        putIfPresent(m, "package_tarball_full_path", packageTarballFullPath);
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** conda-meta's {@code channel} is the channel URL with the subdir, e.g. {@code https://.../conda-forge/noarch}. */
    static String channelWithSubdir(PackageRecord r) {
        String ch = r.channel();
        if (ch == null) {
            return null;
        }
        String c = ch.endsWith("/") ? ch.substring(0, ch.length() - 1) : ch;
        if (r.subdir() == null || r.subdir().isEmpty() || c.endsWith("/" + r.subdir()) || !c.contains("/")) {
            return c; // a bare channel name (old files say "defaults") stays as it is
        }
        return c + "/" + r.subdir();
    }

    /**
     * Reads a conda-meta document.
     *
     * @throws JsonFormatException when a field has the wrong type or a required one is missing
     */
    public static PrefixRecord fromJson(Map<String, Object> m) {
        String name = Json.string(m, "name");
        String version = Json.string(m, "version");
        if (name == null || version == null) {
            throw new JsonFormatException("missing " + (name == null ? "'name'" : "'version'"));
        }
        String build = Json.string(m, "build");
        if (build == null) {
            build = Json.string(m, "build_string");
        }
        String subdir = Json.string(m, "subdir");
        String channel = Json.string(m, "channel");
        if (channel != null && subdir != null && channel.endsWith("/" + subdir)) {
            channel = channel.substring(0, channel.length() - subdir.length() - 1);
        }
        Object noarch = m.get("noarch");
        String noarchText =
                noarch instanceof Boolean b ? (b ? "generic" : null) : noarch == null ? null : String.valueOf(noarch);
        Map<String, Object> extra = new HashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!PREFIX_KEYS.contains(e.getKey()) && !RECORD_KEYS.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        extra.values().removeIf(Objects::isNull);
        PackageRecord record = PackageRecord.builder(name, version)
                .build(build == null ? "" : build)
                .buildNumber(Json.integer(m, "build_number", 0))
                .depends(stringsOrEmpty(m, "depends"))
                .constrains(stringsOrEmpty(m, "constrains"))
                .trackFeatures(featureList(m.get("track_features")))
                .features(featureList(m.get("features")))
                .timestamp(Json.integer(m, "timestamp", 0))
                .noarch(noarchText)
                .subdir(subdir)
                .fn(Json.string(m, "fn"))
                .url(Json.string(m, "url"))
                .channel(channel)
                .md5(Json.string(m, "md5"))
                .sha256(Json.string(m, "sha256"))
                .size(Json.integer(m, "size", -1))
                .license(Json.string(m, "license"))
                .extra(extra)
                .build();

        List<PrefixPath> paths = new ArrayList<>();
        Object pd = m.get("paths_data");
        if (pd instanceof Map<?, ?> pdm && pdm.get("paths") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map)) {
                    throw new JsonFormatException("paths_data.paths holds " + Json.describe(o));
                }
                Map<String, Object> p = Json.asObject(o);
                String path = Json.string(p, "_path");
                if (path == null) {
                    throw new JsonFormatException("paths_data.paths entry without '_path'");
                }
                String type = Json.string(p, "path_type");
                paths.add(new PrefixPath(
                        path,
                        type == null ? "hardlink" : type,
                        Json.string(p, "sha256"),
                        Json.string(p, "sha256_in_prefix"),
                        Json.integer(p, "size_in_bytes", -1),
                        Json.string(p, "prefix_placeholder"),
                        Json.string(p, "file_mode"),
                        Json.bool(p, "no_link", false)));
            }
        } else {
            for (String f : stringsOrEmpty(m, "files")) {
                paths.add(new PrefixPath(f, "hardlink", null, null, -1, null, null, false));
            }
        }
        int linkType = LINK_HARDLINK;
        String source = null;
        if (m.get("link") instanceof Map<?, ?> link) {
            Map<String, Object> l = Json.asObject(link);
            linkType = (int) Json.integer(l, "type", LINK_HARDLINK);
            source = Json.string(l, "source");
        }
        String extracted = Json.string(m, "extracted_package_dir");
        String requested = Json.string(m, "requested_spec");
        return new PrefixRecord(
                record,
                paths,
                "None".equals(requested) ? null : requested,
                extracted != null ? extracted : source,
                Json.string(m, "package_tarball_full_path"),
                linkType);
    }

    private static List<String> stringsOrEmpty(Map<String, Object> m, String key) {
        return Json.strings(m, key);
    }

    /** {@code track_features}/{@code features} as a space- or comma-separated string or a list. */
    private static List<String> featureList(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        String s = String.valueOf(v).strip();
        if (s.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(s.split("[\\s,]+")).filter(t -> !t.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "PrefixRecord[" + record.dist() + ", " + paths.size() + " paths]";
    }
}
