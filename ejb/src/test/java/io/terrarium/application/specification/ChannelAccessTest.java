package io.terrarium.application.specification;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.settings.EffectiveSettings;
import io.terrarium.application.settings.SettingKey;
import io.terrarium.domain.model.specification.LockfileSpecification;
import io.terrarium.infrastructure.config.ChannelResolver;
import io.terrarium.infrastructure.config.TerrariumConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may build from which channels, checked with a caller that is not a global administrator and one that is. */
class ChannelAccessTest {

    @TempDir
    Path store;

    private ChannelResolver resolver;

    /** A caller with or without admin on every namespace. */
    static final class Caller extends AuthorizationService {
        private final boolean globalAdmin;

        Caller(boolean globalAdmin) {
            this.globalAdmin = globalAdmin;
        }

        @Override
        public boolean isGlobalAdmin() {
            return globalAdmin;
        }
    }

    @BeforeEach
    void storeWithDemoChannel() throws Exception {
        Files.createDirectories(store.resolve("channels/demo"));
        resolver = new ChannelResolver(new TerrariumConfig() {
            @Override
            public Path storeDir() {
                return store;
            }

            @Override
            public String channelAlias() {
                return "https://conda.anaconda.org";
            }
        });
    }

    private ChannelAccess forUser() {
        return new ChannelAccess(resolver, new Caller(false));
    }

    private ChannelAccess forAdmin() {
        return new ChannelAccess(resolver, new Caller(true));
    }

    private static EffectiveSettings allowing(List<String> allowed) {
        return new EffectiveSettings(Map.of(SettingKey.CONDA_ALLOWED_CHANNELS.key(), allowed));
    }

    private static LockfileSpecification lockfile(String... urls) {
        StringBuilder yaml = new StringBuilder("version: 1\nmetadata:\n  platforms: [linux-64]\npackage:\n");
        for (String url : urls) {
            String file = url.substring(url.lastIndexOf('/') + 1);
            String name = file.substring(0, file.indexOf('-'));
            yaml.append("- name: ")
                    .append(name)
                    .append("\n  version: '1.0'\n  manager: conda\n  platform: linux-64\n")
                    .append("  url: ")
                    .append(url)
                    .append("\n  hash: {md5: 0123456789abcdef0123456789abcdef}\n")
                    .append("  dependencies: {}\n");
        }
        return LockfileSpecification.parse(yaml.toString(), "locked", "");
    }

    @Test
    void fileUrlsAndServerPathsAreForbiddenToANonAdminWithTheReason() {
        for (String channel : List.of("file:///etc", "/home/terrarium/secret-channel", "file:///" + store + "/../x")) {
            RequestRejectedException e =
                    assertThrows(RequestRejectedException.class, () -> forUser().requireUsable(List.of(channel)));
            assertEquals(RequestRejectedException.Reason.FORBIDDEN, e.reason());
            assertTrue(e.getMessage().contains("is a path on the server"), e.getMessage());
            assertTrue(e.getMessage().contains("only a global administrator"), e.getMessage());
        }
    }

    @Test
    void theStoresOwnChannelsStayOpenToEveryone() {
        assertDoesNotThrow(() -> forUser().requireUsable(List.of("demo", "conda-forge", "https://repo.example/c")));
        assertDoesNotThrow(() -> forUser().requireUsable(List.of(resolver.resolve("demo"))));
        RequestRejectedException e = assertThrows(
                RequestRejectedException.class,
                () -> forUser().requireUsable(List.of(resolver.resolve("demo") + "/../../pkgs")));
        assertEquals(RequestRejectedException.Reason.FORBIDDEN, e.reason(), "'..' must not escape the channels");
    }

    @Test
    void aRebuildIsCheckedAsItsNewCallerWouldBeAtSubmission() {
        String onServer = "{\"name\": \"x\", \"channels\": [\"file:///etc\"], \"dependencies\": [\"hello\"]}";
        RequestRejectedException e = assertThrows(
                RequestRejectedException.class,
                () -> forUser().requireRebuildable(onServer, false, "x", allowing(List.of())));
        assertEquals(RequestRejectedException.Reason.FORBIDDEN, e.reason());
        assertDoesNotThrow(() -> forAdmin().requireRebuildable(onServer, false, "x", allowing(List.of())));
        String pip = "{\"name\": \"x\", \"channels\": [\"demo\"], \"dependencies\": [\"python\","
                + " {\"pip\": [\"--index-url file:///srv/wheels\", \"a\"]}]}";
        assertThrows(
                RequestRejectedException.class,
                () -> forUser().requireRebuildable(pip, false, "x", allowing(List.of())));
        String demo = "{\"name\": \"x\", \"channels\": [\"demo\"], \"dependencies\": [\"hello\"]}";
        assertDoesNotThrow(() -> forUser().requireRebuildable(demo, false, "x", allowing(List.of())));
    }

