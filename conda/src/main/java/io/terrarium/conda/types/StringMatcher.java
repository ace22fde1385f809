package io.terrarium.conda.types;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How conda matches a string field of a record against a spec value: {@code ^...$} is a regular expression, a
 * value with {@code *} is a glob, anything else must be equal. Optionally case-insensitive (names, licenses).
 */
final class StringMatcher {
    private final String text;
    private final boolean ignoreCase;
    private final GlobMatcher glob;
    private final Pattern regex;

    private StringMatcher(String text, boolean ignoreCase, GlobMatcher glob, Pattern regex) {
        this.text = text;
        this.ignoreCase = ignoreCase;
        this.glob = glob;
        this.regex = regex;
    }

    /**
     * @throws IllegalArgumentException with the regex error when a {@code ^...$} value is not a valid pattern
     */
    static StringMatcher of(String text, boolean ignoreCase) {
        if (isRegex(text)) {
            try {
                return new StringMatcher(
                        text, ignoreCase, null, Pattern.compile(text, ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression '" + text + "': " + e.getDescription());
            }
        }
        if (text.indexOf('*') >= 0) {
            return new StringMatcher(text, ignoreCase, new GlobMatcher(text, ignoreCase), null);
        }
        return new StringMatcher(text, ignoreCase, null, null);
    }

    /** conda's rule for a regular expression value: {@code ^...$}. */
    static boolean isRegex(String text) {
        return text.length() >= 2 && text.startsWith("^") && text.endsWith("$");
    }

    boolean matches(String s) {
        if (s == null) {
            return false;
        }
        if (glob != null) {
            return glob.matches(s);
        }
        if (regex != null) {
            return regex.matcher(s).find();
        }
        return ignoreCase ? text.equalsIgnoreCase(s) : text.equals(s);
    }

    /** True when the value is a plain string (no glob, no regex). */
    boolean isExact() {
        return glob == null && regex == null;
    }

    /** True for {@code *}. */
    boolean matchesAll() {
        return "*".equals(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
