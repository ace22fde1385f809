package io.terrarium.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.infrastructure.batch.BuildJobs;
import io.terrarium.infrastructure.config.TerrariumConfig;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In-container (Arquillian on a managed Payara Micro): a build whose link step fails on purpose after k of N
 * packages is restarted with {@code JobOperator.restart}; the new execution neither fetches nor links again what
 * the first one committed, and the build completes.
 */
@ExtendWith(ArquillianExtension.class)
public class BatchRestartArqIT {

    static final int CHAIN = 5; // fx-1..fx-5 plus fx-top: N = 6 packages
    static final int FAIL_AFTER_LINKED = 2; // k

    @Deployment
    public static WebArchive deployment() throws Exception {
        Path store = Path.of(System.getProperty("terrarium.it.store", "target/arq-store"))
                .toAbsolutePath();
        if (Files.exists(store)) {
            try (Stream<Path> s = Files.walk(store)) {
                s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        File war = new File(System.getProperty("terrarium.it.war", "target/terrarium.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addClasses(BatchRestartArqIT.class, TerrariumClient.class, ItTokens.class, FixtureChannel.class)
                .addAsResource(
                        new StringAsset(TerrariumConfig.STORE_DIR + "=" + store + "\n"
                                + TerrariumConfig.TEST_JOB_PARAMETERS + "=failAfterLinked=" + FAIL_AFTER_LINKED + "\n"
                                + "terrarium.auth.predefined-tokens-file="
                                + Path.of(System.getProperty(
                                                "terrarium.it.tokens", "src/test/resources/it-tokens.json"))
                                        .toAbsolutePath()
                                + "\n"),
                        "META-INF/microprofile-config.properties");
    }

    @Inject
    TerrariumConfig config;

    @EJB
    BuildJobs jobs;

    @ArquillianResource
    URL url;

    @Test
    public void restartResumesFromTheLastCheckpoint() throws Exception {
        FixtureChannel.build(config.localChannelsDir().resolve("fixture"), CHAIN);
        // Payara reports a non-loopback host address; the server listens on all of them, loopback is always there
        TerrariumClient api = new TerrariumClient("http://127.0.0.1:" + url.getPort() + url.getPath());

        long build = api.submit("name: restart\nchannels: [fixture]\ndependencies: [fx-top]\n");
        assertEquals("FAILED", api.awaitEnd(build), () -> logOf(api, build));
        String firstRun = logOf(api, build);
        assertTrue(firstRun.contains("failAfterLinked=2: failing on purpose before fx-3"), firstRun);
        assertEquals(CHAIN + 1, count(firstRun, " fetched"), firstRun);
        assertEquals(FAIL_AFTER_LINKED, count(firstRun, " linked"), firstRun);

        List<Long> executions = jobs.executionsOf(build);
        assertEquals(1, executions.size());
        Properties noFailure = new Properties();
        noFailure.setProperty("failAfterLinked", "");
        long restart = jobs.restart(executions.get(0), noFailure);

        assertEquals("COMPLETED", api.awaitStatus(build, "COMPLETED"), () -> logOf(api, build));
        // the build is COMPLETED in its activate step; the job execution ends just after it, when the job ends
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (jobs.status(restart).orElseThrow() != BatchStatus.COMPLETED && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(BatchStatus.COMPLETED, jobs.status(restart).orElseThrow());
        String all = logOf(api, build);
        String secondRun = all.substring(all.indexOf("restarting build"));
        assertEquals(0, count(secondRun, " fetched"), secondRun);
        assertEquals(
                0, count(secondRun, "already in the package cache"), "fetch step must not run again: " + secondRun);
        assertEquals(CHAIN + 1 - FAIL_AFTER_LINKED, count(secondRun, " linked"), secondRun);
        assertFalse(secondRun.contains("fx-1-1.0-0 linked") || secondRun.contains("fx-2-1.0-0 linked"), secondRun);
        assertEquals(0, count(secondRun, "already linked"), secondRun);

        Path prefix = config.storeDir().resolve("default/envs/restart").toRealPath();
        for (String name : Arrays.asList("fx-1", "fx-2", "fx-3", "fx-4", "fx-5", "fx-top")) {
            assertTrue(Files.isRegularFile(prefix.resolve("conda-meta/" + name + "-1.0-0.json")), name);
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private static String logOf(TerrariumClient api, long build) {
        try {
            return api.log(build);
        } catch (Exception e) {
            return "(log unavailable: " + e + ")";
        }
    }
}
