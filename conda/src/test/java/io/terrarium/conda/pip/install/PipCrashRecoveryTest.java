package io.terrarium.conda.pip.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.pip.fixture.WheelBuilder;
import io.terrarium.conda.pip.index.HttpSource;
import io.terrarium.conda.pip.index.IndexConfig;
import io.terrarium.conda.pip.wheel.WheelCache;
import io.terrarium.conda.pkg.FileTrees;
import io.terrarium.conda.pkg.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker killed with SIGKILL in the middle of a wheel install: installing the same list again ends clean. */
class PipCrashRecoveryTest {
    private static final String SITE = "lib/python3.11/site-packages";

    @TempDir
    Path tmp;

    private static Map<String, String> snapshot(Path prefix) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(prefix)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = prefix.relativize(p).toString();
                if (!rel.startsWith("bin/python")) {
                    out.put(rel, Sha256.of(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    private static void makePrefix(Path prefix) throws IOException {
        Path python = Files.createDirectories(prefix.resolve("bin")).resolve("python");
        Files.writeString(
                python,
                "#!/bin/sh\n"
                        + "f=\"$0.kill\"\n"
                        + "if [ -f \"$f\" ]; then\n"
                        + "  n=$(cat \"$f\")\n"
                        + "  if [ \"$n\" -le 1 ]; then rm -f \"$f\"; kill -9 $PPID; sleep 30; fi\n"
                        + "  echo $((n - 1)) > \"$f\"\n"
                        + "fi\n"
                        + "exec /usr/bin/python3.11 \"$@\"\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void installKilledMidWheelFinishesOnRerunToTheCleanPrefix() throws Exception {
        List<Path> wheels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            wheels.add(WheelBuilder.wheel("crash-" + i, "1." + i)
                    .file("crash_" + i + "/__init__.py", "X = " + i + "\n")
                    .file("crash_" + i + "/more.py", "Y = " + i + "\n")
                    .consoleScript("crash-" + i, "crash_" + i + ":X")
                    .writeTo(tmp.resolve("wheels")));
        }
        Path cacheDir = tmp.resolve("cache");
        WheelInstaller installer = new WheelInstaller(
                tmp.resolve("env"),
                SchemeLayout.of("3.11", "linux-64"),
                new WheelCache(cacheDir, new HttpSource(IndexConfig.pypi(null))));
        Path prefix = tmp.resolve("env");
        makePrefix(prefix);
        for (Path w : wheels) {
            installer.install(w, Sha256.of(w), true, null);
        }
        Map<String, String> clean = snapshot(prefix);
        assertTrue(
                clean.containsKey(SITE + "/crash_2/__pycache__/more.cpython-311.pyc"),
                clean.keySet().toString());

        for (int k = 1; k <= 3; k++) {
            FileTrees.delete(prefix);
            makePrefix(prefix);
            Files.writeString(prefix.resolve("bin/python.kill"), Integer.toString(k));
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    KilledPipInstall.class.getName(),
                    prefix.toString(),
                    cacheDir.toString()));
            wheels.forEach(w -> cmd.add(w.toString()));
            Process child = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("child.log").toFile())
                    .start();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), Files.readString(tmp.resolve("child.log")));
            assertFalse(Files.exists(prefix.resolve("bin/python.kill")));

            // the killed wheel's files are in place without its RECORD; the wheels before it are complete
            String killed = SITE + "/crash_" + (k - 1) + "-1." + (k - 1) + ".dist-info";
            assertTrue(Files.exists(prefix.resolve(SITE + "/crash_" + (k - 1) + "/more.py")));
            assertFalse(Files.exists(prefix.resolve(killed + "/RECORD")));
            for (int i = 0; i < k - 1; i++) {
                assertTrue(Files.exists(prefix.resolve(SITE + "/crash_" + i + "-1." + i + ".dist-info/RECORD")));
            }
            assertNotEquals(clean, snapshot(prefix));

            int installed = 0;
            for (Path w : wheels) {
                if (!installer.install(w, Sha256.of(w), true, null).alreadyInstalled()) {
                    installed++;
                }
            }
            assertEquals(3 - (k - 1), installed, "after a kill in wheel " + k);
            assertEquals(clean, snapshot(prefix), "after a kill in wheel " + k);
        }
    }
}
