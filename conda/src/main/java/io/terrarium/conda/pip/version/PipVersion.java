package io.terrarium.conda.pip.version;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version, parsed leniently and ordered exactly as the {@code packaging} library orders it (epoch, release
 * without trailing zeros, pre-release, post-release, dev release, local version).
 */
public final class PipVersion implements Comparable<PipVersion> {
    private static final Pattern PATTERN = Pattern.compile(
            "^\\s*v?"
                    + "(?:(?<epoch>[0-9]+)!)?"
                    + "(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
                    + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
                    + "(?<dev>[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?"
                    + "\\s*$",
            Pattern.CASE_INSENSITIVE);

    private final long epoch;
    private final long[] release;
    private final String preLabel; // a, b, rc or null
    private final long preNumber;
    private final long post; // -1 when absent
    private final long dev; // -1 when absent
    private final List<Object> local; // Long and String segments, empty when absent
    private final String text;

    private PipVersion(
            long epoch, long[] release, String preLabel, long preNumber, long post, long dev, List<Object> local) {
        this.epoch = epoch;
        this.release = release;
        this.preLabel = preLabel;
        this.preNumber = preNumber;
        this.post = post;
        this.dev = dev;
        this.local = List.copyOf(local);
        this.text = render();
    }

    /** Parses a version in any spelling PEP 440 accepts ({@code 1.0-RC1}, {@code v2.post}); throws when invalid. */
    public static PipVersion parse(String s) {
        PipVersion v = tryParse(s);
        if (v == null) {
            throw new InvalidPipVersionException("invalid PEP 440 version: '" + s + "'");
        }
        return v;
    }

