package io.terrarium.conda.types;

import java.util.Locale;

/**
 * Turns version text into {@link Version}'s flat arrays in two passes over the characters (count, then fill), with
 * no regular expressions and no intermediate lists.
 */
final class VersionParser {
    /** Digits that always fit in a long. */
    private static final int MAX_LONG_DIGITS = 18;

    private final String original;
    private final int lead;
    private final String v;
    private long[] parts;
    private String[] strings;
    private int[] ends;
    private int partCount;
    private int componentCount;
    private int versionComponents;

    private VersionParser(String original, int lead, String v) {
        this.original = original;
        this.lead = lead;
        this.v = v;
    }

    static Version parse(String original) {
        String s = original.strip();
        if (s.isEmpty()) {
            throw new InvalidVersionException(original, 0, "empty version string");
        }
        int lead = original.indexOf(s.charAt(0));
        String v = s.toLowerCase(Locale.ROOT);
        int bad = firstInvalid(v);
        if (bad >= 0 && v.indexOf('-') >= 0 && v.indexOf('_') < 0) {
            // conda accepts dashes as underscores when the version has no underscore of its own
            v = v.replace('-', '_');
            bad = firstInvalid(v);
        }
        if (bad >= 0) {
            char c = bad < s.length() ? s.charAt(bad) : v.charAt(bad);
            String why = c == '-'
                    ? "'-' is only allowed in versions without '_'"
                    : "invalid character '" + c + "' (allowed: letters, digits, '.', '_', '+', '!')";
            throw new InvalidVersionException(original, lead + bad, why);
        }
        VersionParser p = new VersionParser(original, lead, v);
        return p.run(s);
    }

    private static int firstInvalid(String v) {
        for (int i = 0, n = v.length(); i < n; i++) {
            char c = v.charAt(i);
            boolean ok = (c >= '0' && c <= '9')
                    || (c >= 'a' && c <= 'z')
                    || c == '.'
                    || c == '_'
                    || c == '+'
                    || c == '!'
                    || c == '*';
            if (!ok) {
                return i;
            }
        }
        return -1;
    }

    private Version run(String stripped) {
        int n = v.length();
        int bang = v.indexOf('!');
        if (bang >= 0 && v.indexOf('!', bang + 1) >= 0) {
            fail(v.indexOf('!', bang + 1), "duplicated epoch separator '!'");
        }
        if (bang == 0) {
            fail(0, "epoch must be an integer, found nothing before '!'");
        }
        for (int i = 0; i < bang; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                fail(i, "epoch must be an integer");
            }
        }
        int mainStart = bang + 1;
        int plus = v.indexOf('+', mainStart);
        if (plus >= 0 && v.indexOf('+', plus + 1) >= 0) {
            fail(v.indexOf('+', plus + 1), "duplicated local version separator '+'");
        }
        int mainEnd = plus < 0 ? n : plus;
        if (mainEnd == mainStart) {
            fail(
                    mainStart,
                    plus >= 0
                            ? "missing version before local version separator '+'"
                            : "missing version after epoch separator '!'");
        }
        if (plus >= 0 && plus + 1 == n) {
            fail(plus + 1, "empty local version after '+'");
        }
        walk(bang, mainStart, mainEnd, plus, false);
        parts = new long[partCount];
        ends = new int[componentCount];
        walk(bang, mainStart, mainEnd, plus, true);
        return Version.of(stripped, v, parts, strings, ends, versionComponents);
    }

    /** Visits epoch, main and local components; counts them, or (with {@code fill}) stores them. */
    private void walk(int bang, int mainStart, int mainEnd, int plus, boolean fill) {
        partCount = 0;
        componentCount = 0;
        if (bang < 0) {
            if (fill) {
                parts[0] = 0;
                ends[0] = 1;
            }
            partCount = 1;
            componentCount = 1;
        } else {
            component(0, bang, fill);
        }
        section(mainStart, mainEnd, v.charAt(mainEnd - 1) == '_', fill);
        versionComponents = componentCount;
        if (plus >= 0) {
            section(plus + 1, v.length(), false, fill);
        }
    }

    /**
     * Splits [from, to) at '.' and '_' into components. With a trailing underscore, the final '_' belongs to the last
     * component (openssl-style {@code 1.0.1_} sorts after {@code 1.0.1}).
     */
    private void section(int from, int to, boolean trailingUnderscore, boolean fill) {
        int splitEnd = trailingUnderscore ? to - 1 : to;
        int cs = from;
        for (int i = from; i <= splitEnd; i++) {
            boolean sep = i < splitEnd && (v.charAt(i) == '.' || v.charAt(i) == '_');
            if (i == splitEnd || sep) {
                int ce = i == splitEnd ? to : i;
                if (ce == cs) {
                    fail(cs, "empty version component");
                }
                component(cs, ce, fill);
                cs = i + 1;
            }
        }
    }

    /** One component: runs of digits, of '*' and of other characters; a leading non-digit gets a 0 in front. */
    private void component(int cs, int ce, boolean fill) {
        if (!isDigit(v.charAt(cs))) {
            if (fill) {
                parts[partCount] = 0;
            }
            partCount++;
        }
        int rs = cs;
        for (int i = cs + 1; i <= ce; i++) {
            if (i == ce || kind(v.charAt(i)) != kind(v.charAt(rs))) {
                if (fill) {
                    run(rs, i);
                }
                partCount++;
                rs = i;
            }
        }
        if (fill) {
            ends[componentCount] = partCount;
        }
        componentCount++;
    }

    private void run(int rs, int re) {
        char c = v.charAt(rs);
        if (isDigit(c)) {
            int z = rs;
            while (z < re - 1 && v.charAt(z) == '0') {
                z++;
            }
            if (re - z <= MAX_LONG_DIGITS) {
                long value = 0;
                for (int i = z; i < re; i++) {
                    value = value * 10 + (v.charAt(i) - '0');
                }
                parts[partCount] = value;
            } else {
                parts[partCount] = Version.HUGE;
                string(v.substring(z, re));
            }
        } else if (re - rs == 4 && v.startsWith("post", rs)) {
            parts[partCount] = Version.POST;
        } else if (re - rs == 3 && v.startsWith("dev", rs)) {
            parts[partCount] = Version.STRING;
            string(Version.DEV);
        } else {
            parts[partCount] = Version.STRING;
            string(v.substring(rs, re));
        }
    }

    private void string(String s) {
        if (strings == null) {
            strings = new String[parts.length];
        }
        strings[partCount] = s;
    }

    private static int kind(char c) {
        return isDigit(c) ? 0 : c == '*' ? 1 : 2;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void fail(int index, String why) {
        throw new InvalidVersionException(original, lead + index, why);
    }
}
