package io.terrarium.domain.model.specification;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * conda-store's content hash of a specification ({@code datastructure_hash}): every object sorted by key and every
 * list sorted, serialised exactly as Python's {@code json.dumps} does, then SHA-256 in hex.
 *
 * <p>Lists sort by Python's key: {@code str(type)} for containers and {@code "{type}-{value}"} for scalars, so that
 * hashes (and the v1/v2 build keys derived from them) match an existing conda-store database.
 */
public final class SpecificationHash {

    private static final Comparator<String> CODE_POINT_ORDER = SpecificationHash::compareCodePoints;

    private SpecificationHash() {}

    /** @return the 64 hex digit SHA-256 of the canonical form of a JSON-like tree */
    public static String of(Object tree) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonicalJson(tree).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return the text Python's {@code json.dumps(recursive_sort(tree))} produces */
    public static String canonicalJson(Object tree) {
        StringBuilder out = new StringBuilder();
        write(sorted(tree), out);
        return out.toString();
    }

    static Object sorted(Object v) {
        if (v instanceof Map<?, ?> map) {
            TreeMap<String, Object> result = new TreeMap<>(CODE_POINT_ORDER);
            map.forEach((k, value) -> result.put(String.valueOf(k), sorted(value)));
            return result;
        }
        if (v instanceof Collection<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            for (Object item : list) {
                items.add(sorted(item));
            }
            // List.sort is stable, as Python's sorted is
            items.sort(Comparator.comparing(SpecificationHash::pythonSortKey, CODE_POINT_ORDER));
            return items;
        }
        return v;
    }

    static String pythonSortKey(Object v) {
        if (v instanceof Map<?, ?>) {
            return "<class 'dict'>";
        }
        if (v instanceof Collection<?>) {
            return "<class 'list'>";
        }
        return pythonTypeName(v) + "-" + pythonStr(v);
    }

    private static String pythonTypeName(Object v) {
        if (v == null) {
            return "<class 'NoneType'>";
        }
        if (v instanceof Boolean) {
            return "<class 'bool'>";
        }
        if (v instanceof Integer
                || v instanceof Long
                || v instanceof Short
                || v instanceof Byte
                || v instanceof BigInteger) {
            return "<class 'int'>";
        }
        if (v instanceof Number) {
            return "<class 'float'>";
        }
        return "<class 'str'>";
    }

    private static String pythonStr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return pythonFloat(((Number) v).doubleValue());
        }
        return v.toString();
    }

    /** Python's repr of a float, which {@code str} and {@code json.dumps} both use. */
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return BigDecimal.valueOf(d).toBigInteger().toString() + ".0";
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        // Java writes 1.0E-5, Python 1e-05
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        String sign = exp < 0 ? "-" : "+";
        int abs = Math.abs(exp);
        return mantissa + "e" + sign + (abs < 10 ? "0" : "") + abs;
    }

    private static void write(Object v, StringBuilder out) {
        if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                writeString(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (v instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                write(item, out);
            }
            out.append(']');
        } else if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (v instanceof Number) {
            out.append(pythonStr(v));
        } else {
            writeString(v.toString(), out);
        }
    }

    /** JSON string with Python's default {@code ensure_ascii=True} escaping. */
    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
