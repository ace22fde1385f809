package io.terrarium.conda.types;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One package build as a channel's repodata describes it: the unit the solver chooses and the installer links.
 *
 * <p>Immutable. The version is kept as text and parsed on first use, so that loading a large repodata file does
 * not pay for versions the solver never looks at. Lists are never null (empty when absent).
 */
public final class PackageRecord {
    private final String name;
    private final String versionText;
    private volatile Version version;
    private final String build;
    private final long buildNumber;
    private final List<String> depends;
    private final List<String> constrains;
    private final List<String> trackFeatures;
    private final List<String> features;
    private final long timestamp;
    private final String noarch;
    private final String subdir;
    private final String fn;
    private final String url;
    private final String channel;
    private final String md5;
    private final String sha256;
    private final long size;
    private final String license;
    private final Map<String, Object> extra;

    private PackageRecord(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.versionText = Objects.requireNonNull(b.version, "version");
        this.build = b.build == null ? "" : b.build;
        this.buildNumber = b.buildNumber;
        this.depends = List.copyOf(b.depends);
        this.constrains = List.copyOf(b.constrains);
        this.trackFeatures = List.copyOf(b.trackFeatures);
        this.features = List.copyOf(b.features);
        this.timestamp = b.timestamp;
        this.noarch = b.noarch;
        this.subdir = b.subdir;
        this.fn = b.fn;
        this.url = b.url;
        this.channel = b.channel;
        this.md5 = b.md5;
        this.sha256 = b.sha256;
        this.size = b.size;
        this.license = b.license;
        this.extra = withoutNulls(b.extra);
    }

    /** JSON null means absent here: index.json carries {@code "arch": null} and Map.copyOf refuses nulls. */
    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        // immutable maps throw on containsValue(null), so look for nulls by hand
        if (map.values().stream().noneMatch(Objects::isNull)) {
            return Map.copyOf(map);
        }
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.values().removeIf(Objects::isNull);
        return Map.copyOf(copy);
    }

    public static Builder builder(String name, String version) {
        return new Builder().name(name).version(version);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.version = versionText;
        b.build = build;
        b.buildNumber = buildNumber;
        b.depends = depends;
        b.constrains = constrains;
        b.trackFeatures = trackFeatures;
        b.features = features;
        b.timestamp = timestamp;
        b.noarch = noarch;
        b.subdir = subdir;
        b.fn = fn;
        b.url = url;
        b.channel = channel;
        b.md5 = md5;
        b.sha256 = sha256;
        b.size = size;
        b.license = license;
        b.extra = extra;
        return b;
    }

    public String name() {
        return name;
    }

    /** The version exactly as the repodata spells it. */
    public String versionText() {
        return versionText;
    }

    /** The parsed version (parsed once, on first call). */
    public Version version() {
        Version v = version;
        if (v == null) {
            v = Version.parse(versionText);
            version = v;
        }
        return v;
    }

    public String build() {
        return build;
    }

    public long buildNumber() {
        return buildNumber;
    }
    /** Match specs this record requires, as written in repodata. */
    public List<String> depends() {
        return depends;
    }
    /** Match specs that constrain other packages only if they are installed ({@code constrains}). */
    public List<String> constrains() {
        return constrains;
    }

    public List<String> trackFeatures() {
        return trackFeatures;
    }
    /** Legacy {@code features} (conda's old feature mechanism). */
    public List<String> features() {
        return features;
    }
    /** Build timestamp in milliseconds since the epoch; 0 when unknown. */
    public long timestamp() {
        return timestamp;
    }
    /** {@code null}, {@code "generic"} or {@code "python"}. */
    public String noarch() {
        return noarch;
    }

    public String subdir() {
        return subdir;
    }
    /** File name of the package archive, e.g. {@code numpy-1.7.1-py33_0.tar.bz2}. */
    public String fn() {
        return fn;
    }
    /** Full download URL of the package archive. */
    public String url() {
        return url;
    }
    /** Canonical channel URL without the subdir, e.g. {@code https://conda.anaconda.org/conda-forge}. */
    public String channel() {
        return channel;
    }

    public String md5() {
        return md5;
    }

    public String sha256() {
        return sha256;
    }
    /** Archive size in bytes; -1 when unknown. */
    public long size() {
        return size;
    }

    public String license() {
        return license;
    }
    /** Other repodata fields kept verbatim (for conda-meta and lockfiles), e.g. {@code license_family}, {@code platform}. */
    public Map<String, Object> extra() {
        return extra;
    }

    /** {@code name-version-build}, conda's dist string. */
    public String dist() {
        return name + "-" + versionText + "-" + build;
    }

    @Override
    public String toString() {
        return (channel == null ? "" : channel + "/" + (subdir == null ? "" : subdir) + "::") + dist();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PackageRecord r)) {
            return false;
        }
        return name.equals(r.name)
                && versionText.equals(r.versionText)
                && build.equals(r.build)
                && Objects.equals(subdir, r.subdir)
                && Objects.equals(channel, r.channel)
                && Objects.equals(fn, r.fn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, versionText, build, subdir, channel);
    }

    /** Builds records; every list defaults to empty. */
    public static final class Builder {
        private String name;
        private String version;
        private String build = "";
        private long buildNumber;
        private List<String> depends = List.of();
        private List<String> constrains = List.of();
        private List<String> trackFeatures = List.of();
        private List<String> features = List.of();
        private long timestamp;
        private String noarch;
        private String subdir;
        private String fn;
        private String url;
        private String channel;
        private String md5;
        private String sha256;
        private long size = -1;
        private String license;
        private Map<String, Object> extra;

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder version(String v) {
            version = v;
            return this;
        }

        public Builder build(String v) {
            build = v;
            return this;
        }

        public Builder buildNumber(long v) {
            buildNumber = v;
            return this;
        }

        public Builder depends(List<String> v) {
            depends = v;
            return this;
        }

        public Builder constrains(List<String> v) {
            constrains = v;
            return this;
        }

        public Builder trackFeatures(List<String> v) {
            trackFeatures = v;
            return this;
        }

        public Builder features(List<String> v) {
            features = v;
            return this;
        }

        public Builder timestamp(long v) {
            timestamp = v;
            return this;
        }

        public Builder noarch(String v) {
            noarch = v;
            return this;
        }

        public Builder subdir(String v) {
            subdir = v;
            return this;
        }

        public Builder fn(String v) {
            fn = v;
            return this;
        }

        public Builder url(String v) {
            url = v;
            return this;
        }

        public Builder channel(String v) {
            channel = v;
            return this;
        }

        public Builder md5(String v) {
            md5 = v;
            return this;
        }

        public Builder sha256(String v) {
            sha256 = v;
            return this;
        }

        public Builder size(long v) {
            size = v;
            return this;
        }

        public Builder license(String v) {
            license = v;
            return this;
        }

        public Builder extra(Map<String, Object> v) {
            extra = v;
            return this;
        }

        public PackageRecord build() {
            return new PackageRecord(this);
        }
    }
}
