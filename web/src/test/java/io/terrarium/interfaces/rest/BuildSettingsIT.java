package io.terrarium.interfaces.rest;

import static io.terrarium.interfaces.rest.ApiCalls.awaitEnd;
import static io.terrarium.interfaces.rest.ApiCalls.data;
import static io.terrarium.interfaces.rest.ApiCalls.error;
import static io.terrarium.interfaces.rest.ApiCalls.submit;
import static io.terrarium.interfaces.rest.ApiCalls.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.json.Json;
import io.terrarium.it.ItTokens;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Settings a build applies, through the server: the specification's CONDA_OVERRIDE_CUDA, conda_channel_alias,
 * conda_solve_platforms, default_permissions/uid/gid, conda_max_solve_time and storage_threshold. Global settings
 * changed here are put back in a finally block.
 */
@MicroShedTest
public class BuildSettingsIT {

    /** Calls as the IT admin; {@link ApiCalls#client(String)} calls as another token or anonymously. */
    static final CondaStoreApi api = ApiCalls.client(ItTokens.ADMIN);

    @TempDir
    static Path channels;

    private static final Path STORE = Path.of(System.getProperty("terrarium.it.store", "terrarium-store"));

    private static String spec(String name, String channel, String dependency, String variables) {
        return "name: " + name + "\nchannels: [" + channel + "]\ndependencies: [" + dependency + "]\n"
                + (variables == null ? "" : "variables: " + variables + "\n");
    }

    private static Map<String, Object> build(long id) {
        return data(api.build(id));
    }

    private static String log(long id) {
        return api.buildFile(id, "logs").readEntity(String.class);
    }

    private static void putGlobal(Map<String, Object> values) {
        data(api.putGlobalSettings(Json.write(values)));
    }

    @Test
    void condaOverrideCudaInTheVariablesSolvesAGpuEnvironmentOnANodeWithoutAGpu() throws Exception {
        String channel =
                SettingsChannels.url(SettingsChannels.withPackage(channels.resolve("gpu"), "gpu-tool", "__cuda >=11"));
        String ns = unique("cuda");
        long gpu = submit(api, spec("gpu", channel, "gpu-tool", "{CONDA_OVERRIDE_CUDA: '12.2'}"), ns);
        assertEquals("COMPLETED", awaitEnd(api, gpu), () -> log(gpu));
        assertTrue(log(gpu).contains("__cuda=12.2"), log(gpu));

        // an empty value removes __cuda, as conda does
        long none = submit(api, spec("no-gpu", channel, "gpu-tool", "{CONDA_OVERRIDE_CUDA: ''}"), ns);
        assertEquals("FAILED", awaitEnd(api, none), () -> log(none));
        String info = (String) build(none).get("status_info");
        assertTrue(info.contains("__cuda"), info);
    }

    @Test
    void aNamespacesChannelAliasExpandsBareChannelNames() throws Exception {
        Path aliasRoot = channels.resolve("mirror");
        SettingsChannels.withPackage(aliasRoot.resolve("inhouse"), "inhouse-tool", null);
        String ns = unique("alias");
        data(api.putNamespaceSettings(ns, Json.write(Map.of("conda_channel_alias", SettingsChannels.url(aliasRoot)))));
        long b = submit(api, spec("aliased", "inhouse", "inhouse-tool", null), ns);
        assertEquals("COMPLETED", awaitEnd(api, b), () -> log(b));
        String yaml = api.buildFile(b, "yaml").readEntity(String.class);
        assertTrue(yaml.contains(SettingsChannels.url(aliasRoot.resolve("inhouse"))), yaml);
    }

