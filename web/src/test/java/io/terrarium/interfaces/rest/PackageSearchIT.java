package io.terrarium.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The channel and package search the UI's autocomplete uses, over the catalog the channel indexer fills from
 * {@code conda_indexed_channels} (by default the demo channel) soon after the server starts.
 */
class PackageSearchIT {

    private static final String BASE = System.getProperty("terrarium.it.url", "http://localhost:8080");
    /** The indexer's first run comes 5 s after the start; a deadline, not a sleep. */
    private static final Duration INDEXED_WITHIN = Duration.ofMinutes(2);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(BASE + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return (Map<String, Object>) Json.parse(r.body());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> data(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("data");
    }

    private Map<String, Object> demoChannel() throws Exception {
        long deadline = System.nanoTime() + INDEXED_WITHIN.toNanos();
        while (true) {
            for (Map<String, Object> c : data(get("/api/v1/channel/?size=100"))) {
                if (String.valueOf(c.get("name")).endsWith("/channels/demo") && c.get("last_update") != null) {
                    return c;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the demo channel was not indexed within " + INDEXED_WITHIN);
            }
            Thread.sleep(500);
        }
    }

    @Test
    void theIndexedDemoChannelOffersHelloToTheNameAutocomplete() throws Exception {
        assertNotNull(demoChannel());
        Map<String, Object> page = get("/api/v1/package/?search=HEL&page=1&size=100&distinct_on=name");
        List<String> names =
                data(page).stream().map(p -> (String) p.get("name")).toList();
        assertTrue(names.contains("hello"), names.toString());
        assertEquals(names.size(), new HashSet<>(names).size(), "one item per name: " + names);
        assertEquals(((Number) page.get("count")).intValue(), names.size(), "count is of distinct names");
        for (String n : names) {
            assertTrue(n.contains("hel"), n);
        }
    }

    @Test
    void theVersionListHasEachVersionOnceNewestFirst() throws Exception {
        assertNotNull(demoChannel());
        Map<String, Object> page =
                get("/api/v1/package/?search=hello&exact=true&distinct_on=version&page=1&order=desc&sort_by=version");
        List<String> versions =
                data(page).stream().map(p -> (String) p.get("version")).toList();
        assertTrue(versions.containsAll(List.of("1.1", "1.0")), versions.toString());
        assertEquals(versions.size(), new HashSet<>(versions).size(), "each version once: " + versions);
        assertEquals(
                versions.stream().sorted(java.util.Comparator.reverseOrder()).toList(), versions);
        for (Map<String, Object> p : data(page)) {
            assertEquals("hello", p.get("name"));
        }
        Map<String, Object> first = get(
                "/api/v1/package/?search=hello&exact=true&distinct_on=version&page=1&size=1&order=desc&sort_by=version");
        assertEquals(1, data(first).size());
        assertEquals(page.get("count"), first.get("count"), "count does not depend on the page size");
        assertEquals(versions.get(0), data(first).get(0).get("version"));
    }
}
