package io.terrarium.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Black box, with a server of its own: the server process is killed (SIGKILL) while a build is linking; at the next
 * start the interrupted build resumes from its checkpoint by itself (no package fetched again) and completes.
 */
class ServerCrashResumeIT {

    private final String script = System.getProperty("terrarium.script");
    private final String war = System.getProperty("terrarium.it.war");
    private final String port = System.getProperty("terrarium.it.crash.port", "18484");
    private final Path store = Path.of(System.getProperty("terrarium.it.store"));

    @AfterEach
    void stopServer() throws Exception {
        terrarium(Map.of(), "stop", "--store", store.toString());
    }

    @Test
    void aBuildInterruptedByAServerCrashResumesAtTheNextStart() throws Exception {
        // pauseMillis slows fetch and link down enough to kill the server in the middle of the link step
        terrarium(
                Map.of("TERRARIUM_TEST_JOB_PARAMETERS", "pauseMillis=1500"),
                "start",
                "--no-build",
                "--reset",
                "--war",
                war,
                "--port",
                port,
                "--store",
                store.toString());
        TerrariumClient api = new TerrariumClient("http://localhost:" + port);
        long build = api.submit("name: crash\nchannels: [demo]\ndependencies: [hello]\n");
        awaitLog(api, build, "link [attempt 1]: step started");

        long pid = Long.parseLong(
                Files.readString(store.resolve("server/payara.pid")).trim());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(60, TimeUnit.SECONDS);
        Files.delete(store.resolve("server/payara.pid"));

        terrarium(Map.of(), "start", "--no-build", "--war", war, "--port", port, "--store", store.toString());
        assertEquals("COMPLETED", api.awaitEnd(build), () -> safeLog(api, build));

        String log = api.log(build);
        String resumed = log.substring(log.indexOf("restarting build"));
        assertTrue(resumed.startsWith("restarting build " + build), resumed);
        assertEquals(-1, resumed.indexOf(" fetched"), "nothing may be fetched again: " + resumed);
        assertTrue(resumed.contains("hello-1.1-0 linked"), resumed);
        Process hello = new ProcessBuilder(
                        store.resolve("default/envs/crash/bin/hello").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(hello.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(hello.waitFor(30, TimeUnit.SECONDS));
        assertTrue(out.contains("Hello from Terrarium"), out);
    }

    private void terrarium(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", script));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        store.resolveSibling("it-crash-script.log").toFile()));
        pb.environment().remove("TERRARIUM_DB_URL");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(15, TimeUnit.MINUTES), "./terrarium " + String.join(" ", args) + " did not return");
        assertEquals(0, p.exitValue(), "./terrarium " + String.join(" ", args) + " failed; see it-crash-script.log");
    }

    private static void awaitLog(TerrariumClient api, long build, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!api.log(build).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the build log never showed '" + text + "':\n" + api.log(build));
            }
            Thread.sleep(100);
        }
    }

    private static String safeLog(TerrariumClient api, long build) {
        try {
            return api.log(build);
        } catch (Exception e) {
            return "(log unavailable: " + e + ")";
        }
    }
}
