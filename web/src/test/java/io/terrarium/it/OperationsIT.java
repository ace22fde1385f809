package io.terrarium.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Against a running server (started by the build, on H2 or PostgreSQL): the MicroProfile Health checks are UP,
 * {@code /metrics} counts a finished build and its step durations, and {@code /openapi} describes the REST API.
 */
class OperationsIT {

    private final TerrariumClient api = new TerrariumClient(ItServer.BASE);
    /** The runtime's endpoints (/health, /metrics, /openapi) are at the server's root, outside the url_prefix. */
    private final TerrariumClient root = new TerrariumClient(ItServer.ROOT);

    @Test
    void liveAndReadyAreUpWithEachReadinessCheck() throws Exception {
        HttpResponse<String> live = root.get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        HttpResponse<String> ready = root.get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        String body = ready.body().replace(" ", "");
        for (String check : new String[] {"database", "broker", "store"}) {
            assertTrue(body.contains("\"name\":\"" + check + "\",\"status\":\"UP\""), check + " not UP in " + body);
        }
        assertTrue(body.contains("\"free_bytes\""), body);
        assertTrue(body.contains("\"storage_threshold\""), body);
    }

    @Test
    void metricsCountABuildAndItsDurations() throws Exception {
        String before = metrics();
        for (String gauge : new String[] {
            "conda_store_disk_free",
            "conda_store_disk_total",
            "conda_store_disk_usage",
            "conda_store_environments",
            "terrarium_build_queue_depth",
            "terrarium_workers_alive"
        }) {
            assertTrue(before.contains("\n" + gauge + "{"), gauge + " missing from /metrics");
        }
        long build = api.submit("name: metrics-" + System.getProperty("terrarium.it.database", "db")
                + "\nchannels: [demo]\ndependencies: [hello]\n");
        assertEquals("COMPLETED", api.awaitEnd(build));

        // the counts gauges are read at most every 2 s, so poll until the new build shows
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String after = metrics();
        while (value(after, "conda_store_build_completed", "") <= value(before, "conda_store_build_completed", "")
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            after = metrics();
        }
        assertTrue(
                value(after, "conda_store_build_completed", "") > value(before, "conda_store_build_completed", ""),
                after);
        assertTrue(
                value(after, "terrarium_build_duration_milliseconds_count", "")
                        > value(before, "terrarium_build_duration_milliseconds_count", ""),
                after);
        for (String step : new String[] {"solve", "fetch", "link"}) {
            String tag = "step=\"" + step + "\"";
            assertTrue(
                    value(after, "terrarium_build_step_duration_milliseconds_count", tag)
                            > value(before, "terrarium_build_step_duration_milliseconds_count", tag),
                    step + ": " + after);
            assertTrue(after.contains("terrarium_build_step_duration_milliseconds_bucket{"), after);
        }
        assertTrue(after.contains("# TYPE terrarium_build_step_duration_milliseconds histogram"), after);
    }

    @Test
    void openApiDescribesTheRestApi() throws Exception {
        HttpResponse<String> r = root.get("/openapi");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("title: Terrarium"), r.body());
        assertTrue(r.body().contains("/api/v1/specification"), r.body());
    }

    private String metrics() throws Exception {
        HttpResponse<String> r = root.get("/metrics");
        assertEquals(200, r.statusCode(), r.body());
        return "\n" + r.body();
    }

    /** @return the sample of metric {@code name} whose labels contain {@code label}, or 0 when there is none */
    private static double value(String exposition, String name, String label) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
