package io.terrarium.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Against the EAR in a Payara Server domain (run by ear-it with {@code -Dit.ear.runtime=payara-server}): the domain's
 * admin REST interface, which runs asadmin's {@code list-batch-jobs}, {@code list-batch-job-executions} and
 * {@code list-batch-job-steps}, lists a build's job execution of {@code build-environment} with its steps. The admin
 * port is read from the domain's {@code domain.xml} ({@code ./terrarium start --runtime payara-server} creates the
 * domain without an admin password, reachable from localhost only).
 */
class PayaraBatchAdminIT {

    private static final Pattern ADMIN_LISTENER =
            Pattern.compile("<network-listener[^>]*name=\"admin-listener\"[^>]*>");
    private static final Pattern PORT = Pattern.compile("port=\"(\\d+)\"");

    private final TerrariumClient api =
            new TerrariumClient(System.getProperty("terrarium.it.url", "http://localhost:8080"));
    private final Path store = Path.of(System.getProperty("terrarium.it.store", "terrarium-store"));
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void theAdminInterfaceListsTheBuildsJobExecutionAndItsSteps() throws Exception {
        String execution = String.valueOf(api.completedFixtureBuildExecution(
                store.resolveSibling(store.getFileName() + "-batch-channel"), "batch-admin"));

        // the job ends a moment after the build is COMPLETED (its activate step marks the build)
        String executions = admin("list-batch-job-executions?executionid=" + execution);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!compact(executions).contains("\"batchStatus\":\"COMPLETED\"") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            executions = admin("list-batch-job-executions?executionid=" + execution);
        }
        assertTrue(compact(executions).contains("\"jobName\":\"build-environment\""), executions);
        assertTrue(compact(executions).contains("\"batchStatus\":\"COMPLETED\""), executions);

        String steps = compact(admin("list-batch-job-steps?id=" + execution));
        for (String step : new String[] {"solve", "fetch", "link", "artifacts", "activate"}) {
            assertTrue(steps.contains("\"stepName\":\"" + step + "\""), step + " missing from " + steps);
        }

        // the application name of a job is the module and component that started it (BuildJobs in the EJB module)
        String jobs = compact(admin("list-batch-jobs?long=true"));
        assertTrue(jobs.contains("\"jobName\":\"build-environment\""), jobs);
        assertTrue(jobs.contains("\"appName\":\"terrarium_terrarium-ejb.jar_BuildJobs"), jobs);
    }

    /** Runs an asadmin command through the admin REST interface and returns its JSON report. */
    private String admin(String command) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort() + "/management/domain/" + command))
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), command + ": " + r.body());
        return r.body();
    }

    private int adminPort() throws Exception {
        String domain = Files.readString(store.resolve("server/payara-server/terrarium/config/domain.xml"));
        Matcher listener = ADMIN_LISTENER.matcher(domain);
        assertTrue(listener.find(), "no admin-listener in the domain's domain.xml");
        Matcher port = PORT.matcher(listener.group());
        assertTrue(port.find(), "the admin-listener has no port");
        return Integer.parseInt(port.group(1));
    }

    private static String compact(String json) {
        return json.replace(" ", "");
    }
}
