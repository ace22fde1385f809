package io.terrarium.conda.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.Channel;
import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CondaTestIndexTest {
    private static long count(RepoIndex idx, String subdir) {
        return idx.names().stream()
                .flatMap(n -> idx.recordsNamed(n).stream())
                .filter(r -> r.subdir().equals(subdir))
                .count();
    }

    @Test
    void channelOneHoldsEveryRecordOfIndexJsonInLinux64() {
        RepoIndex idx = CondaTestIndex.index("channel-1");
        assertEquals(1149, idx.size());
        assertEquals(1149, count(idx, "linux-64"));
        Channel ch = CondaTestIndex.channel("channel-1");
        assertEquals("channel-1", ch.name());
        assertEquals(List.of(ch.url()), idx.channelUrls());
        PackageRecord numpy = idx.recordsNamed("numpy").stream()
                .filter(r -> r.dist().equals("numpy-1.7.1-py33_0"))
                .findFirst()
                .orElseThrow();
        assertEquals(ch.url() + "/linux-64/numpy-1.7.1-py33_0.tar.bz2", numpy.url());
        assertEquals(ch.url(), numpy.channel());
        assertTrue(numpy.depends().contains("python 3.3*"), numpy.depends().toString());
        assertSame(idx, CondaTestIndex.index("channel-1"), "parsed once per JVM");
    }

    @Test
    void legacyFeaturesAndTrackFeaturesStayApart() {
        RepoIndex idx = CondaTestIndex.index("channel-1");
        PackageRecord mklNumpy = idx.recordsNamed("numpy").stream()
                .filter(r -> r.dist().equals("numpy-1.5.1-py26_p1"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of(), mklNumpy.trackFeatures());
        assertEquals(List.of("mkl"), mklNumpy.features());
        PackageRecord accelerate = idx.recordsNamed("accelerate").get(0);
        assertEquals(List.of("mkl"), accelerate.trackFeatures());
        assertEquals(List.of(), accelerate.features());
    }

    @Test
    void noarchRecordsGoToNoarchAndChannelsKeepPriority() {
        RepoIndex idx = CondaTestIndex.index("channel-2", "channel-4");
        assertEquals(4118 + 5643, idx.size());
        assertEquals(6 + 338, count(idx, "noarch"));
        Channel two = CondaTestIndex.channel("channel-2");
        Channel four = CondaTestIndex.channel("channel-4");
        assertEquals(List.of(two.url(), four.url()), idx.channelUrls());
        for (PackageRecord r : idx.recordsNamed("conda")) {
            assertEquals(r.channel().equals(two.url()) ? 0 : 1, idx.channelRank(r));
        }
        RepoIndex reversed = CondaTestIndex.index("channel-4", "channel-2");
        assertEquals(List.of(four.url(), two.url()), reversed.channelUrls());
    }

    @Test
    void otherChannelsAndPlatforms() {
        assertEquals(8, CondaTestIndex.index("channel-freeze").size());
        RepoIndex win = CondaTestIndex.index(Platform.WIN_64, "channel-5");
        assertEquals(1152, win.size());
        assertEquals(820, count(win, "win-64"));
        assertEquals(332, count(win, "noarch"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CondaTestIndex.index("channel-9"))
                .getMessage()
                .contains("unknown test channel 'channel-9'"));
    }

    @Test
    void writeChannelMakesARealChannelDirectory(@TempDir Path tmp) {
        Path dir = CondaTestIndex.writeChannel("index4.json", "my-four", tmp);
        assertEquals(tmp.resolve("my-four"), dir);
        assertTrue(Files.isRegularFile(dir.resolve("linux-64/repodata.json")));
        assertTrue(Files.isRegularFile(dir.resolve("noarch/repodata.json")));
    }
}
