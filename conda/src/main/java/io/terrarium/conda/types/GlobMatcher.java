package io.terrarium.conda.types;

/**
 * A shell-style glob where {@code *} matches any run of characters and everything else matches itself; matching
 * allocates nothing (the hot path of build-string and name matching).
 */
final class GlobMatcher {
    private final String pattern;
    private final boolean ignoreCase;
    /** Pattern without its single trailing '*' when that is the only '*' (the common {@code py27_*}). */
    private final String literalPrefix;

    GlobMatcher(String pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        int star = pattern.indexOf('*');
        this.literalPrefix = star == pattern.length() - 1 ? pattern.substring(0, star) : null;
    }

    boolean matches(String s) {
        if (literalPrefix != null) {
            return s.regionMatches(ignoreCase, 0, literalPrefix, 0, literalPrefix.length());
        }
        int p = 0, i = 0, starP = -1, starI = 0;
        int pn = pattern.length(), sn = s.length();
        while (i < sn) {
            if (p < pn && pattern.charAt(p) == '*') {
                starP = p++;
                starI = i;
            } else if (p < pn && same(pattern.charAt(p), s.charAt(i))) {
                p++;
                i++;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < pn && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pn;
    }

    private boolean same(char a, char b) {
        return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
    }

    @Override
    public String toString() {
        return pattern;
    }
}
