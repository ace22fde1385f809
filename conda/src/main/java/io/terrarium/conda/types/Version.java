package io.terrarium.conda.types;

/**
 * A conda version with conda's VersionOrder semantics (epoch, local part, dev/post rules, {@code 1.0 == 1.0.0});
 * keeps its original text for printing.
 *
 * <p>The parsed form is flat and immutable: every sub-part of every component lives in one {@code long[]}, with
 * component boundaries in an {@code int[]}; string sub-parts are the only objects kept beside them. Comparing two
 * versions walks these arrays and allocates nothing.
 *
 * <p>Ordering, per component and then per sub-part, padding missing ones with the number 0: numbers compare
 * numerically, strings compare lexicographically, every string sorts before every number, {@code dev} sorts before
 * every other string and {@code post} after everything. The local part (after {@code +}) only breaks ties.
 */
public final class Version implements Comparable<Version> {
    /** Marks a string sub-part; the string is in {@link #strings}. */
    static final long STRING = Long.MIN_VALUE;
    /** The {@code post} sub-part: above every number. */
    static final long POST = Long.MAX_VALUE;
    /** A number too large for a long; its digits (no leading zeros) are in {@link #strings}. */
    static final long HUGE = Long.MAX_VALUE - 1;
    /** conda's stand-in for {@code dev}: upper case sorts before {@code _} and every lower-case string. */
    static final String DEV = "DEV";

    private final String text;
    private final String normalized;
    /** Sub-parts of all components, version components (epoch first) then local components. */
    private final long[] parts;
    /** Per sub-part: the string for {@link #STRING} and {@link #HUGE} sub-parts, else null; null if none. */
    private final String[] strings;
    /** End offset in {@link #parts} of each component; the first {@link #versionComponents} are the version's. */
    private final int[] ends;

    private final int versionComponents;
    /** Every component is one number and there is no local part (most versions): parts compare index by index. */
    private final boolean simple;

    private int hash;

    private Version(String text, String normalized, long[] parts, String[] strings, int[] ends, int versionComponents) {
        this.text = text;
        this.normalized = normalized;
        this.parts = parts;
        this.strings = strings;
        this.ends = ends;
        this.versionComponents = versionComponents;
        this.simple = strings == null && versionComponents == ends.length && ends[ends.length - 1] == ends.length;
    }

    /**
     * Parses a conda version.
     *
     * @throws InvalidVersionException naming the text, the column and the reason when it is not a conda version
     */
    public static Version parse(String text) {
        if (text == null) {
            throw new InvalidVersionException("null", 0, "no version given");
        }
        return VersionParser.parse(text);
    }

    /** Assembled by {@link VersionParser}. */
    static Version of(
            String text, String normalized, long[] parts, String[] strings, int[] ends, int versionComponents) {
        return new Version(text, normalized, parts, strings, ends, versionComponents);
    }

