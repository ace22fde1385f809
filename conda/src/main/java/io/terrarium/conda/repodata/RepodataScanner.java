package io.terrarium.conda.repodata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Walks a repodata document's bytes once, validating the JSON, and reports where each record's object lies instead of
 * parsing it: the first pass of a lazy load.
 *
 * <p>A general JSON tokenizer spends its time producing tokens nobody reads; here only the top-level keys, the
 * record keys (file names) and each record's {@code name} and {@code record_version} are decoded, and everything else
 * is skipped byte by byte (still checked: strings, escapes, numbers, literals, nesting). {@code info} and
 * {@code removed} are handed to the parser as byte ranges. Errors name the line and column, as Jackson's do.
 */
final class RepodataScanner {
    private static final int MAX_DEPTH = 64;
    private static final byte[] NAME = "name".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECORD_VERSION = "record_version".getBytes(StandardCharsets.US_ASCII);

    /** What the scan reports, in document order. */
    interface Sink {
        /** The {@code info} or {@code removed} value lies in {@code [start, end)}. */
        void section(String key, int start, int end);

        /** Record {@code fn}'s object lies in {@code [start, end)}; {@code name} is its name field or null. */
        void record(String fn, String name, long recordVersion, int start, int end);
    }

    private final ByteBuffer buf;
    private final int limit;
    private final String displayName;
    private final RepodataParser strings;
    private byte[] scratch = new byte[256];
    private int pos;
    // the last string read by rawString(): content range and whether it holds escapes
    private int strStart;
    private int strEnd;
    private boolean strEscaped;

    RepodataScanner(ByteBuffer buf, String displayName, RepodataParser strings) {
        this.buf = buf;
        this.limit = buf.limit();
        this.displayName = displayName;
        this.strings = strings;
    }

    void scan(Sink sink) {
        ws();
        if (pos >= limit) {
            return;
        } // empty input means {}
        if (peek() != '{') {
            throw error("expected a JSON object at the top level, found " + describe());
        }
        if (!enterEmpty('}')) {
            while (true) {
                ws();
                String key = decodedString();
                colon();
                int start = pos;
                switch (key) {
                    case "packages", "packages.conda" -> packages(key, sink);
                    case "info", "removed" -> {
                        skipValue(1);
                        sink.section(key, start, pos);
                    }
                    default -> skipValue(1);
                }
                if (endOfMembers()) {
                    break;
                }
            }
        }
        ws();
        if (pos < limit) {
            throw error("unexpected content after the top-level object");
        }
    }

    private void packages(String section, Sink sink) {
        byte b = peek();
        if (b == 'n') {
            literal("null");
            return;
        }
        if (b != '{') {
            throw error("'" + section + "' must be an object, found " + describe());
        }
        if (enterEmpty('}')) {
            return;
        }
        while (true) {
            ws();
            String fn = decodedString();
            colon();
            if (peek() != '{') {
                throw error("record '" + fn + "' must be an object, found " + describe());
            }
            record(fn, sink);
            if (endOfMembers()) {
                return;
            }
        }
    }

    /** The record object at {@code pos}: reports its range with its name and record_version. */
    private void record(String fn, Sink sink) {
        int start = pos;
        String name = null;
        long recordVersion = 0;
        if (!enterEmpty('}')) {
            while (true) {
                ws();
                rawString();
                int ks = strStart, ke = strEnd;
                boolean escaped = strEscaped;
                colon();
                if (!escaped && is(NAME, ks, ke)) {
                    name = scalarText("name");
                } else if (!escaped && is(RECORD_VERSION, ks, ke)) {
                    String v = scalarText("record_version");
                    recordVersion = v == null ? 0 : parseLong(v.trim(), "record_version");
                } else {
                    skipValue(3);
                }
                if (endOfMembers()) {
                    break;
                }
            }
        }
        sink.record(fn, name, recordVersion, start, pos);
    }

    /** A scalar's text (a string decoded, a number or boolean as written), null for null; objects and lists fail. */
    private String scalarText(String field) {
        byte b = peek();
        if (b == '"') {
            return decodedString();
        }
        int s = pos;
        if (b == '{' || b == '[') {
            throw error("'" + field + "' must be a string, found " + describe());
        }
        skipValue(3);
        if (b == 'n') {
            return null;
        }
        return ascii(s, pos);
    }