    /** The version, or null when {@code s} is not a PEP 440 version (legacy versions are not ordered). */
    public static PipVersion tryParse(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = PATTERN.matcher(s);
        if (!m.matches()) {
            return null;
        }
        try {
            long epoch = m.group("epoch") == null ? 0 : Long.parseLong(m.group("epoch"));
            String[] parts = m.group("release").split("\\.");
            long[] release = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                release[i] = Long.parseLong(parts[i]);
            }
            String preLabel = null;
            long preNumber = 0;
            if (m.group("pre") != null) {
                preLabel = normalisePreLabel(m.group("prel").toLowerCase(Locale.ROOT));
                preNumber = m.group("pren") == null ? 0 : Long.parseLong(m.group("pren"));
            }
            long post = -1;
            if (m.group("post") != null) {
                String n = m.group("postn1") != null ? m.group("postn1") : m.group("postn2");
                post = n == null ? 0 : Long.parseLong(n);
            }
            long dev = -1;
            if (m.group("dev") != null) {
                dev = m.group("devn") == null ? 0 : Long.parseLong(m.group("devn"));
            }
            List<Object> local = new ArrayList<>();
            if (m.group("local") != null) {
                for (String seg : m.group("local").toLowerCase(Locale.ROOT).split("[-_.]")) {
                    local.add(seg.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(seg) : seg);
                }
            }
            return new PipVersion(epoch, release, preLabel, preNumber, post, dev, local);
        } catch (NumberFormatException e) {
            return null; // a component too large for a long: not a version we can order
        }
    }

    private static String normalisePreLabel(String l) {
        switch (l) {
            case "alpha":
            case "a":
                return "a";
            case "beta":
            case "b":
                return "b";
            default:
                return "rc";
        }
    }

    public long epoch() {
        return epoch;
    }

    /** The release segment as written (trailing zeros kept). */
    public long[] release() {
        return release.clone();
    }

    public boolean isPreRelease() {
        return preLabel != null || dev >= 0;
    }

    public boolean isPostRelease() {
        return post >= 0;
    }

    public boolean isDevRelease() {
        return dev >= 0;
    }

    public boolean hasLocal() {
        return !local.isEmpty();
    }

    /** The pre-release label ({@code a}, {@code b} or {@code rc}), or null. */
    public String preLabel() {
        return preLabel;
    }

    /** This version without its local segment. */
    public PipVersion publicVersion() {
        return local.isEmpty() ? this : new PipVersion(epoch, release, preLabel, preNumber, post, dev, List.of());
    }

    /** This version with the dev number {@code n} and no local segment ({@code 1.2} gives {@code 1.2.dev0}). */
    public PipVersion withDev(long n) {
        return new PipVersion(epoch, release, preLabel, preNumber, post, n, List.of());
    }

    /** The version this one is a post-release of: {@code 1.0a1.post2.dev3+x} gives {@code 1.0a1}. */
    public PipVersion withoutPostDevLocal() {
        return new PipVersion(epoch, release, preLabel, preNumber, -1, -1, List.of());
    }

    /** Epoch and release only: {@code 1!2.0rc1.post3} gives {@code 1!2.0}. */
    public PipVersion baseVersion() {
        return new PipVersion(epoch, release, null, 0, -1, -1, List.of());
    }

    /** The local segment's normalised text, or null. */
    public String local() {
        if (local.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Object o : local) {
            b.append(b.length() == 0 ? "" : ".").append(o);
        }
        return b.toString();
    }

    private String render() {
        StringBuilder b = new StringBuilder();
        if (epoch != 0) {
            b.append(epoch).append('!');
        }
        for (int i = 0; i < release.length; i++) {
            b.append(i == 0 ? "" : ".").append(release[i]);
        }
        if (preLabel != null) {
            b.append(preLabel).append(preNumber);
        }
        if (post >= 0) {
            b.append(".post").append(post);
        }
        if (dev >= 0) {
            b.append(".dev").append(dev);
        }
        if (!local.isEmpty()) {
            b.append('+').append(local());
        }
        return b.toString();
    }

    /** The normalised form ({@code 1.0-RC1} gives {@code 1.0rc1}). */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public int compareTo(PipVersion o) {
        int c = Long.compare(epoch, o.epoch);
        if (c != 0) {
            return c;
        }
        c = compareRelease(release, o.release);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(preRank(), o.preRank());
        if (c != 0) {
            return c;
        }
        if (preLabel != null && o.preLabel != null) {
            c = Long.compare(preNumber, o.preNumber);
            if (c != 0) {
                return c;
            }
        }
        c = Long.compare(post, o.post); // absent (-1) sorts first
        if (c != 0) {
            return c;
        }
        c = Long.compare(dev < 0 ? Long.MAX_VALUE : dev, o.dev < 0 ? Long.MAX_VALUE : o.dev);
        if (c != 0) {
            return c;
        }
        return compareLocal(local, o.local);
    }

    /** 0 for a dev release of a final (1.0.dev0 sorts before 1.0a0), 1-3 for a/b/rc, 4 for none. */
    private int preRank() {
        if (preLabel == null) {
            return post < 0 && dev >= 0 ? 0 : 4;
        }
        switch (preLabel) {
            case "a":
                return 1;
            case "b":
                return 2;
            default:
                return 3;
        }
    }

    private static int compareRelease(long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        for (int i = 0; i < n; i++) {
            long x = i < a.length ? a[i] : 0;
            long y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }

    /** Absent sorts first; numeric segments sort after alphanumeric ones; a longer prefix-equal local sorts later. */
    private static int compareLocal(List<Object> a, List<Object> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c;
            if (x instanceof Long lx && y instanceof Long ly) {
                c = Long.compare(lx, ly);
            } else if (x instanceof Long) {
                c = 1;
            } else if (y instanceof Long) {
                c = -1;
            } else {
                c = ((String) x).compareTo((String) y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PipVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        int n = release.length;
        while (n > 1 && release[n - 1] == 0) {
            n--;
        }
        return 31 * (31 * Long.hashCode(epoch) + Arrays.hashCode(Arrays.copyOf(release, n)))
                + (preLabel == null ? 0 : preLabel.hashCode())
                + Long.hashCode(post * 7 + dev)
                + local.hashCode();
    }
}