    @Test
    void solvePlatformsAreAllInTheLockfileAndTheBuildInstallsItsOwn() throws Exception {
        String channel =
                SettingsChannels.url(SettingsChannels.withPackage(channels.resolve("multi"), "multi-tool", null));
        String ns = unique("platforms");
        data(api.putNamespaceSettings(ns, Json.write(Map.of("conda_solve_platforms", List.of("osx-arm64", "win-64")))));
        long b = submit(api, spec("multi", channel, "multi-tool", null), ns);
        assertEquals("COMPLETED", awaitEnd(api, b), () -> log(b));
        String lockfile = api.buildFile(b, "lockfile").readEntity(String.class);
        Map<String, Object> lock = Json.parseObject(lockfile);
        @SuppressWarnings("unchecked")
        List<String> platforms = (List<String>) ((Map<String, Object>) lock.get("metadata")).get("platforms");
        assertTrue(platforms.containsAll(List.of("linux-64", "osx-arm64", "win-64")), lockfile);
        assertTrue(Files.isRegularFile(STORE.resolve(ns).resolve("envs/multi/share/multi-tool.txt")));
    }

    @Test
    void defaultPermissionsAndOwnerAreGivenToTheBuiltPrefix() throws Exception {
        String channel =
                SettingsChannels.url(SettingsChannels.withPackage(channels.resolve("owned"), "owned-tool", null));
        String ns = unique("owner");
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("default_uid", 4321);
        owner.put("default_gid", 4322);
        owner.put("default_permissions", "750");
        putGlobal(owner);
        try {
            long b = submit(api, spec("owned", channel, "owned-tool", null), ns);
            assertEquals("COMPLETED", awaitEnd(api, b), () -> log(b));
            Path prefix = STORE.resolve(ns).resolve("envs/owned").toRealPath();
            try (Stream<Path> all = Files.walk(prefix)) {
                for (Path p : all.toList()) {
                    assertEquals(4321, Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS), p.toString());
                    assertEquals(4322, Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS), p.toString());
                    if (!Files.isSymbolicLink(p)) {
                        assertEquals(
                                "rwxr-x---",
                                PosixFilePermissions.toString(Files.getPosixFilePermissions(p)),
                                p.toString());
                    }
                }
            }
            assertTrue(log(b).contains("prefix given mode 750, owner 4321:4322"), log(b));
        } finally {
            Map<String, Object> back = new LinkedHashMap<>();
            back.put("default_uid", null);
            back.put("default_gid", null);
            back.put("default_permissions", "775");
            putGlobal(back);
        }
    }

    @Test
    void aSolvePastTheMaxSolveTimeFailsSayingTheTimeRanOut() throws Exception {
        List<String> pigeons = SettingsChannels.pigeonholes(channels.resolve("pigeons"), 13);
        String ns = unique("slow");
        putGlobal(Map.of("conda_max_solve_time", 1));
        try {
            long b = submit(
                    api,
                    spec("slow", SettingsChannels.url(channels.resolve("pigeons")), String.join(", ", pigeons), null),
                    ns);
            assertEquals("FAILED", awaitEnd(api, b), () -> log(b));
            String info = (String) build(b).get("status_info");
            assertTrue(info.contains("the solve ran out of time: conda_max_solve_time (1 s) was reached"), info);
        } finally {
            putGlobal(Map.of("conda_max_solve_time", 300));
        }
    }

    @Test
    void belowTheStorageThresholdNewBuildsAndRebuildsAreRefused() throws Exception {
        String channel =
                SettingsChannels.url(SettingsChannels.withPackage(channels.resolve("full"), "full-tool", null));
        String ns = unique("full");
        long first = submit(api, spec("full", channel, "full-tool", null), ns);
        assertEquals("COMPLETED", awaitEnd(api, first), () -> log(first));
        putGlobal(Map.of("storage_threshold", Long.MAX_VALUE));
        try {
            Response refused = api.submit(ApiCalls.body(spec("full2", channel, "full-tool", null), ns));
            assertEquals(
                    "`CondaStore.storage_threshold` reached. Action environment:create prevented due to insufficient"
                            + " storage space",
                    error(refused, 400));
            assertEquals(
                    "`CondaStore.storage_threshold` reached. Action environment:update prevented due to insufficient"
                            + " storage space",
                    error(api.rebuild(first), 400));
        } finally {
            putGlobal(Map.of("storage_threshold", 5L * 1024 * 1024 * 1024));
        }
        long after = submit(api, spec("full3", channel, "full-tool", null), ns);
        assertEquals("COMPLETED", awaitEnd(api, after), () -> log(after));
    }
}
