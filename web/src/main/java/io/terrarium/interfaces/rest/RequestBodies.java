package io.terrarium.interfaces.rest;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.json.JsonFormatException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads JSON request bodies as plain trees, whatever content type the client sent (curl's {@code -d} sends
 * form encoding), refusing malformed JSON with a 400 that says where it broke.
 */
final class RequestBodies {

    private RequestBodies() {}

    /** @return the body's JSON object; an empty body is an empty object */
    static Map<String, Object> object(String body) {
        if (body == null || body.isBlank()) {
            return new LinkedHashMap<>();
        }
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (JsonFormatException e) {
            throw RequestRejectedException.invalid("request body is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw RequestRejectedException.invalid("request body must be a JSON object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    static String optionalString(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw RequestRejectedException.invalid("'" + key + "' must be a string");
    }

    static boolean bool(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw RequestRejectedException.invalid("'" + key + "' must be true or false");
    }

    static Long optionalLong(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw RequestRejectedException.invalid("'" + key + "' must be an integer");
    }
}
