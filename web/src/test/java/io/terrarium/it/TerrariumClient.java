package io.terrarium.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal HTTP client of the conda-store compatible API for the integration tests: submit a specification,
 * wait for its build to finish, fetch its log.
 */
final class TerrariumClient {

    private static final Pattern BUILD_ID = Pattern.compile("\"build_id\"\\s*:\\s*(\\d+)");
    private static final Pattern STATUS =
            Pattern.compile("\"status\"\\s*:\\s*\"(QUEUED|BUILDING|COMPLETED|FAILED|CANCELED)\"");
    /** A bound on waiting for a build, so a hung build fails the test instead of hanging the run. */
    private static final Duration BUILD_WAIT = Duration.ofMinutes(5);

    private final String base;
    private final String token;
    private final HttpClient http =
            // the artifact routes answer 307 to the storage route, as conda-store's do
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();

    /** A client that calls as the IT admin ({@link ItTokens#ADMIN}). */
    TerrariumClient(String baseUrl) {
        this(baseUrl, ItTokens.ADMIN);
    }

    /** @param token the token presented as {@code Authorization: Bearer}; {@code null} calls anonymously */
    TerrariumClient(String baseUrl, String token) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /** The same server called with another token ({@code null}: anonymously). */
    TerrariumClient as(String otherToken) {
        return new TerrariumClient(base, otherToken);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", ItTokens.bearer(token));
        }
        return b;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts an environment.yml as a new specification in namespace {@code default}; returns the build id. */
    long submit(String environmentYaml) throws IOException, InterruptedException {
        String body = Json.write(Map.of("namespace", "default", "specification", environmentYaml));
        HttpResponse<String> r = post("/api/v1/specification/", body);
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("POST /api/v1/specification/ answered " + r.statusCode() + ": " + r.body());
        }
        Matcher m = BUILD_ID.matcher(r.body());
        if (!m.find()) {
            throw new AssertionError("no build_id in " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    /** @return the build's current status */
    String status(long buildId) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v1/build/" + buildId + "/");
        Matcher m = STATUS.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new AssertionError("GET /api/v1/build/" + buildId + "/ answered " + r.statusCode() + ": " + r.body());
        }
        return m.group(1);
    }

    private static final Pattern FIRST_JOB_EXECUTION =
            Pattern.compile("\"job_executions\"\\s*:\\s*\\[\\s*\\{\\s*\"id\"\\s*:\\s*(\\d+)");

    /**
     * Builds {@code fx-top} of a fixture channel made at {@code channel} as environment {@code name}, waits until it
     * is COMPLETED and returns the id of its (first) job execution, for the tests that find it in a server's batch
     * console.
     */
    long completedFixtureBuildExecution(Path channel, String name) throws IOException, InterruptedException {
        FixtureChannel.build(channel, 1);
        long build =
                submit("name: " + name + "\nchannels: [" + channel.toAbsolutePath() + "]\ndependencies: [fx-top]\n");
        assertEquals("COMPLETED", awaitEnd(build), () -> "build " + build + " did not complete");
        Matcher m =
                FIRST_JOB_EXECUTION.matcher(get("/api/v1/build/" + build + "/").body());
        assertTrue(m.find(), "the build shows no job execution");
        return Long.parseLong(m.group(1));
    }

    /** Waits until the build is COMPLETED, FAILED or CANCELED and returns that status. */
    String awaitEnd(long buildId) throws IOException, InterruptedException {
        return await(buildId, TerrariumClient::isFinal);
    }

    /** Waits until the build is {@code wanted}; returns the last status seen (another one after the time bound). */
    String awaitStatus(long buildId, String wanted) throws IOException, InterruptedException {
        return await(buildId, wanted::equals);
    }

    private String await(long buildId, Predicate<String> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BUILD_WAIT.toNanos();
        String s = status(buildId);
        while (!done.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            s = status(buildId);
        }
        return s;
    }

    String log(long buildId) throws IOException, InterruptedException {
        return get("/api/v1/build/" + buildId + "/logs/").body();
    }

    static boolean isFinal(String status) {
        return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELED");
    }
}
