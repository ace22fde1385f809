package io.terrarium.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * End to end against a running server (started by the build, on H2 or PostgreSQL): a specification posted over
 * REST becomes a COMPLETED build whose environment symlink leads to a prefix where the linked tool runs.
 */
class BuildPipelineIT {

    private final TerrariumClient api =
            new TerrariumClient(System.getProperty("terrarium.it.url", "http://localhost:8080"));
    private final Path store = Path.of(System.getProperty("terrarium.it.store", "terrarium-store"));

    @Test
    void postedSpecificationBuildsAnEnvironmentWhoseToolRuns() throws Exception {
        String env = "e2e-" + System.getProperty("terrarium.it.database", "db");
        long build = api.submit("name: " + env + "\nchannels: [demo]\ndependencies: [hello]\n");

        assertEquals("COMPLETED", api.awaitEnd(build), () -> "build log:\n" + safeLog(build));

        Path link = store.resolve("default/envs/" + env);
        assertTrue(Files.isSymbolicLink(link), link + " is not a symlink");
        Path prefix = link.toRealPath();
        Process p = new ProcessBuilder(link.resolve("bin/hello").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("Hello from Terrarium (hello 1.1)!"), out);
        assertTrue(out.contains("built by Terrarium's own conda engine"), out);
        assertTrue(out.contains("prefix: " + prefix), out + " should name " + prefix);
        assertTrue(Files.isRegularFile(prefix.resolve("conda-meta/hello-1.1-0.json")));
        assertTrue(Files.isRegularFile(prefix.resolve("conda-meta/greeting-data-1.0-0.json")));

        String log = api.log(build);
        assertTrue(log.contains("hello-1.1-0 linked"), log);
        assertTrue(log.contains("build completed"), log);
    }

    @Test
    void unsatisfiableSpecificationFailsWithTheSolversExplanation() throws Exception {
        long build = api.submit("name: unsat-" + System.getProperty("terrarium.it.database", "db")
                + "\nchannels: [demo]\ndependencies: [hello >=9]\n");

        assertEquals("FAILED", api.awaitEnd(build));
        String info = api.get("/api/v1/build/" + build + "/").body();
        assertTrue(info.contains("solve failed"), info);
        assertTrue(info.contains("hello"), info);
    }

    private String safeLog(long build) {
        try {
            return api.log(build);
        } catch (Exception e) {
            return "(log unavailable: " + e + ")";
        }
    }
}
