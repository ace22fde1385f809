package io.terrarium.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The black-box smoke test every deployment passes (Payara Micro's WAR, and the EAR on Open Liberty and Payara
 * Server): a specification from a local fixture channel becomes a COMPLETED build whose environment symlink leads to
 * a prefix where the linked tool runs, whose log and lockfile download, and whose job execution the build API shows
 * with its steps as the runtime's job repository recorded them.
 */
class DeploymentSmokeIT {

    private static final Pattern EXECUTION =
            Pattern.compile("\"job_executions\"\\s*:\\s*\\[\\s*\\{\\s*\"id\"\\s*:\\s*(\\d+)");

    private final TerrariumClient api =
            new TerrariumClient(System.getProperty("terrarium.it.url", "http://localhost:8080"));
    private final Path store = Path.of(System.getProperty("terrarium.it.store", "terrarium-store"));

    @Test
    void aFixtureChannelSpecificationBuildsLinksAndDownloads() throws Exception {
        Path channel = store.resolveSibling(store.getFileName() + "-smoke-channel");
        FixtureChannel.build(channel, 3);
        String env = "smoke-" + System.getProperty("terrarium.it.database", "db");
        long build = api.submit(
                "name: " + env + "\nchannels: [" + channel.toAbsolutePath() + "]\n" + "dependencies: [fx-top]\n");

        assertEquals("COMPLETED", api.awaitEnd(build), () -> "build log:\n" + safeLog(build));

        Path link = store.resolve("default/envs/" + env);
        assertTrue(Files.isSymbolicLink(link), link + " is not a symlink");
        Path prefix = link.toRealPath();
        Process p = new ProcessBuilder(link.resolve("bin/fx-top").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("fx-top in " + prefix, out.strip());
        for (String pkg : new String[] {"fx-1", "fx-2", "fx-3", "fx-top"}) {
            assertTrue(Files.isRegularFile(prefix.resolve("conda-meta/" + pkg + "-1.0-0.json")), pkg + " not linked");
        }

        HttpResponse<String> log = api.get("/api/v1/build/" + build + "/logs/");
        assertEquals(200, log.statusCode(), log.body());
        assertTrue(log.body().contains("fx-top-1.0-0 linked"), log.body());
        assertTrue(log.body().contains("build completed"), log.body());

        HttpResponse<String> lock = api.get("/api/v1/build/" + build + "/conda-lock.yml");
        assertEquals(200, lock.statusCode(), lock.body());
        for (String pkg : new String[] {"fx-1", "fx-2", "fx-3", "fx-top"}) {
            assertTrue(
                    lock.body().contains("/noarch/" + pkg + "-1.0-0.conda"),
                    pkg + " missing from the lockfile:\n" + lock.body());
        }

        String info = api.get("/api/v1/build/" + build + "/").body();
        Matcher execution = EXECUTION.matcher(info);
        assertTrue(execution.find(), "no job execution in " + info);
        for (String step : new String[] {"solve", "fetch", "link", "artifacts", "activate"}) {
            assertTrue(
                    Pattern.compile("\"name\"\\s*:\\s*\"" + step + "\"\\s*,\\s*\"status\"\\s*:\\s*\"COMPLETED\"")
                            .matcher(info)
                            .find(),
                    step + " not COMPLETED in " + info);
        }
    }

    private String safeLog(long build) {
        try {
            return api.log(build);
        } catch (Exception e) {
            return "(log unavailable: " + e + ")";
        }
    }
}
