package io.terrarium.conda.types;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive-descent parser for conda version specs: {@code or := and ('|' and)*}, {@code and := term (',' term)*},
 * {@code term := '(' or ')' | ^regex$ | clause}. Clauses follow conda's {@code VersionSpec.get_matcher}.
 */
final class VersionSpecParser {
    private final String text;
    private int pos;

    private VersionSpecParser(String text) {
        this.text = text;
    }

    static VersionSpec parse(String text) {
        if (text == null) {
            throw new MatchSpecParseException("invalid version spec: null");
        }
        VersionSpecParser p = new VersionSpecParser(text);
        p.skipSpace();
        if (p.pos == text.length()) {
            throw p.error(0, "empty version spec");
        }
        VersionSpec spec = p.or();
        p.skipSpace();
        if (p.pos < text.length()) {
            char c = text.charAt(p.pos);
            throw p.error(p.pos, c == ')' ? "unbalanced ')'" : "unexpected '" + c + "'");
        }
        return spec;
    }

    private VersionSpec or() {
        List<VersionSpec> terms = new ArrayList<>(2);
        add(terms, and(), VersionSpec.Or.class);
        while (peek() == '|') {
            pos++;
            add(terms, and(), VersionSpec.Or.class);
        }
        return terms.size() == 1 ? terms.get(0) : new VersionSpec.Or(terms.toArray(new VersionSpec[0]));
    }

    private VersionSpec and() {
        List<VersionSpec> terms = new ArrayList<>(2);
        add(terms, term(), VersionSpec.And.class);
        while (peek() == ',') {
            pos++;
            add(terms, term(), VersionSpec.And.class);
        }
        return terms.size() == 1 ? terms.get(0) : new VersionSpec.And(terms.toArray(new VersionSpec[0]));
    }

    /** Fuses nested groups of the same operator, as conda does ({@code (a|b)|c} is {@code a|b|c}). */
    private static void add(List<VersionSpec> terms, VersionSpec t, Class<?> kind) {
        if (kind == VersionSpec.Or.class && t instanceof VersionSpec.Or o) {
            terms.addAll(List.of(o.terms()));
        } else if (kind == VersionSpec.And.class && t instanceof VersionSpec.And a) {
            terms.addAll(List.of(a.terms()));
        } else {
            terms.add(t);
        }
    }

