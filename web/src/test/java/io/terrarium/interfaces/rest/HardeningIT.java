package io.terrarium.interfaces.rest;

import static io.terrarium.interfaces.rest.ApiCalls.awaitEnd;
import static io.terrarium.interfaces.rest.ApiCalls.body;
import static io.terrarium.interfaces.rest.ApiCalls.data;
import static io.terrarium.interfaces.rest.ApiCalls.error;
import static io.terrarium.interfaces.rest.ApiCalls.submit;
import static io.terrarium.interfaces.rest.ApiCalls.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.it.FixtureChannel;
import io.terrarium.it.ItTokens;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * The hardened build path seen from outside: link scripts get none of the server's environment, hostile YAML is
 * refused fast without hurting the server, and lockfiles obey the channel allow-list.
 */
@MicroShedTest
public class HardeningIT {

    /** Calls as the IT admin; {@link ApiCalls#client(String)} calls as another token or anonymously. */
    static final CondaStoreApi api = ApiCalls.client(ItTokens.ADMIN);

    private final Path store = Path.of(System.getProperty("terrarium.it.store", "terrarium-store"));
    private final String marker = System.getProperty("terrarium.it.server.marker", "");

    private static String text(Response r) {
        String body = r.readEntity(String.class);
        assertEquals(200, r.getStatus(), body);
        return body;
    }

    @Test
    void aPostLinkScriptSeesNoneOfTheServersEnvironmentAndPrintsToTheBuildLog() throws Exception {
        assertFalse(marker.isEmpty(), "the IT server's marker variable is not configured (web/pom.xml)");
        String channel = unique("hooks");
        FixtureChannel.buildWithPostLink(
                store.resolve("channels").resolve(channel),
                "envdump",
                "echo \"variables seen by post-link:\"\nenv | sort\n");
        String ns = unique("linkenv");
        long build = submit(api, "name: dump\nchannels: [" + channel + "]\ndependencies: [envdump]\n", ns);
        String status = awaitEnd(api, build);
        String log = text(api.buildFile(build, "logs"));
        assertEquals("COMPLETED", status, log);
        assertTrue(log.contains("post-link script of envdump-1.0-0:"), log);
        assertTrue(log.contains("PKG_NAME=envdump"), log);
        assertTrue(log.contains("PREFIX=/"), log);
        assertFalse(log.contains(marker), "the server's own variable reached the script:\n" + log);
        assertFalse(log.contains("TERRARIUM_"), "a server variable reached the script:\n" + log);
    }

    @Test
    void aYamlAliasBombIsRefusedFastAndTheServerStaysHealthy() {
        // 16 levels of 3 aliases: 48 aliases (within the parser's own alias count) that expand to 3^16 = 43 million
        StringBuilder yaml = new StringBuilder("name: bomb\nchannels: [demo]\nl0: &l0 [lol, lol, lol]\n");
        for (int level = 1; level <= 16; level++) {
            String below = "*l" + (level - 1);
            yaml.append("l").append(level).append(": &l").append(level).append(" [");
            yaml.append(below)
                    .append(", ")
                    .append(below)
                    .append(", ")
                    .append(below)
                    .append("]\n");
        }
        yaml.append("dependencies: *l16\n");
        while (yaml.length() < 4000) {
            yaml.append("# padding to the size of a real environment file\n");
        }
        String ns = unique("bomb");
        // the same refusal path once before timing, so the measure is the bomb, not a cold server
        error(api.submit(body("name: warm\ndependencies: [hello\n", ns)), 400);
        long started = System.nanoTime();
        String message = error(api.submit(body(yaml.toString(), ns)), 400);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(message.startsWith("Unable to parse. Invalid YAML"), message);
        assertTrue(message.contains("alias"), message);
        assertTrue(took.toMillis() < 2000, "refusing the bomb took " + took.toMillis() + " ms");
        assertTrue(data(api.version()).containsKey("version"), "GET /api/v1/ after the bomb");
    }

    @Test
    void aDeeplyNestedSpecificationIsRefused() {
        String yaml = "name: deep\ndependencies: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        String message = error(api.submit(body(yaml, unique("deep"))), 400);
        assertTrue(message.contains("nest"), message);
        assertTrue(data(api.version()).containsKey("version"), "GET /api/v1/ after the nesting");
    }

    @Test
    void aLockfileFromAChannelOutsideTheAllowListIsRefusedNamingTheChannel() {
        String ns = unique("locked");
        ApiCalls.json(api.createNamespace(ns), 200);
        ApiCalls.json(api.putNamespaceSettings(ns, "{\"conda_allowed_channels\": [\"demo\"]}"), 200);
        String lockfile = "version: 1\nmetadata:\n  platforms: [linux-64]\npackage:\n"
                + "- name: evil\n  version: '1.0'\n  manager: conda\n  platform: linux-64\n"
                + "  url: https://evil.example/private/noarch/evil-1.0-0.conda\n"
                + "  hash: {md5: 0123456789abcdef0123456789abcdef}\n  dependencies: {}\n";
        String message = error(api.submit(ApiCalls.lockfileBody(lockfile, ns, "locked", null)), 400);
        assertTrue(message.contains("https://evil.example/private"), message);
        assertTrue(message.contains("not allowed"), message);
        assertEquals("environment does not exist", error(api.environment(ns, "locked"), 404));
    }

    @Test
    void aServerPathChannelIsForAGlobalAdminOnly() {
        String spec = "name: local\nchannels: [file:///etc]\ndependencies: [hello]\n";
        // the team token is admin of its own namespace, yet not of every namespace: the server's disk stays closed
        CondaStoreApi team = ApiCalls.client(ItTokens.TEAM);
        String message = error(team.submit(ApiCalls.body(spec, "team")), 403);
        assertTrue(message.contains("file:///etc"), message);
        assertTrue(message.contains("only a global administrator"), message);
        String demo = "name: local\nchannels: [demo]\ndependencies: [hello]\n";
        assertEquals(200, team.submit(ApiCalls.body(demo, "team")).getStatus(), "the store's own channels stay open");
    }

    @Test
    void channelCredentialsAreMaskedInTheLogAndTheSpecification() throws Exception {
        // nothing listens on port 9: the build fails loading the channel, and says so in its log
        String channel = "https://alice:s3cret-pw@127.0.0.1:9/t/tok-123/private";
        String ns = unique("creds");
        long build = submit(api, "name: creds\nchannels: [demo, \"" + channel + "\"]\ndependencies: [hello]\n", ns);
        assertEquals("FAILED", awaitEnd(api, build));
        String log = text(api.buildFile(build, "logs"));
        assertTrue(log.contains("https://alice:****@127.0.0.1:9/t/<TOKEN>/private"), log);
        assertFalse(log.contains("s3cret-pw") || log.contains("tok-123"), log);
        String shown = api.build(build).readEntity(String.class);
        assertTrue(shown.contains("alice:****@127.0.0.1:9"), shown);
        assertFalse(shown.contains("s3cret-pw") || shown.contains("tok-123"), shown);
    }
}
