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
