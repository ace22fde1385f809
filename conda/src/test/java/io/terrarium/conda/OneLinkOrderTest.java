package io.terrarium.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.terrarium.conda.install.InstallOptions;
import io.terrarium.conda.install.InstallResult;
import io.terrarium.conda.install.RecordLinkResult;
import io.terrarium.conda.install.Transaction;
import io.terrarium.conda.lock.Lockfiles;
import io.terrarium.conda.pkg.PackageCache;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI ({@link CondaEngine#create} from a lockfile) and the server's build job (the engine's step-by-step API:
 * {@code lockedRecords}, {@code fetchIfMissing}, {@code openLinking(...).link(i)}, {@code finishLinking}) link one
 * lockfile in one order.
 */
class OneLinkOrderTest {
    @TempDir
    Path tmp;

    @Test
    void theCliAndTheBuildJobLinkOneLockfileInTheSameOrder() throws IOException {
        // app lists its dependencies against name order: a walk that followed that list (as the build job's own
        // order did) would link zeta before beta
        FixtureChannel channel = FixtureChannel.at(tmp.resolve("channel"))
                .add(PackageFixture.of("app", "1.0", "0").depends("zeta", "beta"))
                .add(PackageFixture.of("beta", "1.0", "0").depends("core"))
                .add(PackageFixture.of("zeta", "1.0", "0").depends("core"))
                .add(PackageFixture.of("core", "1.0", "0"))
                .add(PackageFixture.of("aardvark", "1.0", "0"))
                .index();
        CondaEngine engine = new CondaEngine(
                ChannelConfig.defaults().withCacheDir(tmp.resolve("repodata-cache")),
                new PackageCache(tmp.resolve("pkgs")),
                InstallOptions.defaults());
        Path lockfile = tmp.resolve("lockfile.yml");
        List<PackageRecord> solved = engine.lock(
                List.of("app", "aardvark"), List.of(channel.url()), Platform.LINUX_64, lockfile, line -> {});
        List<String> expected = List.of("aardvark", "core", "beta", "zeta", "app");
        assertEquals(expected, names(solved));

        List<PackageRecord> jobOrder = engine.lockedRecords(lockfile, Platform.LINUX_64);
        assertEquals(expected, names(jobOrder));
        Path server = tmp.resolve("envs/server");
        for (PackageRecord r : jobOrder) {
            engine.fetchIfMissing(r);
        }
        Transaction linking = engine.openLinking(server, jobOrder, List.of());
        for (int i = 0; i < jobOrder.size(); i++) {
            linking.link(i);
        }
        engine.finishLinking(server, jobOrder, List.of());

        Lockfiles.Locked locked = engine.readLockfile(lockfile, Platform.LINUX_64);
        Path cli = tmp.resolve("envs/cli");
        InstallResult created = engine.create(cli, locked.conda(), List.of(), CondaEngine.Progress.NONE);
        List<String> cliOrder = new ArrayList<>();
        for (RecordLinkResult r : created.records()) {
            cliOrder.add(r.record().record().name());
        }
        assertEquals(expected, cliOrder);
        assertEquals(linkedLines(cli), linkedLines(server), "one history block, listing the records in link order");
    }

    private static List<String> names(List<PackageRecord> records) {
        return records.stream().map(PackageRecord::name).toList();
    }

    private static List<String> linkedLines(Path prefix) throws IOException {
        return Files.readAllLines(prefix.resolve("conda-meta/history")).stream()
                .filter(l -> l.startsWith("+"))
                .toList();
    }
}
