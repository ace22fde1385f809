package io.terrarium.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.terrarium.conda.pkg.PackageFormat;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.types.PackageRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build log says "fetched" only for the caller that did the work: of callers asking for one new package at once,
 * exactly one hears that it fetched it, the others that the cache had it (they waited for the entry's lock).
 */
class FetchIfMissingTest {

    @TempDir
    Path tmp;

    @Test
    void onlyTheCallerThatFetchedSaysSo() throws Exception {
        FixtureChannel channel = FixtureChannel.at(tmp.resolve("channel"))
                .add(PackageFixture.of("hello", "1.0", "0").prefixScript("bin/hello"), PackageFormat.CONDA)
                .index();
        PackageRecord record = channel.record("hello-1.0-0.conda");
        CondaEngine engine = new CondaEngine(ChannelConfig.defaults(), tmp.resolve("pkgs"));
        int callers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return engine.fetchIfMissing(record);
                }));
            }
            start.countDown();
            int fetched = 0;
            for (Future<Boolean> a : answers) {
                if (a.get(60, TimeUnit.SECONDS)) {
                    fetched++;
                }
            }
            assertEquals(1, fetched, "callers that said they fetched the package");
            assertFalse(engine.fetchIfMissing(record), "a later caller finds it in the cache");
        } finally {
            pool.shutdownNow();
        }
    }
}
