package io.terrarium.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * Against the EAR on Open Liberty (run by ear-it, not on Payara): Liberty's batch REST API, which Admin Center's Java
 * Batch tool reads, lists a build's job execution of {@code build-environment} with its steps. It authenticates as
 * the Liberty administrator that {@code ./terrarium start --runtime liberty} generated, over TLS with the certificate
 * Liberty generated, trusted from the server's own key store.
 */
class LibertyBatchApiIT {

    private final TerrariumClient api =
            new TerrariumClient(System.getProperty("terrarium.it.url", "http://localhost:8080"));
    private final Path serverDir = Path.of(System.getProperty("terrarium.it.store", "terrarium-store"), "server");
    private final String batchApi =
            System.getProperty("terrarium.it.batch.url", "https://localhost:8443/ibm/api/batch");

    @Test
    void theBatchRestApiListsTheBuildsJobExecutionAndItsSteps() throws Exception {
        long execution = api.completedFixtureBuildExecution(
                serverDir.getParent().resolveSibling(serverDir.getParent().getFileName() + "-batch-channel"),
                "batch-api");

        HttpResponse<String> job = batch("/jobexecutions/" + execution);
        assertEquals(200, job.statusCode(), job.body());
        assertTrue(job.body().replace(" ", "").contains("\"jobName\":\"build-environment\""), job.body());
        // the job ends a moment after the build is COMPLETED (its activate step marks the build)
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!job.body().replace(" ", "").contains("\"batchStatus\":\"COMPLETED\"") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            job = batch("/jobexecutions/" + execution);
        }
        assertTrue(job.body().replace(" ", "").contains("\"batchStatus\":\"COMPLETED\""), job.body());

        HttpResponse<String> steps = batch("/jobexecutions/" + execution + "/stepexecutions");
        assertEquals(200, steps.statusCode(), steps.body());
        String body = steps.body().replace(" ", "");
        for (String step : new String[] {"solve", "fetch", "link", "artifacts", "activate"}) {
            assertTrue(body.contains("\"stepName\":\"" + step + "\""), step + " missing from " + steps.body());
        }

        HttpResponse<String> instances = batch("/jobinstances?jobName=build-environment");
        assertEquals(200, instances.statusCode(), instances.body());
        assertTrue(instances.body().replace(" ", "").contains("\"jobName\":\"build-environment\""), instances.body());

        HttpResponse<String> anonymous = client().send(
                        HttpRequest.newBuilder(URI.create(batchApi + "/jobinstances"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), "the batch REST API must not answer anonymous callers");
    }

    private HttpResponse<String> batch(String path) throws Exception {
        String basic =
                Base64.getEncoder().encodeToString(("admin:" + adminPassword()).getBytes(StandardCharsets.UTF_8));
        return client().send(
                        HttpRequest.newBuilder(URI.create(batchApi + path))
                                .header("Authorization", "Basic " + basic)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private String adminPassword() throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(serverDir.resolve("admin-credentials"))) {
            p.load(in);
        }
        return p.getProperty("password");
    }

    /** Trusts the certificate in Liberty's generated key store (its password is the administrator's). */
    private HttpClient client() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in =
                Files.newInputStream(serverDir.resolve("liberty/servers/terrarium/resources/security/key.p12"))) {
            keys.load(in, adminPassword().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
