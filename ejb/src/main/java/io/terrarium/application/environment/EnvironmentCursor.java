package io.terrarium.application.environment;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.conda.json.Json;
import io.terrarium.domain.model.environment.Environment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * conda-store's v2 pagination cursor: base64 of {@code {"last_id": id, "last_value": {sort key: value}}}; the
 * end of the list is {@code {"last_id": null, "last_value": null}}.
 *
 * @param lastId null for the end cursor (or no cursor)
 */
record EnvironmentCursor(Long lastId, Map<String, String> lastValue) {

    static final EnvironmentCursor END = new EnvironmentCursor(null, null);

    static EnvironmentCursor decode(String text) {
        if (text == null || text.isBlank()) {
            return END;
        }
        try {
            byte[] raw = text.contains("-") || text.contains("_")
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
            Map<String, Object> obj = Json.parseObject(new String(raw, StandardCharsets.UTF_8));
            Object id = obj.get("last_id");
            if (id == null) {
                return END;
            }
            Map<String, String> values = new LinkedHashMap<>();
            if (obj.get("last_value") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> values.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
            }
            return new EnvironmentCursor(((Number) id).longValue(), values);
        } catch (RuntimeException e) {
            throw RequestRejectedException.invalid("invalid cursor: " + e.getMessage());
        }
    }

    static EnvironmentCursor after(Environment e, List<String> sortBy) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : sortBy) {
            values.put(key, value(e, key));
        }
        return new EnvironmentCursor(e.getId(), values);
    }

    static String value(Environment e, String key) {
        return "namespace".equals(key) ? e.getNamespace().getName() : e.getName();
    }

    String encode() {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("last_id", lastId);
        obj.put("last_value", lastValue);
        return Base64.getEncoder().encodeToString(Json.write(obj).getBytes(StandardCharsets.UTF_8));
    }

    boolean isEnd() {
        return lastId == null;
    }
}
