package io.terrarium.conda.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes JSON as plain Java trees (maps, lists, strings, numbers, booleans, null) on Jackson core.
 *
 * <p>Objects become {@link LinkedHashMap} (key order kept), arrays {@link ArrayList}, integers {@link Long} (or
 * {@link BigInteger} when too large), other numbers {@link Double}. For small documents such as a package's
 * {@code info/*.json} or a conda-meta record; large files (repodata) should stream with Jackson directly.
 * Writing accepts any {@link Map}, {@link Collection}, array of objects, {@link CharSequence}, {@link Number},
 * {@link Boolean}, {@link Enum} (its name) or null.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();

    private Json() {}

    /** The shared Jackson factory, for callers that stream large documents themselves. */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /** Parses one JSON value from text. */
    public static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            return readDocument(p);
        } catch (JsonProcessingException e) {
            throw formatError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one JSON value from a stream (UTF-8 or detected encoding); the stream is not closed. */
    public static Object parse(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            return readDocument(p);
        } catch (JsonProcessingException e) {
            throw formatError(e);
        }
    }

    private static JsonFormatException formatError(JsonProcessingException e) {
        return new JsonFormatException(
                e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr(),
                e);
    }

    /** Parses a JSON file; errors name the file. */
    public static Object read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (JsonFormatException e) {
            throw new JsonFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a JSON file that must hold an object. */
    public static Map<String, Object> readObject(Path file) throws IOException {
        Object v = read(file);
        if (!(v instanceof Map)) {
            throw new JsonFormatException(file + ": expected a JSON object, found " + describe(v));
        }
        return asObject(v);
    }

    /** Parses text that must hold a JSON object. */
    public static Map<String, Object> parseObject(String text) {
        Object v = parse(text);
        if (!(v instanceof Map)) {
            throw new JsonFormatException("expected a JSON object, found " + describe(v));
        }
        return asObject(v);
    }

    /** Reads the value at the parser's current (or next) token; the parser is left on the value's last token. */
    public static Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            t = p.nextToken();
        }
        if (t == null) {
            throw new JsonFormatException("empty JSON document");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    m.put(key, readValue(p));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(readValue(p));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonFormatException("unexpected JSON token " + t + " at line "
                        + p.currentLocation().getLineNr());
        }
    }

    private static Object readDocument(JsonParser p) throws IOException {
        Object v = readValue(p);
        if (p.nextToken() != null) {
            throw new JsonFormatException("trailing content after the JSON value at line "
                    + p.currentLocation().getLineNr());
        }
        return v;
    }

    /** Compact JSON text of a tree. */
    public static String write(Object value) {
        return toString(value, false);
    }

    /** Indented JSON text (two spaces, as conda writes its metadata) of a tree. */
    public static String writePretty(Object value) {
        return toString(value, true);
    }

    private static String toString(Object value, boolean pretty) {
        StringWriter w = new StringWriter();
        try {
            write(value, w, pretty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** UTF-8 bytes of the JSON text of a tree. */
    public static byte[] toBytes(Object value, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(value, out, pretty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a tree as UTF-8 JSON; the stream is not closed. */
    public static void write(Object value, OutputStream out, boolean pretty) throws IOException {
        writeDocument(FACTORY.createGenerator(out), value, pretty);
    }

    /** Writes a tree as JSON text; the writer is not closed. */
    public static void write(Object value, Writer out, boolean pretty) throws IOException {
        writeDocument(FACTORY.createGenerator(out), value, pretty);
    }

    /** Writes a tree to a file (pretty, with a trailing newline), replacing it. */
    public static void writeFile(Path file, Object value) throws IOException {
        byte[] bytes = toBytes(value, true);
        byte[] withNewline = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, withNewline, 0, bytes.length);
        withNewline[bytes.length] = '\n';
        Files.write(file, withNewline);
    }

    /** Writes one document with a fresh generator and closes it, leaving its target open. */
    private static void writeDocument(JsonGenerator generator, Object value, boolean pretty) throws IOException {
        try (JsonGenerator g = generator) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            configure(g, pretty);
            writeValue(g, value);
        }
    }

    private static void configure(JsonGenerator g, boolean pretty) {
        if (pretty) {
            // conda's layout: two-space indent, "key": value, empty containers as [] and {}
            Separators seps = Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("")
                    .withObjectEmptySeparator("");
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter(seps);
            pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
            pp.indentArraysWith(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
        }
    }

    /** Writes one tree value with an open generator. */
    public static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Object[] a) {
            g.writeStartArray();
            for (Object o : a) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof CharSequence s) {
            g.writeString(s.toString());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Enum<?> e) {
            g.writeString(e.name());
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    // ---- typed accessors for trees ----

    /** Casts a tree node known to be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object v) {
        return (Map<String, Object>) v;
    }

    /** The string at {@code key}, or null when absent or JSON null; other types are an error naming the key. */
    public static String string(Map<String, Object> obj, String key) {
        Object v = obj.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v); // e.g. an unquoted version 1.0 in a hand-written index.json
        }
        throw new JsonFormatException("'" + key + "' must be a string, found " + describe(v));
    }

    /** The integer at {@code key}, or {@code dflt} when absent or null. */
    public static long integer(Map<String, Object> obj, String key, long dflt) {
        Object v = obj.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // fall through to the error
            }
        }
        throw new JsonFormatException("'" + key + "' must be an integer, found " + describe(v));
    }

    /** The boolean at {@code key}, or {@code dflt} when absent or null. */
    public static boolean bool(Map<String, Object> obj, String key, boolean dflt) {
        Object v = obj.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new JsonFormatException("'" + key + "' must be true or false, found " + describe(v));
    }

    /** The list of strings at {@code key}; empty when absent or null. */
    public static List<String> strings(Map<String, Object> obj, String key) {
        Object v = obj.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new JsonFormatException("'" + key + "' must be a list of strings, found " + describe(v));
        }
        List<String> out = new ArrayList<>(l.size());
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw new JsonFormatException(
                        "'" + key + "' must be a list of strings, found an element " + describe(o));
            }
            out.add(s);
        }
        return out;
    }

    /** A short description of a node's JSON type, for error messages. */
    public static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v instanceof Boolean) {
            return "the boolean " + v;
        }
        if (v instanceof Number) {
            return "the number " + v;
        }
        return v.getClass().getSimpleName();
    }
}
