package io.terrarium.conda.lock;

import io.terrarium.conda.pkg.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code metadata.content_hash} of a lockfile: a fingerprint of the inputs of one platform's solve, so that a
 * tool can tell whether the lock is stale for a given spec.
 *
 * <p>Like conda-lock, it is the SHA-256 (hex) of {@code json.dumps(data, sort_keys=True)} in Python's default
 * formatting ({@code ", "} and {@code ": "} separators, non-ASCII escaped). conda-lock hashes its internal
 * dependency models, which we do not have, so our {@code data} is
 * {@code {"channels": [{"url": ..., "used_env_vars": []}...], "platform": ..., "specs": [sorted match specs],
 * "virtual_packages": {name: version}}}; values differ from conda-lock's, but like them they change exactly when
 * the channels (in order), the specs (in any order), the platform or the virtual packages change.
 */
public final class ContentHash {
    private ContentHash() {}

    /** The content hash of one platform's solve inputs. */
    public static String of(
            String platform, List<String> channels, List<String> specs, Map<String, String> virtualPackages) {
        Map<String, Object> data = new TreeMap<>();
        List<Object> chans = new ArrayList<>();
        for (String c : channels) {
            Map<String, Object> ch = new TreeMap<>();
            ch.put("url", c);
            ch.put("used_env_vars", List.of());
            chans.add(ch);
        }
        data.put("channels", chans);
        data.put("platform", platform);
        List<String> sorted = new ArrayList<>();
        for (String s : specs) {
            sorted.add(s.strip());
        }
        sorted.sort(null);
        data.put("specs", sorted);
        data.put("virtual_packages", new TreeMap<>(virtualPackages));
        return sha256(pythonJson(data));
    }

    static String sha256(String text) {
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code json.dumps(value, sort_keys=True)} for maps, lists, strings and null. */
    static String pythonJson(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            sb.append('{');
            boolean first = true;
            for (var e : sorted.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                string(sb, e.getKey());
                sb.append(": ");
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                write(sb, l.get(i));
            }
            sb.append(']');
        } else {
            string(sb, value.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
