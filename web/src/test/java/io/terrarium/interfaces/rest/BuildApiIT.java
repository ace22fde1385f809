package io.terrarium.interfaces.rest;

import static io.terrarium.interfaces.rest.ApiCalls.awaitEnd;
import static io.terrarium.interfaces.rest.ApiCalls.data;
import static io.terrarium.interfaces.rest.ApiCalls.error;
import static io.terrarium.interfaces.rest.ApiCalls.json;
import static io.terrarium.interfaces.rest.ApiCalls.list;
import static io.terrarium.interfaces.rest.ApiCalls.submit;
import static io.terrarium.interfaces.rest.ApiCalls.unique;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.it.ItTokens;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Builds over HTTP: a posted specification completes, its artifacts download, it can be rebuilt, an older build
 * re-activated, and running builds can be canceled but not deleted.
 */
@MicroShedTest
public class BuildApiIT {

    /** Calls as the IT admin; {@link ApiCalls#client(String)} calls as another token or anonymously. */
    static final CondaStoreApi api = ApiCalls.client(ItTokens.ADMIN);

    private static final Path STORE = Path.of(System.getProperty("terrarium.it.store", "terrarium-store"));

    @Test
    void completedBuildHasArtifactsPackagesAndAnActiveEnvironment() throws Exception {
        String ns = unique("art");
        long build = submit(api, "name: tools\nchannels: [demo]\ndependencies: [hello]\n", ns);
        assertEquals("COMPLETED", awaitEnd(api, build), () -> text(api.buildFile(build, "logs")));

        Map<String, Object> b = data(api.build(build));
        assertTrue(((Number) b.get("size")).longValue() > 0);
        assertTrue(
                ((String) b.get("scheduled_on")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?"),
                () -> "naive ISO time: " + b.get("scheduled_on"));
        @SuppressWarnings("unchecked")
        Set<String> types = ((List<Map<String, Object>>) b.get("build_artifacts"))
                .stream().map(a -> (String) a.get("artifact_type")).collect(Collectors.toSet());
        assertEquals(Set.of("LOGS", "LOCKFILE", "YAML", "CONDA_PACK", "DIRECTORY"), types);

        Map<String, Object> env = data(api.environment(ns, "tools"));
        assertEquals(build, ((Number) env.get("current_build_id")).longValue());
        assertNull(env.get("current_build"));
        Path link = STORE.resolve(ns).resolve("envs/tools");
        assertTrue(Files.isSymbolicLink(link), link + " should be the environment symlink");
        assertTrue(Files.isRegularFile(link.resolve("conda-meta/hello-1.1-0.json")));

        String log = text(api.buildFile(build, "logs"));
        assertTrue(log.contains("starting build of conda environment"), log);
        Response lockfileResponse = api.buildFile(build, "lockfile");
        assertTrue(lockfileResponse.getHeaderString("Content-Type").startsWith("application/json"));
        String lockfile = text(lockfileResponse);
        Map<String, Object> lock = io.terrarium.conda.json.Json.parseObject(lockfile);
        assertEquals(1L, ((Number) lock.get("version")).longValue());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> locked = (List<Map<String, Object>>) lock.get("package");
        assertTrue(
                locked.stream()
                        .anyMatch(p ->
                                "hello".equals(p.get("name")) && ((Map<?, ?>) p.get("hash")).get("sha256") != null),
                lockfile);
        Response yamlResponse = api.buildFileAs(build, "lockfile", "application/yaml");
        assertTrue(yamlResponse.getHeaderString("Content-Type").startsWith("text/yaml"));
        String yaml = text(yamlResponse);
        assertTrue(yaml.contains("package:"), yaml);
        assertEquals(
                locked.stream()
                        .map(p -> p.get("name") + "=" + p.get("version") + " " + p.get("url"))
                        .toList(),
                io.terrarium.conda.lock.CondaLockYaml.parse(yaml, "YAML lockfile").packages().stream()
                        .map(p -> p.name() + "=" + p.version() + " " + p.url())
                        .toList(),
                "the JSON and the YAML lockfile hold the same packages");
        assertEquals(yaml, text(api.buildFileAs(build, "conda-lock.yml", "text/yaml")));
        assertEquals(lockfile, text(api.buildFile(build, "conda-lock.yml")));
        assertEquals(lockfile, text(api.buildFile(build, "conda-lock.yaml")));
        assertEquals(lockfile, text(api.environmentLockfile(ns, "tools")));
        assertEquals(lockfile, text(api.environmentLockfile(ns, "tools", "conda-lock.yml")));
        assertEquals(lockfile, text(api.environmentLockfile(ns, "tools", "conda-lock.yaml")));
        assertTrue(text(api.buildFile(build, "yaml")).contains("hello"));
        // MicroShed's JSON-B provider claims every body type, so the archive bytes are checked on disk and the
        // download by its headers
        Response archive = api.buildFile(build, "archive");
        assertEquals(200, archive.getStatus());
        assertEquals("application/gzip", archive.getMediaType().toString());
        assertTrue(archive.getHeaderString("Content-Disposition").contains(".tar.gz"));
        @SuppressWarnings("unchecked")
        String archiveKey = ((List<Map<String, Object>>) b.get("build_artifacts"))
                .stream()
                        .filter(a -> "CONDA_PACK".equals(a.get("artifact_type")))
                        .map(a -> (String) a.get("key"))
                        .findFirst()
                        .orElseThrow();
        Path archiveFile = STORE.resolve(".storage").resolve(archiveKey);
        byte[] gz = Arrays.copyOf(Files.readAllBytes(archiveFile), 2);
        assertArrayEquals(new byte[] {(byte) 0x1f, (byte) 0x8b}, gz, "a gzip archive");
        String length = archive.getHeaderString("Content-Length");
        if (length != null) {
            assertEquals(Files.size(archiveFile), Long.parseLong(length));
        }
        archive.close();

        List<Map<String, Object>> packages = list(api.buildPackages(build, null));
        assertEquals(
                Set.of("hello", "greeting-data"),
                packages.stream().map(p -> p.get("name")).collect(Collectors.toSet()));
        assertEquals(1, list(api.buildPackages(build, "hell")).size());
        assertTrue(
                list(api.packages("hello", "true", "version")).stream().allMatch(p -> "hello".equals(p.get("name"))));
        assertTrue(list(api.channels()).stream()
                .anyMatch(c -> String.valueOf(c.get("name")).endsWith("/demo")));

        assertEquals(
                1,
                list(api.environments(ns, "tools", null, "COMPLETED", List.of("hello"), "CONDA_PACK"))
                        .size());
        assertEquals(
                0,
                list(api.environments(ns, "tools", null, null, List.of("hello", "numpy"), null))
                        .size());
        assertEquals(
                1,
                list(api.environments(null, null, ns, null, null, null)).stream()
                        .filter(e -> "tools".equals(e.get("name")))
                        .count());
    }

    @Test
    void rebuildThenActivateTheOlderBuild() throws Exception {
        String ns = unique("rebuild");
        long first = submit(api, "name: app\nchannels: [demo]\ndependencies: [hello]\n", ns);
        assertEquals("COMPLETED", awaitEnd(api, first));
        Path link = STORE.resolve(ns).resolve("envs/app");
        Path firstPrefix = link.toRealPath();

        Map<String, Object> rebuilt = json(api.rebuild(first), 200);
        assertEquals("rebuild triggered", rebuilt.get("message"));
        long second = ((Number) ((Map<?, ?>) rebuilt.get("data")).get("build_id")).longValue();
        assertNotEquals(first, second);
        assertEquals("COMPLETED", awaitEnd(api, second));
        assertEquals(second, ((Number) data(api.environment(ns, "app")).get("current_build_id")).longValue());
        assertNotEquals(firstPrefix, link.toRealPath());

        json(api.updateEnvironment(ns, "app", "{\"build_id\": " + first + "}"), 200);
        assertEquals(first, ((Number) data(api.environment(ns, "app")).get("current_build_id")).longValue());
        assertEquals(firstPrefix, link.toRealPath(), "the symlink points at the older build again");

        List<Map<String, Object>> history = list(api.builds(ns, "app", "scheduled_on", "desc"));
        assertEquals(
                List.of(second, first),
                history.stream().map(h -> ((Number) h.get("id")).longValue()).toList());

        assertTrue(error(api.updateEnvironment(ns, "app", "{\"build_id\": 987654321}"), 400)
                .contains("does not exist"));
        json(api.updateEnvironment(ns, "app", "{\"description\": \"the app\"}"), 200);
        assertEquals("the app", data(api.environment(ns, "app")).get("description"));
    }

    @Test
    void runningBuildsCannotBeDeletedButCanBeCanceled() throws Exception {
        String ns = unique("cancel");
        long build = submit(api, "name: slow\nchannels: [demo]\ndependencies: [hello]\n", ns);
        assertEquals("cannot delete build since not finished building", error(api.deleteBuild(build), 400));

        json(api.cancel(build), 200);
        assertEquals("CANCELED", awaitEnd(api, build));
        assertTrue(error(api.cancel(build), 409).contains("already CANCELED"));
        json(api.deleteBuild(build), 200);
        assertTrue(data(api.build(build)).get("status") instanceof String, "deleted builds are still readable");
        assertEquals("build id does not exist", error(api.build(987654321L), 404));
    }

    @Test
    void failedBuildCannotBeActivatedAndDeletingTheEnvironmentRemovesIt() throws Exception {
        String ns = unique("envdel");
        long ok = submit(api, "name: e\nchannels: [demo]\ndependencies: [hello]\n", ns);
        assertEquals("COMPLETED", awaitEnd(api, ok));
        long failed = submit(api, "name: e\nchannels: [demo]\ndependencies: [hello >=9]\n", ns);
        assertEquals("FAILED", awaitEnd(api, failed));
        assertTrue(error(api.updateEnvironment(ns, "e", "{\"build_id\": " + failed + "}"), 400)
                .contains("not COMPLETED"));

        json(api.deleteEnvironment(ns, "e"), 200);
        assertEquals("environment does not exist", error(api.environment(ns, "e"), 404));
        assertTrue(!Files.exists(STORE.resolve(ns).resolve("envs/e"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, list(api.environments(ns, null, null, null, null, null)).size());
    }

    @Test
    void lockfileSubmissionInstallsExactly() throws Exception {
        String ns = unique("lock");
        long solved = submit(api, "name: solved\nchannels: [demo]\ndependencies: [hello=1.0]\n", ns);
        assertEquals("COMPLETED", awaitEnd(api, solved));
        String lockfile = text(api.buildFile(solved, "lockfile"));

        long locked = ApiCalls.submitLockfile(api, lockfile, ns, "locked", "from a lockfile");
        assertEquals("COMPLETED", awaitEnd(api, locked), () -> text(api.buildFile(locked, "logs")));
        assertEquals(
                Set.of("hello", "greeting-data"),
                list(api.buildPackages(locked, null)).stream()
                        .map(p -> p.get("name"))
                        .collect(Collectors.toSet()));
        Path prefix = STORE.resolve(ns).resolve("envs/locked");
        assertTrue(Files.isRegularFile(prefix.resolve("conda-meta/hello-1.0-0.json")), "exactly the locked hello 1.0");
        assertEquals("from a lockfile", data(api.environment(ns, "locked")).get("description"));
    }

    @Test
    void settingsAreScopedAndValidated() {
        String ns = unique("settings");
        json(api.putEnvironmentSettings(ns, "env1", "{\"build_artifacts\": [\"LOCKFILE\"]}"), 200);
        assertEquals(
                List.of("LOCKFILE"), data(api.environmentSettings(ns, "env1")).get("build_artifacts"));
        assertEquals(
                List.of("LOCKFILE", "YAML", "CONDA_PACK"),
                data(api.environmentSettings(ns, "env2")).get("build_artifacts"));
        assertEquals("Invalid setting keys [nope]", error(api.putNamespaceSettings(ns, "{\"nope\": 1}"), 400));
        assertTrue(error(api.putNamespaceSettings(ns, "{\"default_namespace\": \"x\"}"), 400)
                .contains("global setting"));
        assertTrue(error(api.putNamespaceSettings(ns, "{\"build_artifacts\": [\"BOGUS\"]}"), 400)
                .contains("validation error"));
    }

    @Test
    void cursorPaginationWalksAllEnvironmentsOfANamespace() throws Exception {
        String ns = unique("cursor");
        for (String name : List.of("c1", "c2", "c3")) {
            submit(api, "name: " + name + "\nchannels: [demo]\ndependencies: [hello]\n", ns);
        }
        Map<String, Object> page1 = json(api.environmentsV2(ns, 2, "name", null), 200);
        assertEquals(3L, page1.get("count"));
        assertEquals(List.of("c1", "c2"), names(page1));
        Map<String, Object> page2 = json(api.environmentsV2(ns, 2, "name", (String) page1.get("cursor")), 200);
        assertEquals(List.of("c3"), names(page2));
        Map<String, Object> page3 = json(api.environmentsV2(ns, 2, "name", (String) page2.get("cursor")), 200);
        assertEquals(List.of(), names(page3));
        assertTrue(error(api.environmentsV2(ns, 2, "size", null), 400).startsWith("Cannot sort results by"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("data"))
                .stream().map(e -> (String) e.get("name")).toList();
    }

    private static String text(Response r) {
        String body = r.readEntity(String.class);
        assertEquals(200, r.getStatus(), body);
        return body;
    }
}
