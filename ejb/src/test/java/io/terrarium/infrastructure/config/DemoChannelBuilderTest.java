package io.terrarium.infrastructure.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.pkg.PackageArchive;
import io.terrarium.conda.repodata.Channel;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.solve.SolveRequest;
import io.terrarium.conda.solve.Solver;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoChannelBuilderTest {

    @TempDir
    Path tmp;

    @Test
    void demoChannelSolvesHelloWithItsDependency() throws Exception {
        Path channel = tmp.resolve("channels/demo");
        DemoChannelBuilder.build(channel);

        ChannelConfig config = ChannelConfig.defaults().withCacheDir(tmp.resolve("cache"));
        RepoIndex index = RepoIndex.load(List.of(Channel.parse(channel.toString(), config)), Platform.LINUX_64, config);
        List<PackageRecord> solved = new Solver()
                .solve(SolveRequest.builder(index).spec("hello").build())
                .records();

        assertEquals(
                "greeting-data=1.0, hello=1.1",
                solved.stream().map(r -> r.name() + "=" + r.version()).sorted().collect(Collectors.joining(", ")));
    }

    @Test
    void packagesAreRealArchivesWithAPrefixPlaceholder() throws Exception {
        Path channel = tmp.resolve("demo");
        DemoChannelBuilder.build(channel);

        Path hello = channel.resolve("noarch/hello-1.0-0.conda");
        Path extracted = tmp.resolve("x");
        PackageArchive.open(hello).extractTo(extracted);
        String script = Files.readString(extracted.resolve("bin/hello"));
        assertTrue(script.contains("/opt/anaconda1anaconda2anaconda3"), script);
        assertTrue(Files.isExecutable(extracted.resolve("bin/hello")));
        assertTrue(Files.readString(extracted.resolve("info/paths.json")).contains("prefix_placeholder"));
        assertTrue(Files.exists(channel.resolve("noarch/greeting-data-1.0-0.tar.bz2")));
        assertTrue(Files.exists(channel.resolve("linux-64/repodata.json")));
    }

    @Test
    void rebuildingGivesIdenticalBytes() throws Exception {
        DemoChannelBuilder.build(tmp.resolve("a"));
        DemoChannelBuilder.build(tmp.resolve("b"));
        for (String f :
                List.of("noarch/hello-1.1-0.conda", "noarch/greeting-data-1.0-0.tar.bz2", "noarch/repodata.json")) {
            assertArrayEquals(
                    Files.readAllBytes(tmp.resolve("a").resolve(f)),
                    Files.readAllBytes(tmp.resolve("b").resolve(f)),
                    f);
        }
    }
}
