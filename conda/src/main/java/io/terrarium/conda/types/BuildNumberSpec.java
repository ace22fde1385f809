package io.terrarium.conda.types;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A constraint on a record's build number: {@code 3}, {@code *}, {@code ==3}, {@code !=3}, {@code <3}, {@code <=3},
 * {@code >3}, {@code >=3}, {@code =3} (same as {@code ==3}) or a {@code ^...$} regex over the decimal number.
 */
public final class BuildNumberSpec {
    private enum Op {
        ANY,
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE,
        REGEX
    }

    private final Op op;
    private final long value;
    private final Pattern regex;
    private final String text;

    private BuildNumberSpec(Op op, long value, Pattern regex, String text) {
        this.op = op;
        this.value = value;
        this.regex = regex;
        this.text = text;
    }

    /**
     * Parses a build number spec.
     *
     * @throws MatchSpecParseException saying where and why
     */
    public static BuildNumberSpec parse(String text) {
        if (text == null) {
            throw new MatchSpecParseException("invalid build number spec: null");
        }
        String s = text.strip();
        if (s.isEmpty()) {
            throw error(text, 0, "empty build number");
        }
        if (s.equals("*")) {
            return new BuildNumberSpec(Op.ANY, 0, null, s);
        }
        if (StringMatcher.isRegex(s)) {
            try {
                return new BuildNumberSpec(Op.REGEX, 0, Pattern.compile(s), s);
            } catch (PatternSyntaxException e) {
                throw error(text, 0, "invalid regular expression: " + e.getDescription());
            }
        }
        int n = 0;
        Op op = Op.EQ;
        if (s.startsWith("==")) {
            n = 2;
        } else if (s.startsWith("!=")) {
            op = Op.NE;
            n = 2;
        } else if (s.startsWith("<=")) {
            op = Op.LE;
            n = 2;
        } else if (s.startsWith(">=")) {
            op = Op.GE;
            n = 2;
        } else if (s.startsWith("<")) {
            op = Op.LT;
            n = 1;
        } else if (s.startsWith(">")) {
            op = Op.GT;
            n = 1;
        } else if (s.startsWith("=")) {
            n = 1;
        }
        String digits = s.substring(n);
        if (digits.isEmpty()) {
            throw error(text, n, "missing number after '" + s.substring(0, n) + "'");
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw error(
                        text, n + i, "a build number is a non-negative integer, optionally after ==, !=, <, <=, >, >=");
            }
        }
        if (digits.length() > 18) {
            throw error(text, n, "build number too large");
        }
        return new BuildNumberSpec(op, Long.parseLong(digits), null, s);
    }

    private static MatchSpecParseException error(String text, int index, String reason) {
        return new MatchSpecParseException(
                "invalid build number spec '" + text + "': " + reason + " (at column " + (index + 1) + ")",
                text,
                index,
                reason);
    }

    public boolean matches(long buildNumber) {
        switch (op) {
            case ANY:
                return true;
            case EQ:
                return buildNumber == value;
            case NE:
                return buildNumber != value;
            case LT:
                return buildNumber < value;
            case LE:
                return buildNumber <= value;
            case GT:
                return buildNumber > value;
            case GE:
                return buildNumber >= value;
            case REGEX:
                return regex.matcher(Long.toString(buildNumber)).find();
            default:
                throw new AssertionError(op);
        }
    }

    /** True for a plain number ({@code 3} or {@code ==3}). */
    public boolean isExact() {
        return op == Op.EQ;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuildNumberSpec b && text.equals(b.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
