package io.terrarium.conda.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes installing into one prefix (two workers on a shared store) take turns. */
class PrefixLockTest {
    @TempDir
    Path tmp;

    @Test
    void anInstallWaitsForAnotherProcessHoldingThePrefix() throws Exception {
        Path prefix = Files.createDirectories(tmp.resolve("env"));
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldPrefixLock.class.getName(),
                        prefix.toString(),
                        "1500")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("holder.log").toFile())
                .start();
        Path locked = Path.of(prefix + ".locked");
        for (int i = 0; i < 600 && !Files.exists(locked) && holder.isAlive(); i++) {
            Thread.sleep(100);
        }
        assertTrue(
                Files.exists(locked),
                "the other process took the lock: " + Files.readString(tmp.resolve("holder.log")));

        ExtractedPackage pkg = ExtractedPackage.of("shared", "1.0").file("x.txt", "x\n");
        InstallResult r = new PrefixInstaller(PrefixInstallerTest.OPTIONS)
                .install(prefix, List.of(pkg.request(Files.createDirectories(tmp.resolve("pkgs")))), null);

        // linking could only start once the other process had let go
        assertTrue(Files.exists(Path.of(prefix + ".released")));
        assertEquals(1, r.linkedCount());
        assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, holder.exitValue());
    }
}
