package io.terrarium.interfaces.rest;

import io.terrarium.application.Page;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.repodata.UrlCredentials;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * conda-store's response envelopes: {@code {"status":"ok","data":…,"message":…}}, paginated lists with
 * {@code page}, {@code size} and {@code count}, acknowledgements without {@code data}, and errors
 * {@code {"status":"error","message":…}}, always as UTF-8 JSON.
 */
public final class ApiResponses {

    public static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8");

    private ApiResponses() {}

    public static Response ok(Object data) {
        return ok(data, null);
    }

    public static Response ok(Object data, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("data", data);
        body.put("message", message);
        return json(Response.Status.OK.getStatusCode(), body);
    }

    /** An acknowledgement: {@code {"status":"ok","message":…}} with no data key. */
    public static Response ack(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("message", message);
        return json(Response.Status.OK.getStatusCode(), body);
    }

    public static <T> Response page(Page<T> page, Function<T, Object> representation) {
        return page(page, representation, true);
    }

    /** @param withMessage false for the namespace list, which conda-store sends without a message key */
    public static <T> Response page(Page<T> page, Function<T, Object> representation, boolean withMessage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        List<Object> items = page.items().stream().map(representation).toList();
        body.put("data", items);
        if (withMessage) {
            body.put("message", null);
        }
        body.put("page", page.page());
        body.put("size", page.size());
        body.put("count", page.count());
        return json(Response.Status.OK.getStatusCode(), body);
    }

    public static Response error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        // messages quote channels and index URLs as the caller wrote them; never echo their credentials
        body.put("message", UrlCredentials.redact(message));
        return json(status, body);
    }

    public static Response json(int status, Map<String, Object> body) {
        return Response.status(status).entity(Json.write(body)).type(JSON).build();
    }
}
