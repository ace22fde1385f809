package io.terrarium.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A request body beyond the server's limit is answered 413 with a JSON error naming the limit, without the server
 * reading it, and the server goes on answering. (This test speaks through the JDK client of {@link TerrariumClient}:
 * it reads the early answer while still sending, as browsers and curl do.)
 */
class RequestLimitsIT {

    private final TerrariumClient api =
            new TerrariumClient(System.getProperty("terrarium.it.url", "http://localhost:8080"));
    private final long limit = Long.parseLong(System.getProperty("terrarium.it.request.max-body-bytes", "16777216"));

    @Test
    void aBodyBeyondTheLimitGets413AndTheServerStaysHealthy() throws Exception {
        // within 8 MiB beyond the limit, so the server reads and drops the rest: the answer is reliable for any client
        for (long size : new long[] {limit + limit / 2, limit + 4L * 1024 * 1024}) {
            String body = "{\"specification\": \"" + "x".repeat((int) size) + "\"}";
            HttpResponse<String> r = api.post("/api/v1/specification/", body);
            assertEquals(413, r.statusCode(), r.body());
            assertTrue(r.body().startsWith("{\"status\":\"error\",\"message\":\"request body of "), r.body());
            assertTrue(r.body().contains("is larger than the limit of " + limit + " bytes"), r.body());
            HttpResponse<String> version = api.get("/api/v1/");
            assertEquals(200, version.statusCode(), version.body());
        }
    }

    @Test
    void aBodyWithinTheLimitIsRead() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/specification/", "{\"specification\": \"dependencies: [x]\"}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("specification has no 'name'"), r.body());
    }
}
