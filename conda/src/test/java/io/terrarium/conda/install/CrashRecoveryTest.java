package io.terrarium.conda.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.pkg.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real install process with SIGKILL in the middle of a record, reruns the install, and checks the prefix is
 * the one a clean run gives: same paths, same contents and modes, same conda-meta and history.
 */
class CrashRecoveryTest {
    @TempDir
    Path tmp;

    @Test
    void installKilledMidRecordFinishesOnRerunToTheCleanPrefix() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("pkgs"));
        for (ExtractedPackage p : KilledInstall.packages()) {
            p.writeTo(cache);
        }
        Path prefix = tmp.resolve("env");
        PrefixInstaller installer = new PrefixInstaller(PrefixInstallerTest.OPTIONS);
        installer.install(prefix, KilledInstall.requests(cache), null);
        Map<String, String> clean = PrefixInstallerTest.snapshot(prefix);
        assertEquals(prefix.toString(), PrefixInstallerTest.run(prefix.resolve("bin/crash7")));

        for (int k : new int[] {0, 3, KilledInstall.N - 1}) {
            FileTrees.delete(prefix);
            Files.writeString(Path.of(prefix + ".kill"), "crash" + k);
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            KilledInstall.class.getName(),
                            prefix.toString(),
                            cache.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("child.log").toFile())
                    .start();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), Files.readString(tmp.resolve("child.log")));
            assertFalse(Files.exists(Path.of(prefix + ".kill")));

            // the killed record's files are there, its conda-meta record is not; earlier records are complete
            assertTrue(Files.exists(prefix.resolve("share/crash" + k + "/post-linked")));
            assertFalse(PrefixInstaller.isLinked(
                    prefix, KilledInstall.packages().get(k).record()));
            for (int i = 0; i < k; i++) {
                assertTrue(PrefixInstaller.isLinked(
                        prefix, KilledInstall.packages().get(i).record()));
            }
            assertNotEquals(clean, PrefixInstallerTest.snapshot(prefix));

            InstallResult rerun = installer.install(prefix, KilledInstall.requests(cache), null);
            assertEquals(KilledInstall.N - k, rerun.linkedCount(), "after a kill in record " + k);
            assertEquals(clean, PrefixInstallerTest.snapshot(prefix), "after a kill in record " + k);
        }
    }
}
