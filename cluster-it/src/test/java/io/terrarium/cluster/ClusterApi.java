package io.terrarium.cluster;

import io.terrarium.conda.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The REST calls the cluster tests make to one worker's API: submit a specification, read a build (with the
 * issue 9 fields {@code attempt}, {@code worker}, {@code job_executions}), its log, the worker list, cancel.
 */
final class ClusterApi {

    private final String base;
    private final HttpClient http =
            // the logs route answers 307 to the storage route, as conda-store's does
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();

    ClusterApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    /** The predefined token the workers start with (web/src/test/resources/it-tokens.json): admin everywhere. */
    static final String ADMIN_TOKEN = "it-admin-token";

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.header("Authorization", "Bearer " + ADMIN_TOKEN);
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> data(String method, String path, HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + base + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.parseObject(r.body());
    }

    /**
     * Posts an environment.yml in namespace {@code default}; returns the build id. A 409 (two submissions changed
     * the same rows at once; the API asks to retry) is retried a few times, as a client should.
     */
    long submit(String environmentYaml) throws IOException, InterruptedException {
        String path = "/api/v1/specification/";
        String body = Json.write(Map.of("namespace", "default", "specification", environmentYaml));
        HttpResponse<String> r = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            r = send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (r.statusCode() != 409) {
                break;
            }
            Thread.sleep(200L * attempt);
        }
        Map<String, Object> data = Json.asObject(data("POST", path, r).get("data"));
        return ((Number) data.get("build_id")).longValue();
    }

    /** The HTTP status of {@code /health/ready}: 200 when every readiness check is UP, 503 when one is DOWN. */
    int readiness() throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The build's {@code data} object. */
    Map<String, Object> build(long id) throws IOException, InterruptedException {
        String path = "/api/v1/build/" + id + "/";
        HttpResponse<String> r =
                send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        return Json.asObject(data("GET", path, r).get("data"));
    }

    String status(long id) throws IOException, InterruptedException {
        return (String) build(id).get("status");
    }

    String log(long id) throws IOException, InterruptedException {
        String path = "/api/v1/build/" + id + "/logs/";
        HttpResponse<String> r =
                send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        if (r.statusCode() == 404) {
            return "";
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + base + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** {@code GET /api/v1/worker/} (issue 9 contract): the registered workers. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> workers() throws IOException, InterruptedException {
        String path = "/api/v1/worker/";
        HttpResponse<String> r =
                send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        if (r.statusCode() == 404) {
            throw new MissingFeature("GET " + base + path + " answered 404: the worker API of issue 9 is missing"
                    + " (needs the `worker` branch: GET /api/v1/worker/ with id, name, pid, running_builds)");
        }
        return (List<Map<String, Object>>) data("GET", path, r).get("data");
    }

    /** {@code PUT /api/v1/build/{id}/cancel/}. */
    void cancel(long id) throws IOException, InterruptedException {
        String path = "/api/v1/build/" + id + "/cancel/";
        data(
                "PUT",
                path,
                send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.noBody())));
    }

    static boolean isFinal(String status) {
        return "COMPLETED".equals(status) || "FAILED".equals(status) || "CANCELED".equals(status);
    }
}
