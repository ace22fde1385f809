package io.terrarium.conda.pip.requirement;

import io.terrarium.conda.pip.version.InvalidPipVersionException;
import io.terrarium.conda.pip.version.SpecifierSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A recursive-descent parser for the PEP 508 grammar, over one requirement or marker string. */
final class RequirementParser {
    private static final String[] OPERATORS = {"===", "~=", "==", "!=", "<=", ">=", "<", ">"};

    private final String text;
    private int pos;

    RequirementParser(String text) {
        this.text = text == null ? "" : text;
    }

    Requirement requirement() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a package name");
        }
        PackageName name;
        try {
            name = PackageName.of(text.substring(start, pos));
        } catch (InvalidRequirementException e) {
            throw error("invalid package name '" + text.substring(start, pos) + "'");
        }
        skipSpace();
        TreeSet<String> extras = new TreeSet<>();
        if (peek('[')) {
            pos++;
            skipSpace();
            while (!peek(']')) {
                String extra = identifier("an extra name");
                extras.add(PackageName.normalize(extra));
                skipSpace();
                if (peek(',')) {
                    pos++;
                    skipSpace();
                } else if (!peek(']')) {
                    throw error("expected ',' or ']' after extra '" + extra + "'");
                }
            }
            pos++;
            skipSpace();
        }
        SpecifierSet specs = SpecifierSet.any();
        String url = null;
        if (peek('@')) {
            pos++;
            skipSpace();
            int u = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            url = text.substring(u, pos);
            if (url.isEmpty() || !url.contains(":")) {
                throw error("expected a URL after '@'");
            }
            int ws = pos;
            skipSpace();
            if (pos < text.length() && ws == pos) {
                throw error("expected a space after the URL");
            }
        } else {
            boolean paren = peek('(');
            if (paren) {
                pos++;
            }
            int s = pos;
            while (pos < text.length() && text.charAt(pos) != ';' && (!paren || text.charAt(pos) != ')')) {
                pos++;
            }
            String spec = text.substring(s, pos).strip();
            if (paren) {
                if (!peek(')')) {
                    throw error("expected ')' to close the version specifier");
                }
                pos++;
            }
            if (!spec.isEmpty()) {
                try {
                    specs = SpecifierSet.parse(spec);
                } catch (InvalidPipVersionException e) {
                    throw new InvalidRequirementException(
                            "invalid requirement '" + text.strip() + "': " + e.getMessage());
                }
            }
            skipSpace();
        }
        Marker marker = null;
        if (peek(';')) {
            pos++;
            marker = markerRest();
        }
        skipSpace();
        if (pos < text.length()) {
            throw error("unexpected '" + text.substring(pos) + "'");
        }
        return new Requirement(name, extras, specs, url, marker);
    }

    Marker marker() {
        return markerRest();
    }

    private Marker markerRest() {
        int start = pos;
        Marker.Node root = or();
        skipSpace();
        if (pos < text.length()) {
            throw error("expected 'and', 'or' or the end of the marker");
        }
        return new Marker(root, text.substring(start).strip().replaceAll("\\s+", " "));
    }

    private Marker.Node or() {
        List<Marker.Node> terms = new ArrayList<>(List.of(and()));
        while (keyword("or")) {
            terms.add(and());
        }
        return terms.size() == 1 ? terms.get(0) : new Marker.Or(terms);
    }

    private Marker.Node and() {
        List<Marker.Node> terms = new ArrayList<>(List.of(atom()));
        while (keyword("and")) {
            terms.add(atom());
        }
        return terms.size() == 1 ? terms.get(0) : new Marker.And(terms);
    }

    private Marker.Node atom() {
        skipSpace();
        if (peek('(')) {
            pos++;
            Marker.Node inner = or();
            skipSpace();
            if (!peek(')')) {
                throw error("expected ')'");
            }
            pos++;
            return inner;
        }
        String[] lhs = markerValue();
        skipSpace();
        String op = operator();
        String[] rhs = markerValue();
        if (lhs[1] == null && rhs[1] == null) {
            throw error("a marker comparison needs a variable on one side");
        }
        return new Marker.Compare(lhs[0], lhs[1] != null, op, rhs[0], rhs[1] != null);
    }

    /** {value, "var"} for a variable, {value, null} for a quoted string. */
    private String[] markerValue() {
        skipSpace();
        if (peek('"') || peek('\'')) {
            char q = text.charAt(pos++);
            int end = text.indexOf(q, pos);
            if (end < 0) {
                throw error("unterminated string");
            }
            String s = text.substring(pos, end);
            pos = end + 1;
            return new String[] {s, null};
        }
        int start = pos;
        while (pos < text.length()
                && (Character.isLetterOrDigit(text.charAt(pos))
                        || text.charAt(pos) == '_'
                        || text.charAt(pos) == '.')) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (!Marker.VARIABLES.contains(name)) {
            pos = start;
            throw error(
                    name.isEmpty()
                            ? "expected a marker variable or a quoted string"
                            : "unknown marker variable '" + name + "'");
        }
        return new String[] {name, "var"};
    }

    private String operator() {
        for (String op : OPERATORS) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        if (keyword("in")) {
            return "in";
        }
        if (keyword("not")) {
            if (keyword("in")) {
                return "not in";
            }
            throw error("expected 'in' after 'not'");
        }
        throw error("expected a comparison operator");
    }

    private boolean keyword(String k) {
        int save = pos;
        skipSpace();
        if (text.startsWith(k, pos)
                && (pos + k.length() == text.length() || !Character.isLetterOrDigit(text.charAt(pos + k.length())))) {
            pos += k.length();
            return true;
        }
        pos = save;
        return false;
    }

    private String identifier(String what) {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected " + what);
        }
        return text.substring(start, pos);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private InvalidRequirementException error(String problem) {
        return new InvalidRequirementException(
                "invalid requirement '" + text.strip() + "': " + problem + " at column " + (pos + 1));
    }
}