    @Test
    void aGlobalAdminMayUseServerPaths() {
        assertDoesNotThrow(() -> forAdmin().requireUsable(List.of("file:///srv/mirror", "/srv/mirror")));
    }

    @Test
    void lockfilePackagesFromChannelsOutsideTheAllowListAreRefusedNamingTheChannel() {
        LockfileSpecification lock = lockfile(
                "https://conda.anaconda.org/conda-forge/linux-64/zlib-1.3-h0.conda",
                "https://evil.example/private/noarch/evil-1.0-0.conda");
        RequestRejectedException e = assertThrows(
                RequestRejectedException.class,
                () -> forUser().requireLockfileAllowed(lock, allowing(List.of("conda-forge"))));
        assertEquals(RequestRejectedException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("https://evil.example/private"), e.getMessage());
        assertTrue(!e.getMessage().contains("conda-forge/linux-64"), e.getMessage());
        assertDoesNotThrow(() -> forUser()
                .requireLockfileAllowed(lock, allowing(List.of("conda-forge", "https://evil.example/private"))));
        assertDoesNotThrow(() -> forUser().requireLockfileAllowed(lock, allowing(List.of())));
    }

    @Test
    void lockfileCredentialsDoNotMatterForTheAllowListAndAreNotEchoed() {
        LockfileSpecification lock = lockfile("https://conda.anaconda.org/t/secret-token/private/noarch/p-1.0-0.conda");
        assertDoesNotThrow(() -> forUser().requireLockfileAllowed(lock, allowing(List.of("private"))));
        RequestRejectedException e = assertThrows(
                RequestRejectedException.class,
                () -> forUser().requireLockfileAllowed(lock, allowing(List.of("conda-forge"))));
        assertTrue(!e.getMessage().contains("secret-token"), e.getMessage());
    }

    @Test
    void aLockfileReadingTheServersDiskIsForbiddenToANonAdmin() {
        LockfileSpecification lock = lockfile("file:///srv/mirror/noarch/p-1.0-0.conda");
        RequestRejectedException e = assertThrows(
                RequestRejectedException.class, () -> forUser().requireLockfileAllowed(lock, allowing(List.of())));
        assertEquals(RequestRejectedException.Reason.FORBIDDEN, e.reason());
        assertDoesNotThrow(() -> forAdmin().requireLockfileAllowed(lock, allowing(List.of())));
    }

    @Test
    void onlyAGlobalAdminMayWidenTheAllowListBelowTheGlobalLevel() {
        EffectiveSettings global = allowing(List.of("conda-forge", "demo"));
        assertDoesNotThrow(() -> forUser().requireMayAllow(List.of("demo"), global));
        RequestRejectedException wider = assertThrows(
                RequestRejectedException.class, () -> forUser().requireMayAllow(List.of("demo", "bioconda"), global));
        assertEquals(RequestRejectedException.Reason.FORBIDDEN, wider.reason());
        assertTrue(wider.getMessage().contains("[bioconda]"), wider.getMessage());
        RequestRejectedException all =
                assertThrows(RequestRejectedException.class, () -> forUser().requireMayAllow(List.of(), global));
        assertEquals(RequestRejectedException.Reason.FORBIDDEN, all.reason());
        assertDoesNotThrow(() -> forAdmin().requireMayAllow(List.of("bioconda"), global));
        assertDoesNotThrow(() -> forUser().requireMayAllow(List.of("bioconda"), allowing(List.of())));
    }

    @Test
    void pipFileUrlsAreForbiddenToANonAdmin() {
        RequestRejectedException e = assertThrows(
                RequestRejectedException.class,
                () -> forUser().requirePipUsable(List.of("--index-url file:///srv/wheels", "requests")));
        assertEquals(RequestRejectedException.Reason.FORBIDDEN, e.reason());
        assertDoesNotThrow(
                () -> forUser().requirePipUsable(List.of("--index-url https://pypi.org/simple", "requests")));
        assertDoesNotThrow(() -> forUser().requirePipUsable(null));
        assertDoesNotThrow(() -> forAdmin().requirePipUsable(List.of("--index-url file:///srv/wheels")));
    }
}
