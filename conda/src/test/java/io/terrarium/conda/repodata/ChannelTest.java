package io.terrarium.conda.repodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.types.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelTest {
    private final ChannelConfig cfg = ChannelConfig.fromEnvironment(Map.of("HOME", "/nowhere"));

    @Test
    void namesExpandThroughTheChannelAlias() {
        Channel cf = Channel.parse("conda-forge", cfg);
        assertEquals("https://conda.anaconda.org/conda-forge", cf.url());
        assertEquals("conda-forge", cf.name());
        assertEquals("https://conda.anaconda.org/conda-forge/linux-64", cf.subdirUrl(Platform.LINUX_64));
        assertEquals("conda-forge", cf.toString());
        assertFalse(cf.isLocal());

        Channel label = Channel.parse("conda-forge/label/dev", cfg);
        assertEquals("https://conda.anaconda.org/conda-forge/label/dev", label.url());
        assertEquals("conda-forge/label/dev", label.name());

        Channel mirrored = Channel.parse("bioconda", cfg.withChannelAlias("https://mirror.example.org/conda/"));
        assertEquals("https://mirror.example.org/conda/bioconda", mirrored.url());
        assertEquals("bioconda", mirrored.name());
    }

    @Test
    void urlsKeepTheirUrlAndUnderTheAliasGetTheShortName() {
        Channel c = Channel.parse("https://conda.anaconda.org/conda-forge/", cfg);
        assertEquals("https://conda.anaconda.org/conda-forge", c.url());
        assertEquals("conda-forge", c.name());
        assertEquals(Channel.parse("conda-forge", cfg), c);

        Channel other = Channel.parse("https://repo.example.com/pkgs/main", cfg);
        assertEquals("https://repo.example.com/pkgs/main", other.url());
        assertEquals("https://repo.example.com/pkgs/main", other.name());
        assertEquals(
                "http://localhost:8080/ch",
                Channel.parse("HTTP://localhost:8080/ch", cfg).url());
    }

    @Test
    void trailingSubdirIsStrippedAndRemembered() {
        Channel c = Channel.parse("https://conda.anaconda.org/conda-forge/linux-64", cfg);
        assertEquals("https://conda.anaconda.org/conda-forge", c.url());
        assertEquals(Optional.of(Platform.LINUX_64), c.platformHint());
        assertEquals(
                Optional.of(Platform.NOARCH),
                Channel.parse("conda-forge/noarch", cfg).platformHint());
        assertEquals(Optional.empty(), Channel.parse("conda-forge", cfg).platformHint());
    }

    @Test
    void localPathsAndFileUrls(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("my channel"));
        Channel byPath = Channel.parse(dir.toString(), cfg);
        assertTrue(byPath.url().startsWith("file:///"), byPath.url());
        assertTrue(byPath.url().endsWith("/my%20channel"), byPath.url());
        assertEquals(byPath.url(), byPath.name());
        assertTrue(byPath.isLocal());
        assertEquals(dir.toAbsolutePath(), byPath.localPath().orElseThrow());

        Channel byUrl = Channel.parse(dir.toUri().toString(), cfg);
        assertEquals(byPath, byUrl);
        assertEquals(byPath.hashCode(), byUrl.hashCode());
        Channel byUrlWithSubdir = Channel.parse(dir.resolve("noarch").toUri().toString(), cfg);
        assertEquals(byPath, byUrlWithSubdir);

        Channel relative = Channel.parse("./some/../rel-channel", cfg);
        assertEquals(Path.of("rel-channel").toAbsolutePath().toUri().toString().replaceAll("/$", ""), relative.url());

        Channel tilde = Channel.parse("~/chan", cfg);
        assertEquals(
                Path.of(System.getProperty("user.home"), "chan")
                        .toUri()
                        .toString()
                        .replaceAll("/$", ""),
                tilde.url());
    }

    @Test
    void relativePathWithSlashIsAPathOnlyWhenTheDirectoryExists() {
        // surefire runs in the module directory, where src/main exists
        Channel dir = Channel.parse("src/main", cfg);
        assertTrue(dir.isLocal(), dir.url());
        assertEquals(Path.of("src/main").toAbsolutePath().toUri().toString().replaceAll("/$", ""), dir.url());
        Channel name = Channel.parse("pkgs/main", cfg);
        assertEquals("https://conda.anaconda.org/pkgs/main", name.url());
    }

    @Test
    void defaultsExpandsThroughParseAll() {
        assertEquals(
                List.of(
                        Channel.parse("https://repo.anaconda.com/pkgs/main", cfg),
                        Channel.parse("https://repo.anaconda.com/pkgs/r", cfg)),
                Channel.parseAll("defaults", cfg));
        assertEquals(List.of(Channel.parse("conda-forge", cfg)), Channel.parseAll("conda-forge", cfg));
        ChannelConfig mirror = cfg.withDefaultChannels(List.of("https://mirror.example.org/main"));
        assertEquals(
                List.of("https://mirror.example.org/main"),
                Channel.parseAll("defaults", mirror).stream().map(Channel::url).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Channel.parse("defaults", cfg));
        assertEquals(
                "channel 'defaults' stands for several channels (https://repo.anaconda.com/pkgs/main, "
                        + "https://repo.anaconda.com/pkgs/r): list those instead",
                e.getMessage());
        assertEquals(
                List.of("a", "https://b.example.org/x"),
                ChannelConfig.fromEnvironment(Map.of("TERRARIUM_DEFAULT_CHANNELS", "a, https://b.example.org/x"))
                        .defaultChannels());
    }

    @Test
    void credentialsAreKeptOutOfTheUrl() {
        Channel t = Channel.parse("https://conda.anaconda.org/t/ab-12_cd/private-ch", cfg);
        assertEquals("https://conda.anaconda.org/private-ch", t.url());
        assertEquals("private-ch", t.name());
        assertTrue(t.hasCredentials());
        assertEquals(
                "https://conda.anaconda.org/t/ab-12_cd/private-ch/noarch/x-1-0.conda",
                t.authenticatedUrl(t.subdirUrl(Platform.NOARCH) + "/x-1-0.conda"));
        assertEquals("https://elsewhere.org/x", t.authenticatedUrl("https://elsewhere.org/x"));
        assertEquals(Optional.empty(), t.authorizationHeader());

        Channel b = Channel.parse("https://alice:s%3Acret@repo.example.org:8443/ch/", cfg);
        assertEquals("https://repo.example.org:8443/ch", b.url());
        assertEquals(
                Optional.of("Basic " + java.util.Base64.getEncoder().encodeToString("alice:s:cret".getBytes())),
                b.authorizationHeader());
        assertEquals(b.subdirUrl(Platform.NOARCH), b.authenticatedUrl(b.subdirUrl(Platform.NOARCH)));
        assertFalse(Channel.parse("conda-forge", cfg).hasCredentials());

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Channel.parse("https://bob:pw@/t/tok/x", cfg));
        assertFalse(e.getMessage().contains("pw") || e.getMessage().contains("tok"), e.getMessage());
    }

    @Test
    void differentChannelsDiffer() {
        assertNotEquals(Channel.parse("conda-forge", cfg), Channel.parse("bioconda", cfg));
    }

    @Test
    void badChannelsAreClearErrors() {
        assertEquals(
                "empty channel name",
                assertThrows(IllegalArgumentException.class, () -> Channel.parse("  ", cfg))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Channel.parse("ftp://x/y", cfg))
                .getMessage()
                .contains("unsupported channel URL scheme 'ftp'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Channel.parse("conda forge", cfg))
                .getMessage()
                .contains("'conda forge'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Channel.parse("https://", cfg))
                .getMessage()
                .contains("malformed channel URL"));
        assertThrows(IllegalArgumentException.class, () -> Channel.parse("a|b", cfg));
    }

    @Test
    void configDefaultsAndEnvironment() {
        ChannelConfig d = ChannelConfig.fromEnvironment(Map.of());
        assertEquals("https://conda.anaconda.org", d.channelAlias());
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "terrarium", "repodata"), d.cacheDir());
        assertFalse(d.offline());
        ChannelConfig xdg = ChannelConfig.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg"));
        assertEquals(Path.of("/xdg/terrarium/repodata"), xdg.cacheDir());
        ChannelConfig explicit = ChannelConfig.fromEnvironment(
                Map.of("TERRARIUM_REPODATA_CACHE", "/c", "TERRARIUM_CHANNEL_ALIAS", "https://mirror.example.org/"));
        assertEquals(Path.of("/c"), explicit.cacheDir());
        assertEquals("https://mirror.example.org", explicit.channelAlias());
        assertTrue(explicit.withOffline(true).offline());
        assertFalse(explicit.offline(), "withers do not mutate");
        assertThrows(IllegalArgumentException.class, () -> d.withChannelAlias("conda.anaconda.org"));
    }
}
