package io.terrarium.infrastructure.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelResolverTest {

    @TempDir
    Path store;

    private ChannelResolver resolver(String alias) {
        return new ChannelResolver(new TerrariumConfig() {
            @Override
            public Path storeDir() {
                return store;
            }

            @Override
            public String channelAlias() {
                return alias;
            }
        });
    }

    @Test
    void namesExpandThroughTheAlias() {
        assertEquals(
                "https://conda.anaconda.org/conda-forge",
                resolver("https://conda.anaconda.org").resolve("conda-forge"));
        assertEquals(
                "https://mirror.example/conda-forge/label/dev",
                resolver("https://mirror.example").resolve("conda-forge/label/dev/"));
    }

    @Test
    void aScopesChannelAliasReplacesTheServersForBareNamesOnly() throws Exception {
        ChannelResolver r = resolver("https://conda.anaconda.org");
        assertEquals(
                "https://mirror.example/conda/conda-forge", r.resolve("conda-forge", "https://mirror.example/conda/"));
        assertEquals(
                "https://repo.example/pkgs/main",
                r.resolve("https://repo.example/pkgs/main", "https://mirror.example"));
        Files.createDirectories(store.resolve("channels/demo"));
        assertEquals(
                store.resolve("channels/demo").toUri().toString().replaceAll("/$", ""),
                r.resolve("demo", "https://mirror.example"));
    }

    @Test
    void aLocalChannelDirectoryWinsOverTheAlias() throws Exception {
        Files.createDirectories(store.resolve("channels/demo"));
        assertEquals(
                store.resolve("channels/demo").toUri().toString().replaceAll("/$", ""),
                resolver("https://conda.anaconda.org").resolve("demo"));
    }

    @Test
    void urlsStayAndAbsolutePathsBecomeFileUrls() {
        ChannelResolver r = resolver("https://conda.anaconda.org");
        assertEquals("https://repo.example/pkgs/main", r.resolve("https://repo.example/pkgs/main/"));
        assertEquals("file:///srv/channel", r.resolve("/srv/channel"));
    }

    @Test
    void aNameCannotEscapeTheChannelsDirectory() throws Exception {
        Files.createDirectories(store.resolve("secret"));
        assertEquals(
                "https://conda.anaconda.org/../secret",
                resolver("https://conda.anaconda.org").resolve("../secret"));
    }
}