    private VersionSpec term() {
        skipSpace();
        if (pos >= text.length()) {
            throw error(
                    pos, pos == 0 ? "empty version spec" : "expected a version after '" + text.charAt(pos - 1) + "'");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            int open = pos++;
            VersionSpec inner = or();
            if (peek() != ')') {
                throw error(open, "'(' is never closed");
            }
            pos++;
            return inner;
        }
        if (c == ')' || c == '|' || c == ',') {
            throw error(
                    pos,
                    pos == 0
                            ? "expected a version before '" + c + "'"
                            : "expected a version between '" + text.charAt(lastNonSpace(pos)) + "' and '" + c + "'");
        }
        int start = pos;
        if (c == '^') {
            int dollar = text.indexOf('$', pos);
            if (dollar >= 0) {
                pos = dollar + 1;
                return clause(start, pos);
            }
        }
        while (pos < text.length() && "()|,".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return clause(start, pos);
    }

    private int lastNonSpace(int before) {
        int i = before - 1;
        while (i > 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i;
    }

    /** One clause, text[from, to) (conda's {@code get_matcher} on a plain string). */
    private VersionSpec clause(int from, int to) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        String s = text.substring(from, to);
        char first = s.charAt(0);
        char last = s.charAt(s.length() - 1);
        if (first == '^' || last == '$') {
            if (first != '^' || last != '$' || s.length() < 2) {
                throw error(from, "a regex spec must start with '^' and end with '$'");
            }
            try {
                return new VersionSpec.Regex(Pattern.compile(s));
            } catch (PatternSyntaxException e) {
                throw error(from + Math.max(0, e.getIndex()), "invalid regular expression: " + e.getDescription());
            }
        }
        if ("=<>!~".indexOf(first) >= 0) {
            return relation(s, from);
        }
        if (s.equals("*")) {
            return VersionSpec.ANY;
        }
        int body = s.length();
        while (body > 0 && s.charAt(body - 1) == '*') {
            body--;
        }
        if (s.lastIndexOf('*', body - 1) >= 0) {
            checkSpaces(s, from);
            return new VersionSpec.Glob(s);
        }
        if (body < s.length()) {
            // 1.7* and 1.7.* both mean "starts with 1.7"; conda prints them as 1.7.*
            String canonical = s.endsWith(".*") ? s : s.substring(0, s.length() - 1) + ".*";
            int end = body;
            while (end > 0 && s.charAt(end - 1) == '.') {
                end--;
            }
            if (end == 0) {
                throw error(from, "missing version before '*'");
            }
            Version v = version(s.substring(0, end), from);
            return new VersionSpec.Relation(VersionSpec.Op.STARTS_WITH, v, null, canonical);
        }
        if (s.indexOf('@') >= 0) {
            return new VersionSpec.ExactText(s);
        }
        Version v = version(s, from);
        return new VersionSpec.Relation(VersionSpec.Op.EQ, v, null, s);
    }

    private VersionSpec relation(String s, int from) {
        String op;
        if (s.length() >= 2 && isTwoCharOp(s.substring(0, 2))) {
            op = s.substring(0, 2);
        } else if ("=<>".indexOf(s.charAt(0)) >= 0) {
            op = s.substring(0, 1);
        } else {
            throw error(from, "invalid operator '" + s.charAt(0) + "' (expected ==, !=, <, <=, >, >=, = or ~=)");
        }
        int vs = op.length();
        if (vs == s.length()) {
            throw error(from + vs, "missing version after '" + op + "'");
        }
        if ("=<>!~".indexOf(s.charAt(vs)) >= 0) {
            throw error(from, "invalid operator '" + op + s.charAt(vs) + "'");
        }
        checkSpaces(s, from);
        String vo = s.substring(vs);
        VersionSpec.Op kind = switch (op) {
            case "==" -> VersionSpec.Op.EQ;
            case "!=" -> VersionSpec.Op.NE;
            case "<" -> VersionSpec.Op.LT;
            case "<=" -> VersionSpec.Op.LE;
            case ">" -> VersionSpec.Op.GT;
            case ">=" -> VersionSpec.Op.GE;
            case "=" -> VersionSpec.Op.STARTS_WITH;
            case "~=" -> VersionSpec.Op.COMPATIBLE;
            default -> throw new AssertionError(op);
        };
        if (vo.endsWith(".*") || (kind == VersionSpec.Op.STARTS_WITH && vo.endsWith("*"))) {
            if (kind == VersionSpec.Op.COMPATIBLE) {
                throw error(from, "'~=' cannot be combined with '.*'");
            }
            if (kind == VersionSpec.Op.NE) {
                kind = VersionSpec.Op.NOT_STARTS_WITH;
            }
            // conda ignores a trailing .* after other operators (>=1.2.* is >=1.2)
            vo = vo.endsWith(".*") ? vo.substring(0, vo.length() - 2) : vo.substring(0, vo.length() - 1);
            if (vo.isEmpty()) {
                throw error(from + vs, "missing version before '*'");
            }
        }
        Version v = version(vo, from + vs);
        Version prefix = null;
        if (kind == VersionSpec.Op.COMPATIBLE) {
            String norm = v.normalized();
            int dot = norm.lastIndexOf('.');
            if (dot <= 0) {
                throw error(from + vs, "'~=' needs a version with at least two components, e.g. ~=1.4");
            }
            prefix = version(norm.substring(0, dot), from + vs);
        }
        return new VersionSpec.Relation(kind, v, prefix, s);
    }

    private static boolean isTwoCharOp(String op) {
        return op.equals("==") || op.equals("!=") || op.equals("<=") || op.equals(">=") || op.equals("~=");
    }

    private void checkSpaces(String s, int from) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                throw error(from + i, "unexpected space inside a version");
            }
        }
    }

    private Version version(String v, int at) {
        try {
            return Version.parse(v);
        } catch (InvalidVersionException e) {
            throw error(at + Math.max(0, e.index()), e.reason());
        }
    }

    private char peek() {
        skipSpace();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private MatchSpecParseException error(int index, String reason) {
        return new MatchSpecParseException(
                "invalid version spec '" + text + "': " + reason + " (at column " + (index + 1) + ")",
                text,
                index,
                reason);
    }
}
