package io.terrarium.interfaces.rest;

import static io.terrarium.interfaces.rest.ApiCalls.data;
import static io.terrarium.interfaces.rest.ApiCalls.error;
import static io.terrarium.interfaces.rest.ApiCalls.json;
import static io.terrarium.interfaces.rest.ApiCalls.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.it.ItTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Namespaces, status routes and error handling over HTTP against the running server.
 */
@MicroShedTest
public class NamespaceApiIT {

    /** Calls as the IT admin; {@link ApiCalls#client(String)} calls as another token or anonymously. */
    /** Calls as the IT admin; {@link ApiCalls#client(String)} calls as another token or anonymously. */
    static final CondaStoreApi api = ApiCalls.client(ItTokens.ADMIN);

    @Test
    void namespaceLifeCycle() {
        String ns = unique("team");
        assertEquals("namespace does not exist", error(api.namespace(ns), 404));

        assertEquals(Map.of("status", "ok", "message", "null"), stringValues(json(api.createNamespace(ns), 200)));
        assertEquals("namespace already exists", error(api.createNamespace(ns), 409));

        json(api.namespaceMetadata(ns, "{\"owner\": \"data-team\", \"tags\": [1, 2]}"), 200);
        Map<String, Object> got = data(api.namespace(ns));
        assertEquals(ns, got.get("name"));
        assertEquals(Map.of("owner", "data-team", "tags", List.of(1L, 2L)), got.get("metadata_"));
        assertEquals(List.of(), got.get("role_mappings"));

        Map<String, Object> page = json(api.namespaces(1, 100), 200);
        assertFalse(page.containsKey("message"), "conda-store's namespace list has no message key");
        assertEquals(1L, page.get("page"));
        assertEquals(100L, page.get("size"));
        assertTrue(((Number) page.get("count")).longValue() >= 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("data");
        assertTrue(items.stream().anyMatch(n -> ns.equals(n.get("name"))), items::toString);
        items.forEach(n -> assertEquals(Set2.of("id", "name"), n.keySet()));

        json(api.deleteNamespace(ns), 200);
        assertEquals("namespace does not exist", error(api.namespace(ns), 404));
        assertEquals("namespace does not exist", error(api.deleteNamespace(ns), 404));
        // a deleted namespace can be created again
        json(api.createNamespace(ns), 200);
        assertEquals(Map.of(), data(api.namespace(ns)).get("metadata_"));
    }

    @Test
    void badNamespaceNamesAreRefused() {
        assertTrue(error(api.createNamespace("has space"), 400).contains("may only contain"));
        assertTrue(error(api.createNamespace("..."), 400).contains("must not start with '.'"));
        assertTrue(error(api.createNamespace("pkgs"), 400).contains("reserved"));
    }

    @Test
    void versionPermissionAndUsage() {
        assertEquals("0.1.0", data(api.version()).get("version"));
        Map<String, Object> permission = data(api.permission());
        assertEquals("it-admin", permission.get("primary_namespace"));
        assertEquals(true, permission.get("authenticated"));
        @SuppressWarnings("unchecked")
        Map<String, List<String>> rights = (Map<String, List<String>>) permission.get("entity_permissions");
        assertEquals(17, rights.get("*/*").size());
        assertTrue(rights.get("*/*").contains("environment:create"));
        data(api.usage());
    }

    @Test
    void browserFrontEndsOnListedOriginsMayCallTheApi() {
        // the IT servers list http://localhost:8888 in terrarium.cors.allowed-origins (web/pom.xml)
        jakarta.ws.rs.core.Response r = api.versionFrom("http://localhost:8888");
        assertEquals(200, r.getStatus());
        assertEquals("http://localhost:8888", r.getHeaderString("Access-Control-Allow-Origin"));
        assertEquals("true", r.getHeaderString("Access-Control-Allow-Credentials"));
        r.close();
    }

    @Test
    void otherOriginsGetNoCorsHeaders() {
        jakarta.ws.rs.core.Response r = api.versionFrom("https://evil.example");
        assertEquals(200, r.getStatus());
        assertEquals(null, r.getHeaderString("Access-Control-Allow-Origin"));
        assertEquals(null, r.getHeaderString("Access-Control-Allow-Credentials"));
        r.close();
    }

    @Test
    void unknownRoutesAndBadBodiesGetJsonErrors() {
        assertEquals("Not Found", error(api.unknownRoute(), 404));
        String ns = unique("meta");
        json(api.createNamespace(ns), 200);
        assertTrue(error(api.namespaceMetadata(ns, "{\"owner\": "), 400).startsWith("request body is not valid JSON"));
        assertEquals("request body must be a JSON object", error(api.namespaceMetadata(ns, "[1, 2]"), 400));
    }

    private static Map<String, String> stringValues(Map<String, Object> m) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** Set.of with a name that does not clash with the static imports. */
    private static final class Set2 {
        static java.util.Set<String> of(String... s) {
            return java.util.Set.of(s);
        }
    }
}
