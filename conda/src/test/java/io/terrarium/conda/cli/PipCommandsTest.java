package io.terrarium.conda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.lock.CondaLockYaml;
import io.terrarium.conda.pip.fixture.LoopbackIndex;
import io.terrarium.conda.pip.fixture.WheelBuilder;
import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code create}, {@code lock} and {@code install} with an environment.yml that has a {@code pip:} section: conda
 * {@code python} (a fixture around the machine's interpreter) plus wheels from a loopback index.
 */
class PipCommandsTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CondaCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "process ended");
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    @Test
    void createLockAndInstallAnEnvironmentWithAPipSection() throws Exception {
        FixtureChannel channel = FixtureChannel.at(tmp.resolve("channel"))
                .add(PackageFixture.python("3.11.4"))
                .add(PackageFixture.of("pip", "24.0", "py_0"))
                .index();
        try (LoopbackIndex index = new LoopbackIndex()) {
            Path published = tmp.resolve("published");
            index.add(
                    "pkg-a",
                    WheelBuilder.wheel("pkg-a", "1.3")
                            .providesExtra("extra")
                            .requiresDist("pkg-c; extra == 'extra'")
                            .file("pkg_a/__init__.py", "def main():\n    print('pkg-a ok')\n")
                            .consoleScript("pkg-a", "pkg_a:main"),
                    published);
            index.add("pkg-b", WheelBuilder.wheel("pkg-b", "1.0").file("pkg_b.py", "B = 2\n"), published);
            index.add("pkg-c", WheelBuilder.wheel("pkg-c", "0.1").file("pkg_c.py", ""), published);
            Path yml = tmp.resolve("environment.yml");
            Files.writeString(
                    yml,
                    "name: demo\nchannels:\n  - " + channel.url() + "\ndependencies:\n"
                            + "  - python=3.11\n  - pip:\n      - --index-url " + index.jsonIndexUrl() + "\n"
                            + "      - pkg-a[extra]>=1.2\n      - 'pkg-b; python_version >= \"3.8\"'\n");
            Path pkgs = tmp.resolve("cache/pkgs");

            Path env = tmp.resolve("envs/one");
            Run create = cli(
                    "create",
                    "--prefix",
                    env.toString(),
                    "--file",
                    yml.toString(),
                    "--platform",
                    "linux-64",
                    "--pkgs-dir",
                    pkgs.toString());
            assertEquals(0, create.code(), create.err());
            assertTrue(create.out().contains("and 3 pip wheels"), create.out());
            assertEquals("pkg-a ok\n", exec(env.resolve("bin/pkg-a").toString()));
            assertEquals(
                    "2\n",
                    exec(env.resolve("bin/python").toString(), "-c", "import pkg_a, pkg_b, pkg_c; print(pkg_b.B)"));
            assertTrue(Files.isDirectory(tmp.resolve("cache/pip/pip-wheels")), "wheels cached next to the pkgs");

            Path lock = tmp.resolve("conda-lock.yml");
            Run locked = cli(
                    "lock",
                    "--file",
                    yml.toString(),
                    "--platform",
                    "linux-64",
                    "--output",
                    lock.toString(),
                    "--pkgs-dir",
                    pkgs.toString());
            assertEquals(0, locked.code(), locked.err());
            String text = Files.readString(lock);
            assertTrue(text.contains("manager: pip") && text.contains("sha256:"), text);
            List<PinnedWheel> wheels = CondaLockYaml.read(lock).pipWheels("linux-64");
            assertEquals(
                    List.of("pkg-a", "pkg-b", "pkg-c"),
                    wheels.stream().map(w -> w.name().toString()).toList());

            Run explicit = cli(
                    "lock",
                    "--file",
                    yml.toString(),
                    "--platform",
                    "linux-64",
                    "--format",
                    "explicit",
                    "--output",
                    "-");
            assertEquals(2, explicit.code(), explicit.err());
            assertTrue(explicit.err().contains("an explicit file cannot hold"), explicit.err());

            Path env2 = tmp.resolve("envs/two");
            int hitsBefore = index.hits("/json/simple/pkg-a/");
            assertTrue(hitsBefore > 0, "create and lock read pkg-a's index page");
            Run install = cli(
                    "install",
                    "--prefix",
                    env2.toString(),
                    "--lockfile",
                    lock.toString(),
                    "--pkgs-dir",
                    pkgs.toString());
            assertEquals(0, install.code(), install.err());
            assertTrue(install.out().contains("and 3 pip wheels"), install.out());
            assertEquals(hitsBefore, index.hits("/json/simple/pkg-a/"), "installing a lockfile does not resolve");
            assertEquals("pkg-a ok\n", exec(env2.resolve("bin/pkg-a").toString()));
            assertEquals(
                    Files.readString(env.resolve("lib/python3.11/site-packages/pkg_b-1.0.dist-info/RECORD")),
                    Files.readString(env2.resolve("lib/python3.11/site-packages/pkg_b-1.0.dist-info/RECORD")));
        }
    }
}
