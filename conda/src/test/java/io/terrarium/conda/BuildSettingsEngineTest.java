package io.terrarium.conda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.install.InstallOptions;
import io.terrarium.conda.lock.CondaLockYaml;
import io.terrarium.conda.pkg.PackageCache;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.solve.SolverTimeoutException;
import io.terrarium.conda.solve.UnsatisfiableException;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.testing.PigeonholeChannel;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings a build's lock step applies, through {@link CondaEngine#lock(List, List, LockOptions, Path,
 * java.util.function.Consumer)}: the specification's {@code CONDA_OVERRIDE_*} variables set the virtual packages,
 * {@code conda_max_solve_time} bounds the solve, {@code conda_solve_platforms} puts every platform in the lockfile.
 */
class BuildSettingsEngineTest {
    @TempDir
    Path tmp;

    private CondaEngine engine;

    @BeforeEach
    void engine() throws IOException {
        engine = new CondaEngine(
                ChannelConfig.defaults().withCacheDir(tmp.resolve("repodata-cache")),
                new PackageCache(tmp.resolve("pkgs")),
                InstallOptions.defaults());
    }

    private FixtureChannel channel() throws IOException {
        return FixtureChannel.at(tmp.resolve("channel"))
                .add(PackageFixture.of("gpu-tool", "1.0", "cuda_0")
                        .noarchGeneric()
                        .depends("__cuda >=11"))
                .add(PackageFixture.of("new-glibc-tool", "1.0", "0").depends("__glibc >=99"))
                .add(PackageFixture.of("mac-tool", "1.0", "0").noarchGeneric().depends("__osx >=13"))
                .add(PackageFixture.of("plain", "1.0", "0").noarchGeneric())
                .index();
    }

    private List<PackageRecord> lock(FixtureChannel channel, String spec, LockOptions options) throws IOException {
        return engine.lock(List.of(spec), List.of(channel.url()), options, tmp.resolve("lockfile.yml"), line -> {});
    }

    private static LockOptions linux(Map<String, String> variables) {
        return new LockOptions(List.of(Platform.LINUX_64), variables, Duration.ofMinutes(1));
    }

    @Test
    void condaOverrideCudaSolvesAGpuEnvironmentOnANodeWithoutAGpu() throws IOException {
        FixtureChannel channel = channel();
        List<PackageRecord> solved = lock(channel, "gpu-tool", linux(Map.of("CONDA_OVERRIDE_CUDA", "12.2")));
        assertEquals("gpu-tool-1.0-cuda_0", solved.get(0).dist());

        // an empty value removes __cuda, as in conda, whatever the host has
        UnsatisfiableException none = assertThrows(
                UnsatisfiableException.class,
                () -> lock(channel, "gpu-tool", linux(Map.of("CONDA_OVERRIDE_CUDA", ""))));
        assertTrue(none.getMessage().contains("__cuda"), none.getMessage());
        UnsatisfiableException old = assertThrows(
                UnsatisfiableException.class,
                () -> lock(channel, "gpu-tool", linux(Map.of("CONDA_OVERRIDE_CUDA", "10.2"))));
        assertTrue(old.getMessage().contains("__cuda"), old.getMessage());
    }

    @Test
    void condaOverrideGlibcAndOsxSetTheirVirtualPackages() throws IOException {
        FixtureChannel channel = channel();
        assertThrows(UnsatisfiableException.class, () -> lock(channel, "new-glibc-tool", linux(Map.of())));
        assertEquals(
                "new-glibc-tool-1.0-0",
                lock(channel, "new-glibc-tool", linux(Map.of("CONDA_OVERRIDE_GLIBC", "99.1")))
                        .get(0)
                        .dist());

        LockOptions mac = new LockOptions(List.of(Platform.OSX_ARM64), Map.of(), Duration.ofMinutes(1));
        assertThrows(UnsatisfiableException.class, () -> lock(channel, "mac-tool", mac));
        LockOptions newMac = new LockOptions(
                List.of(Platform.OSX_ARM64), Map.of("CONDA_OVERRIDE_OSX", "14.1"), Duration.ofMinutes(1));
        assertEquals("mac-tool-1.0-0", lock(channel, "mac-tool", newMac).get(0).dist());
    }

    @Test
    void anOverrideThatIsNoVersionIsRefusedByName() throws IOException {
        FixtureChannel channel = channel();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> lock(channel, "plain", linux(Map.of("CONDA_OVERRIDE_CUDA", "x!12"))));
        assertTrue(e.getMessage().contains("CONDA_OVERRIDE_CUDA"), e.getMessage());
    }

    @Test
    void theMaxSolveTimeBoundsTheSolve() throws IOException {
        Path channel = tmp.resolve("pigeons");
        List<String> pigeons = PigeonholeChannel.write(channel, 11);
        LockOptions brief = new LockOptions(List.of(Platform.LINUX_64), Map.of(), Duration.ofMillis(300));
        long start = System.nanoTime();
        SolverTimeoutException e = assertThrows(
                SolverTimeoutException.class,
                () -> engine.lock(
                        pigeons, List.of(channel.toUri().toString()), brief, tmp.resolve("lockfile.yml"), line -> {}));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Duration.ofMillis(300), e.limit());
        assertTrue(e.elapsed().toMillis() >= 300, e.getMessage());
        assertTrue(tookMillis < 30_000, "the solve stopped at its limit, not " + tookMillis + " ms later");
        assertTrue(e.getMessage().contains("limit 300 ms"), e.getMessage());
    }

    @Test
    void solvePlatformsAreAllLockedAndTheFirstIsReturned() throws IOException {
        FixtureChannel channel = channel();
        Path lockfile = tmp.resolve("lockfile.yml");
        LockOptions three = new LockOptions(
                List.of(Platform.LINUX_64, Platform.OSX_ARM64, Platform.WIN_64, Platform.LINUX_64),
                Map.of(),
                Duration.ofMinutes(1));
        assertEquals(List.of(Platform.LINUX_64, Platform.OSX_ARM64, Platform.WIN_64), three.platforms());
        List<PackageRecord> solved = engine.lock(List.of("plain"), List.of(channel.url()), three, lockfile, line -> {});
        assertEquals("plain-1.0-0", solved.get(0).dist());
        var lock = CondaLockYaml.read(lockfile);
        for (Platform p : three.platforms()) {
            assertEquals(
                    List.of("plain-1.0-0"),
                    lock.condaRecords(p.subdir()).stream()
                            .map(PackageRecord::dist)
                            .toList(),
                    p.subdir());
        }
        assertEquals(
                List.of("plain-1.0-0"),
                engine.lockedRecords(lockfile, Platform.LINUX_64).stream()
                        .map(PackageRecord::dist)
                        .toList());
    }
}