    private long parseLong(String v, String field) {
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(v);
            } catch (NumberFormatException e2) {
                throw error("'" + field + "' must be a number, found \"" + v + "\"");
            }
        }
    }

    /** At a '{' or '[': steps inside; when the next token is {@code close} (an empty container), steps past it too. */
    private boolean enterEmpty(char close) {
        pos++;
        ws();
        if (peek() != close) {
            return false;
        }
        pos++;
        return true;
    }

    /** After a member's value: true at the object's closing brace, false before the next member. */
    private boolean endOfMembers() {
        ws();
        byte b = peek();
        pos++;
        if (b == ',') {
            return false;
        }
        if (b == '}') {
            return true;
        }
        pos--;
        throw error("expected ',' or '}' after an object member, found " + describe());
    }

    private void colon() {
        ws();
        if (peek() != ':') {
            throw error("expected ':' after an object key, found " + describe());
        }
        pos++;
        ws();
    }

    private void skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        byte b = peek();
        switch (b) {
            case '"' -> rawString();
            case '{' -> {
                if (enterEmpty('}')) {
                    return;
                }
                while (true) {
                    ws();
                    rawString();
                    colon();
                    skipValue(depth + 1);
                    if (endOfMembers()) {
                        return;
                    }
                }
            }
            case '[' -> {
                if (enterEmpty(']')) {
                    return;
                }
                while (true) {
                    ws();
                    skipValue(depth + 1);
                    ws();
                    byte c = peek();
                    pos++;
                    if (c == ']') {
                        return;
                    }
                    if (c != ',') {
                        pos--;
                        throw error("expected ',' or ']' in a list, found " + describe());
                    }
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (b == '-' || (b >= '0' && b <= '9')) {
                    number();
                } else {
                    throw error("unexpected character " + describe() + ": expected a value");
                }
            }
        }
    }

    private void number() {
        int s = pos;
        if (peek() == '-') {
            pos++;
        }
        int d = digits();
        if (d == 0 || (d > 1 && buf.get(pos - d) == '0')) {
            throw errorAt(s, "malformed number");
        }
        if (pos < limit && buf.get(pos) == '.') {
            pos++;
            if (digits() == 0) {
                throw errorAt(s, "malformed number: no digit after '.'");
            }
        }
        if (pos < limit && (buf.get(pos) | 0x20) == 'e') {
            pos++;
            if (pos < limit && (buf.get(pos) == '+' || buf.get(pos) == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw errorAt(s, "malformed number: no digit in the exponent");
            }
        }
    }

    private int digits() {
        int s = pos;
        while (pos < limit) {
            byte c = buf.get(pos);
            if (c < '0' || c > '9') {
                break;
            }
            pos++;
        }
        return pos - s;
    }

    private void literal(String word) {
        int n = word.length();
        if (pos + n > limit) {
            throw error("unexpected end of input: expected '" + word + "'");
        }
        for (int i = 0; i < n; i++) {
            if (buf.get(pos + i) != word.charAt(i)) {
                throw error("unexpected token: expected '" + word + "'");
            }
        }
        pos += n;
    }

    /** Skips a string, leaving its content range in strStart/strEnd; checks escapes and control characters. */
    private void rawString() {
        if (peek() != '"') {
            throw error("expected a string, found " + describe());
        }
        int s = ++pos;
        boolean escaped = false;
        while (true) {
            if (pos >= limit) {
                throw errorAt(s - 1, "unexpected end of input in a string");
            }
            byte c = buf.get(pos);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escaped = true;
                if (pos + 1 >= limit) {
                    throw errorAt(s - 1, "unexpected end of input in a string");
                }
                byte e = buf.get(pos + 1);
                if (e == 'u') {
                    for (int i = 2; i < 6; i++) {
                        if (pos + i >= limit || Character.digit(buf.get(pos + i), 16) < 0) {
                            throw error("invalid \\u escape in a string");
                        }
                    }
                    pos += 6;
                    continue;
                }
                if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw error("invalid escape '\\" + (char) e + "' in a string");
                }
                pos += 2;
                continue;
            }
            if (c >= 0 && c < 0x20) {
                throw error("unescaped control character in a string");
            }
            pos++;
        }
        strStart = s;
        strEnd = pos;
        strEscaped = escaped;
        pos++;
    }

    /** Reads a string and decodes it (UTF-8; escapes through the parser, they are rare). */
    private String decodedString() {
        int quote = pos;
        rawString();
        if (strEscaped) {
            return strings.decodeJsonString(buf, quote, pos);
        }
        int len = strEnd - strStart;
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        buf.get(strStart, scratch, 0, len);
        return new String(scratch, 0, len, StandardCharsets.UTF_8);
    }

    private String ascii(int s, int e) {
        int len = e - s;
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        buf.get(s, scratch, 0, len);
        return new String(scratch, 0, len, StandardCharsets.ISO_8859_1);
    }

    private boolean is(byte[] word, int s, int e) {
        if (e - s != word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (buf.get(s + i) != word[i]) {
                return false;
            }
        }
        return true;
    }

    private void ws() {
        while (pos < limit) {
            byte c = buf.get(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private byte peek() {
        if (pos >= limit) {
            throw error("unexpected end of input");
        }
        return buf.get(pos);
    }

    private String describe() {
        if (pos >= limit) {
            return "end of input";
        }
        byte b = buf.get(pos);
        return switch (b) {
            case '{' -> "an object";
            case '[' -> "a list";
            case '"' -> "a string";
            case 't', 'f' -> "a boolean";
            case 'n' -> "null";
            default ->
                (b == '-' || (b >= '0' && b <= '9'))
                        ? "a number"
                        : b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xFF);
        };
    }

    private RepodataException error(String what) {
        return errorAt(pos, what);
    }

    /** Line and column (1-based, in characters) of a byte offset: counted only when reporting an error. */
    private RepodataException errorAt(int at, String what) {
        int line = 1, lineStart = 0;
        int end = Math.min(at, limit);
        for (int i = 0; i < end; i++) {
            if (buf.get(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < end; i++) {
            if ((buf.get(i) & 0xC0) != 0x80) {
                column++;
            } // count UTF-8 lead bytes only
        }
        return new RepodataException(
                "malformed repodata " + displayName + " at line " + line + ", column " + column + ": " + what);
    }
}