    /** The epoch ({@code 1} for {@code 1!2.0}, else 0). */
    public int epoch() {
        long e = parts[0];
        return e >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) e;
    }

    /** True when the version has a local part ({@code 1.0+cuda}). */
    public boolean hasLocal() {
        return ends.length > versionComponents;
    }

    /** The lower-cased, {@code -}-to-{@code _} form conda compares and prints in specs ({@code str(VersionOrder)}). */
    public String normalized() {
        return normalized;
    }

    /** Number of components of the main version, not counting the epoch ({@code 1.2.3} has 3). */
    public int segmentCount() {
        return versionComponents - 1;
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- comparison ------------------------------------------------------------------------------------------

    @Override
    public int compareTo(Version o) {
        if (this == o) {
            return 0;
        }
        if (simple && o.simple) {
            return compareSimple(parts, o.parts);
        }
        int c = compareSection(o, 0, versionComponents, 0, o.versionComponents);
        if (c != 0) {
            return c;
        }
        return compareSection(o, versionComponents, ends.length, o.versionComponents, o.ends.length);
    }

    private static int compareSimple(long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        for (int i = 0; i < n; i++) {
            long x = i < a.length ? a[i] : 0, y = i < b.length ? b[i] : 0;
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return 0;
    }

    /** Compares components [from, to) of this with [oFrom, oTo) of o, padding with zeros. */
    private int compareSection(Version o, int from, int to, int oFrom, int oTo) {
        int n = Math.max(to - from, oTo - oFrom);
        for (int k = 0; k < n; k++) {
            int a = from + k, b = oFrom + k;
            int aStart = a < to ? start(a) : 0, aLen = a < to ? ends[a] - aStart : 0;
            int bStart = b < oTo ? o.start(b) : 0, bLen = b < oTo ? o.ends[b] - bStart : 0;
            int m = Math.max(aLen, bLen);
            for (int j = 0; j < m; j++) {
                long x = j < aLen ? parts[aStart + j] : 0;
                long y = j < bLen ? o.parts[bStart + j] : 0;
                int c = comparePart(
                        x, j < aLen ? stringAt(aStart + j) : null, y, j < bLen ? o.stringAt(bStart + j) : null);
                if (c != 0) {
                    return c;
                }
            }
        }
        return 0;
    }

    private static int comparePart(long x, String xs, long y, String ys) {
        if (x == STRING) {
            return y == STRING ? Integer.signum(xs.compareTo(ys)) : -1;
        }
        if (y == STRING) {
            return 1;
        }
        if (x == HUGE && y == HUGE) {
            int c = Integer.compare(xs.length(), ys.length());
            return c != 0 ? c : Integer.signum(xs.compareTo(ys));
        }
        return Long.compare(x, y);
    }

    private int start(int component) {
        return component == 0 ? 0 : ends[component - 1];
    }

    private String stringAt(int i) {
        return strings == null ? null : strings[i];
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Version v && compareTo(v) == 0);
    }

    /** Hashes the form with trailing zero sub-parts and empty trailing components dropped, so equal versions agree. */
    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = hashSection(0, versionComponents) * 31 + hashSection(versionComponents, ends.length);
            if (h == 0) {
                h = 1;
            }
            hash = h;
        }
        return h;
    }

    private int hashSection(int from, int to) {
        int last = to - 1;
        while (last >= from && significantLength(last) == 0) {
            last--;
        }
        int h = 17;
        for (int k = from; k <= last; k++) {
            int s = start(k), len = significantLength(k);
            h = h * 31 + len;
            for (int j = 0; j < len; j++) {
                long p = parts[s + j];
                h = h * 31 + Long.hashCode(p);
                if (p == STRING || p == HUGE) {
                    h = h * 31 + strings[s + j].hashCode();
                }
            }
        }
        return h;
    }

    /** Length of a component once trailing numeric zeros (equal to the padding) are dropped. */
    private int significantLength(int component) {
        int s = start(component), e = ends[component];
        while (e > s && parts[e - 1] == 0) {
            e--;
        }
        return e - s;
    }

    // ---- startswith ------------------------------------------------------------------------------------------

    /**
     * conda's "starts with" test behind {@code 1.7*}, {@code 1.7.*} and {@code =1.7}: all components of the prefix
     * but the last are equal; in the last, all sub-parts but the last are equal, and the last is equal (a number)
     * or a string prefix of this version's sub-part (a string). Missing parts count as 0, so {@code 1.0.1c} and
     * {@code 1.0.1.1} start with {@code 1.0.1} but {@code 1.7.10} does not start with {@code 1.7.1}.
     */
    public boolean startsWith(Version prefix) {
        int tFrom, tTo, pFrom, pTo;
        if (prefix.hasLocal()) {
            if (compareSection(prefix, 0, versionComponents, 0, prefix.versionComponents) != 0) {
                return false;
            }
            tFrom = versionComponents;
            tTo = ends.length;
            pFrom = prefix.versionComponents;
            pTo = prefix.ends.length;
        } else {
            tFrom = 0;
            tTo = versionComponents;
            pFrom = 0;
            pTo = prefix.versionComponents;
        }
        int nt = pTo - pFrom - 1;
        // all prefix components but the last must be equal (this version truncated to nt components)
        if (compareSection(prefix, tFrom, Math.min(tTo, tFrom + nt), pFrom, pFrom + nt) != 0) {
            return false;
        }
        int lastP = pFrom + nt;
        int pStart = prefix.start(lastP), pLen = prefix.ends[lastP] - pStart;
        int tComp = tFrom + nt;
        int tStart = tComp < tTo ? start(tComp) : 0, tLen = tComp < tTo ? ends[tComp] - tStart : 0;
        int ns = pLen - 1;
        for (int j = 0; j < ns; j++) {
            long x = j < tLen ? parts[tStart + j] : 0;
            long y = prefix.parts[pStart + j];
            if (comparePart(x, j < tLen ? stringAt(tStart + j) : null, y, prefix.stringAt(pStart + j)) != 0) {
                return false;
            }
        }
        // conda pads the truncated candidate component with zeros too: [] vs [0] is equal, so nothing more to check
        long y = prefix.parts[pStart + ns];
        long x = ns < tLen ? parts[tStart + ns] : 0;
        if (y == STRING) {
            return x == STRING && strings[tStart + ns].startsWith(prefix.strings[pStart + ns]);
        }
        return comparePart(x, ns < tLen ? stringAt(tStart + ns) : null, y, prefix.stringAt(pStart + ns)) == 0;
    }

    /**
     * The parsed components as conda prints {@code VersionOrder.version} (e.g. {@code [[0], [1], [0, 'a', 1]]}),
     * for diagnostics and tests.
     */
    public String componentsString() {
        return section(0, versionComponents);
    }

    /** The parsed local components in the same form ({@code []} when there is no local part). */
    public String localComponentsString() {
        return section(versionComponents, ends.length);
    }

    private String section(int from, int to) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = from; k < to; k++) {
            if (k > from) {
                sb.append(", ");
            }
            sb.append('[');
            for (int i = start(k); i < ends[k]; i++) {
                if (i > start(k)) {
                    sb.append(", ");
                }
                long p = parts[i];
                if (p == STRING) {
                    sb.append('\'').append(strings[i]).append('\'');
                } else if (p == POST) {
                    sb.append("inf");
                } else if (p == HUGE) {
                    sb.append(strings[i]);
                } else {
                    sb.append(p);
                }
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
