package io.terrarium.conda.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A conda match spec ({@code conda-forge::numpy >=1.20 py*_0[md5=...]}): a query that package records match or not.
 *
 * <p>Immutable and thread-safe. Every field is compiled at parse time, so {@link #matches(PackageRecord)} (the
 * solver's hot path) compares strings and walks arrays without allocating. Parsing follows conda's
 * {@code MatchSpec} rules (see {@link MatchSpecParser}); {@link #toString()} prints conda's canonical form.
 */
public final class MatchSpec {
    /** Canonical order of bracket keys in {@link #toString()}, as conda prints them. */
    static final List<String> FIELD_NAMES = List.of(
            "channel",
            "subdir",
            "name",
            "version",
            "build",
            "build_number",
            "track_features",
            "features",
            "url",
            "md5",
            "sha256",
            "license",
            "license_family",
            "fn");

    private final String name;
    private final StringMatcher nameMatcher;
    private final VersionSpec version;
    private final StringMatcher build;
    private final BuildNumberSpec buildNumber;
    private final String channel;
    private final ChannelMatcher channelMatcher;
    private final String subdir;
    private final List<String> trackFeatures;
    private final List<String> features;
    private final String md5;
    private final String sha256;
    private final StringMatcher license;
    private final StringMatcher licenseFamily;
    private final String fn;
    private final String url;
    private final String original;

    MatchSpec(Fields f) {
        this.name = f.name;
        this.nameMatcher = f.name == null || !(f.name.indexOf('*') >= 0 || f.name.startsWith("^"))
                ? null
                : StringMatcher.of(f.name, true);
        this.version = f.version;
        this.build = f.build;
        this.buildNumber = f.buildNumber;
        this.channel = f.channel;
        this.channelMatcher = f.channel == null ? null : new ChannelMatcher(f.channel);
        this.subdir = f.subdir;
        this.trackFeatures = f.trackFeatures == null ? null : List.copyOf(f.trackFeatures);
        this.features = f.features == null ? null : List.copyOf(f.features);
        this.md5 = f.md5;
        this.sha256 = f.sha256;
        this.license = f.license;
        this.licenseFamily = f.licenseFamily;
        this.fn = f.fn;
        this.url = f.url;
        this.original = f.original;
    }

    /** Mutable field set the parser fills in; string fields that may be globs or regexes come compiled. */
    static final class Fields {
        String name;
        VersionSpec version;
        StringMatcher build;
        BuildNumberSpec buildNumber;
        String channel;
        String subdir;
        List<String> trackFeatures;
        List<String> features;
        String md5;
        String sha256;
        StringMatcher license;
        StringMatcher licenseFamily;
        String fn;
        String url;
        String original;
    }

    /**
     * Parses a match spec.
     *
     * @throws MatchSpecParseException saying where (column) and why
     */
    public static MatchSpec parse(String text) {
        return MatchSpecParser.parse(text);
    }

    /** The package name (lower case; may be a glob such as {@code py*}), or {@code null} when any name matches. */
    public String name() {
        return name;
    }

    /** True when {@link #name()} is one exact name (no glob or regex). */
    public boolean hasExactName() {
        return name != null && nameMatcher == null;
    }

    /** The version constraint, or null when any version matches. */
    public VersionSpec version() {
        return version;
    }

    /** The build string (possibly a glob such as {@code py27_*} or {@code ^...$} regex), or null. */
    public String build() {
        return build == null ? null : build.toString();
    }

    public BuildNumberSpec buildNumber() {
        return buildNumber;
    }

    /** The channel as written (a name such as {@code conda-forge} or a URL), or null for any channel. */
    public String channel() {
        return channel;
    }

    public String subdir() {
        return subdir;
    }

    /** Track features the record must have, exactly (conda compares the sets), or null. */
    public List<String> trackFeatures() {
        return trackFeatures;
    }

    /** Legacy features the record must have, exactly, or null. */
    public List<String> features() {
        return features;
    }

    public String md5() {
        return md5;
    }

    public String sha256() {
        return sha256;
    }

    public String license() {
        return license == null ? null : license.toString();
    }

    public String licenseFamily() {
        return licenseFamily == null ? null : licenseFamily.toString();
    }

    public String fn() {
        return fn;
    }

    public String url() {
        return url;
    }

    /** The text this spec was parsed from. */
    public String originalText() {
        return original;
    }

    /** True when the spec constrains nothing but an exact package name ({@code numpy}). */
    public boolean isNameOnly() {
        return hasExactName()
                && version == null
                && build == null
                && buildNumber == null
                && channel == null
                && subdir == null
                && trackFeatures == null
                && features == null
                && md5 == null
                && sha256 == null
                && license == null
                && licenseFamily == null
                && fn == null
                && url == null;
    }

    /** True when {@code record} satisfies every field of this spec. Allocation-free except for regex fields. */
    public boolean matches(PackageRecord record) {
        if (name != null) {
            String n = record.name();
            if (nameMatcher != null) {
                if (!nameMatcher.matches(n)) {
                    return false;
                }
            } else if (!name.equals(n) && !name.equalsIgnoreCase(n)) {
                return false;
            }
        }
        if (version != null && !matchesVersion(record)) {
            return false;
        }
        if (build != null && !build.matches(record.build())) {
            return false;
        }
        if (buildNumber != null && !buildNumber.matches(record.buildNumber())) {
            return false;
        }
        if (channelMatcher != null && !channelMatcher.matches(record.channel())) {
            return false;
        }
        if (subdir != null && !subdir.equals(record.subdir())) {
            return false;
        }
        if (md5 != null && !md5.equalsIgnoreCase(nullToEmpty(record.md5()))) {
            return false;
        }
        if (sha256 != null && !sha256.equalsIgnoreCase(nullToEmpty(record.sha256()))) {
            return false;
        }
        if (fn != null && !fn.equals(record.fn())) {
            return false;
        }
        if (url != null && !url.equals(record.url())) {
            return false;
        }
        if (license != null && !license.matches(record.license())) {
            return false;
        }
        if (licenseFamily != null) {
            Object lf = record.extra().get("license_family");
            if (!(lf instanceof String s) || !licenseFamily.matches(s)) {
                return false;
            }
        }
        if (trackFeatures != null && !sameSet(trackFeatures, record.trackFeatures())) {
            return false;
        }
        if (features != null && !sameSet(features, record.features())) {
            return false;
        }
        return true;
    }

    /** A record whose version text is not a conda version satisfies no version constraint (rather than failing a solve). */
    private boolean matchesVersion(PackageRecord record) {
        Version v;
        try {
            v = record.version();
        } catch (IllegalArgumentException e) {
            return version == VersionSpec.ANY;
        }
        return version.matches(v);
    }

    /** conda compares feature sets for equality: {@code [track_features=mkl]} does not match {@code mkl debug}. */
    private static boolean sameSet(List<String> wanted, List<String> actual) {
        for (int i = 0, n = wanted.size(); i < n; i++) {
            if (!actual.contains(wanted.get(i))) {
                return false;
            }
        }
        for (int i = 0, n = actual.size(); i < n; i++) {
            String a = actual.get(i);
            if (!a.isEmpty() && !wanted.contains(a)) {
                return false;
            }
        }
        return true;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * conda's canonical string: channel and exact version/build outside the brackets
     * ({@code conda-forge::numpy==1.2=py27_0}), fuzzy versions as {@code =1.2}, everything else in brackets
     * ({@code numpy[version='>=1.2']}).
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        List<String> brackets = new ArrayList<>();
        if (channel != null) {
            out.append(canonicalChannelName(channel));
        }
        if (subdir != null) {
            if (channel != null) {
                out.append('/').append(subdir);
            } else {
                brackets.add("subdir=" + subdir);
            }
        }
        if (out.length() > 0) {
            out.append("::");
        }
        out.append(name == null ? "*" : name);
        boolean versionExact = false;
        if (version != null && version != VersionSpec.ANY) {
            String v = version.toString();
            if (containsAny(v, "><$^|,") || version instanceof VersionSpec.Glob) {
                // a glob such as 1.*.* stays in brackets: conda's "=1.*" would read back as "starts with 1"
                brackets.add("version='" + v + "'");
            } else if (v.startsWith("!=") || v.startsWith("~=")) {
                if (build != null) {
                    brackets.add("version='" + v + "'");
                } else {
                    out.append(v);
                }
            } else if (v.endsWith(".*")) {
                out.append('=').append(v, 0, v.length() - 2);
            } else if (v.endsWith("*")) {
                out.append('=').append(v, 0, v.length() - 1);
            } else if (v.startsWith("=") && !v.startsWith("==")) {
                out.append(v); // =2 is already the fuzzy form; "==" + v would print ===2
            } else if (v.startsWith("==")) {
                out.append(v);
                versionExact = true;
            } else {
                out.append("==").append(v);
                versionExact = true;
            }
        }
        if (build != null) {
            String b = build.toString();
            if (containsAny(b, "><$^|,")) {
                brackets.add("build='" + b + "'");
            } else if (b.indexOf('*') >= 0) {
                brackets.add("build=" + b);
            } else if (versionExact) {
                out.append('=').append(b);
            } else {
                brackets.add("build=" + b);
            }
        }
        addBracket(brackets, "build_number", buildNumber == null ? null : buildNumber.toString());
        addBracket(brackets, "track_features", trackFeatures == null ? null : joinSorted(trackFeatures));
        addBracket(brackets, "features", features == null ? null : joinSorted(features));
        if (channel == null) {
            addBracket(brackets, "url", url);
        }
        addBracket(brackets, "md5", md5);
        addBracket(brackets, "sha256", sha256);
        addBracket(brackets, "license", license());
        addBracket(brackets, "license_family", licenseFamily());
        if (url == null) {
            addBracket(brackets, "fn", fn);
        }
        if (!brackets.isEmpty()) {
            out.append('[').append(String.join(",", brackets)).append(']');
        }
        return out.toString();
    }

    /** conda prints channels on Anaconda's hosts by name ({@code pkgs/main}, {@code conda-forge}), others as URLs. */
    static String canonicalChannelName(String channel) {
        for (String host : CANONICAL_HOSTS) {
            if (channel.startsWith(host) && channel.length() > host.length()) {
                return channel.substring(host.length());
            }
        }
        return channel;
    }

    private static final List<String> CANONICAL_HOSTS = List.of(
            "https://conda.anaconda.org/",
            "http://conda.anaconda.org/",
            "https://repo.anaconda.com/",
            "http://repo.anaconda.com/");

    private static void addBracket(List<String> brackets, String key, String value) {
        if (value == null) {
            return;
        }
        if (containsAny(value, ", =")) {
            brackets.add(key + "='" + value + "'");
        } else {
            brackets.add(key + "=" + value);
        }
    }

    private static String joinSorted(List<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return String.join(" ", sorted);
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            if (s.indexOf(chars.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof MatchSpec m && toString().equals(m.toString()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(toString());
    }
}
