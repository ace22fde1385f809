package io.terrarium.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.json.Json;
import io.terrarium.it.ItTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * conda-store's HTTP conventions that a JAX-RS client hides (redirects, headers) and the synchronous solve, checked
 * with a plain HTTP client that follows no redirect.
 */
public class ContractApiIT {

    private static final String BASE = System.getProperty("terrarium.it.url", "http://localhost:8080");
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(BASE + path))
                        .header("Authorization", ItTokens.bearer(ItTokens.ADMIN))
                        .GET()
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesWithoutTheTrailingSlashRedirectWith307KeepingTheQuery() throws Exception {
        HttpResponse<String> r = get("/api/v1/namespace?page=1&size=5");
        assertEquals(307, r.statusCode(), r.body());
        assertEquals(
                BASE + "/api/v1/namespace/?page=1&size=5",
                r.headers().firstValue("Location").orElseThrow());
        assertEquals(200, get("/api/v1/namespace/?page=1&size=5").statusCode());

        r = get("/api/v1/build/987654321/logs");
        assertEquals(307, r.statusCode(), r.body());
        assertEquals(
                BASE + "/api/v1/build/987654321/logs/",
                r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void routesDeclaredWithoutTheSlashAnswerDirectly() throws Exception {
        HttpResponse<String> r = get("/api/v1/build/987654321/conda-lock.yml");
        assertNotEquals(307, r.statusCode(), r.body());
        assertEquals(404, r.statusCode(), r.body());
    }

    @Test
    void artifactRoutesRedirectWith307ToASignedStorageLink() throws Exception {
        CondaStoreApi api = ApiCalls.client(ItTokens.ADMIN);
        String ns = ApiCalls.unique("storage");
        long build = ApiCalls.submit(api, "name: tools\nchannels: [demo]\ndependencies: [hello]\n", ns);
        assertEquals("COMPLETED", ApiCalls.awaitEnd(api, build));

        // the log under conda-store's key, the build job's files under artifacts/{build key}/
        Map<String, String> expected = Map.of(
                "logs", "/storage/logs/",
                "yaml", "/storage/artifacts/",
                "lockfile", "/storage/artifacts/",
                "conda-lock.yml", "/storage/artifacts/",
                "archive", "/storage/artifacts/");
        for (Map.Entry<String, String> route : expected.entrySet()) {
            String path = "/api/v1/build/" + build + "/" + route.getKey()
                    + (route.getKey().contains(".") ? "" : "/");
            HttpResponse<String> r = get(path);
            assertEquals(307, r.statusCode(), path + ": " + r.body());
            String location = r.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(BASE + route.getValue()), path + " -> " + location);
            assertTrue(location.contains("expires=") && location.contains("signature="), location);
        }
        HttpResponse<String> env = get("/api/v1/environment/" + ns + "/tools/lockfile/");
        assertEquals(307, env.statusCode(), env.body());

        // the link needs no token (a browser or a presigned-URL client follows it); it serves conda-lock JSON
        String lockfileLink = location("/api/v1/build/" + build + "/lockfile/", null);
        HttpResponse<String> lock = anonymous(lockfileLink, null);
        assertEquals(200, lock.statusCode(), lock.body());
        assertTrue(lock.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertTrue(Json.parseObject(lock.body()).containsKey("package"), lock.body());
        // the YAML choice survives the redirect, by Accept header or by format=yaml
        String yamlLink = location("/api/v1/build/" + build + "/lockfile/", "application/yaml");
        assertTrue(yamlLink.contains("format=yaml"), yamlLink);
        HttpResponse<String> yaml = anonymous(yamlLink, null);
        assertTrue(yaml.headers().firstValue("Content-Type").orElseThrow().startsWith("text/yaml"));
        assertTrue(yaml.body().contains("package:"), yaml.body());
        assertTrue(location("/api/v1/build/" + build + "/lockfile/?format=yaml", null)
                .contains("format=yaml"));

        // a link is good for its key only: altered, unsigned or pointed elsewhere it is refused
        String unsigned = lockfileLink.substring(0, lockfileLink.indexOf('?'));
        assertEquals(403, anonymous(unsigned, null).statusCode());
        assertEquals(
                403,
                anonymous(lockfileLink.replace("signature=", "signature=A"), null)
                        .statusCode());
        String logLink = location("/api/v1/build/" + build + "/logs/", null);
        String otherKey =
                logLink.substring(0, logLink.indexOf('?')) + lockfileLink.substring(lockfileLink.indexOf('?'));
        assertEquals(403, anonymous(otherKey, null).statusCode(), "a lockfile signature does not open the log");
        assertEquals(200, anonymous(logLink, null).statusCode());
    }

    @Test
    void storageKeysCannotLeaveTheStorageDirectory() throws Exception {
        String query = "?expires=9999999999&signature=AAAA";
        for (String path : List.of(
                "/storage/logs/../../auth/session-secret",
                "/storage/logs/%2e%2e/%2e%2e/auth/session-secret",
                "/storage/logs/..%2F..%2Fauth%2Fsession-secret",
                "/storage/logs/..%5C..%5Cauth%5Csession-secret",
                "/storage/auth/session-secret",
                "/storage/%2Fetc%2Fpasswd",
                "/storage//etc/passwd",
                "/storage/logs/%00.log")) {
            HttpResponse<String> r = anonymous(BASE + path + query, null);
            assertTrue(
                    r.statusCode() == 400 || r.statusCode() == 403 || r.statusCode() == 404,
                    path + " answered " + r.statusCode() + ": " + r.body());
            assertTrue(!r.body().contains("root:") && r.body().length() < 2000, path + ": " + r.body());
        }
    }

    /** The Location the route answers (as the IT admin), {@code accept} sent as the Accept header when not null. */
    private String location(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Authorization", ItTokens.bearer(ItTokens.ADMIN))
                .timeout(Duration.ofMinutes(1));
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(307, r.statusCode(), path + ": " + r.body());
        return r.headers().firstValue("Location").orElseThrow();
    }

    private HttpResponse<String> anonymous(String url, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deprecatedEnvironmentListCarriesConda_storesHeaders() throws Exception {
        HttpResponse<String> r = get("/api/v1/environment/");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("True", r.headers().firstValue("Deprecation").orElseThrow());
        assertEquals(
                "Mon, 17 Mar 2025 00:00:00 UTC",
                r.headers().firstValue("Sunset").orElseThrow());
        assertTrue(
                get("/api/v2/environment/").headers().firstValue("Deprecation").isEmpty());
    }

    @Test
    @SuppressWarnings("unchecked")
    void specificationGetSolvesWithoutBuilding() throws Exception {
        HttpResponse<String> r = get("/api/v1/specification/?channel=demo&conda=hello%3D1.1");
        assertEquals(200, r.statusCode(), r.body());
        List<Map<String, Object>> solve =
                (List<Map<String, Object>>) Json.parseObject(r.body()).get("solve");
        assertEquals(
                List.of("greeting-data", "hello=1.1"),
                solve.stream()
                        .map(p -> p.get("name").equals("hello") ? "hello=" + p.get("version") : (String) p.get("name"))
                        .sorted()
                        .toList(),
                r.body());

        r = get("/api/v1/specification/?channel=demo&conda=hello&format=lockfile");
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> lock = Json.parseObject(r.body());
        assertEquals(1L, ((Number) lock.get("version")).longValue());
        assertEquals(2, ((List<?>) lock.get("package")).size(), r.body());

        r = get("/api/v1/specification/?channel=demo&conda=hello&format=yaml");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("name: conda-store-solve\n") && r.body().contains("\"hello=1.1=0\""), r.body());
    }

    @Test
    void specificationGetRefusesPipEntriesAndUnknownFormatsByName() throws Exception {
        HttpResponse<String> r = get("/api/v1/specification/?channel=demo&conda=hello&pip=requests%3E%3D2&pip=rich");
        assertEquals(400, r.statusCode(), r.body());
        String message = (String) Json.parseObject(r.body()).get("message");
        assertTrue(message.contains("requests>=2") && message.contains("rich"), message);

        r = get("/api/v1/specification/?channel=demo&conda=hello&format=toml");
        assertEquals(400, r.statusCode(), r.body());
        r = get("/api/v1/specification/?channel=demo&conda=no-such-package");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("error", Json.parseObject(r.body()).get("status"));
    }
}
