package io.terrarium.conda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The create/install/lock/pack commands through the real CLI entry point: exit codes, messages, results. */
class EnvironmentCommandsTest {
    @TempDir
    Path tmp;

    private FixtureChannel channel;
    private Path pkgs;

    private record Run(int code, String out, String err) {}

    @BeforeEach
    void channel() throws IOException {
        channel = FixtureChannel.at(tmp.resolve("channel"))
                .add(PackageFixture.of("libz", "1.3", "h1_2").binaryWithPrefix("lib/libz.so"))
                .add(PackageFixture.of("tool", "2.0", "h3_1")
                        .depends("libz >=1.2")
                        .prefixScript("bin/tool"))
                .index();
        pkgs = tmp.resolve("pkgs");
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        int code = CondaCli.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void createInstallLockPackSucceed() throws Exception {
        Path env = tmp.resolve("envs/one");
        Run create = cli(
                "create",
                "--prefix",
                env.toString(),
                "--channel",
                channel.url(),
                "--platform",
                "linux-64",
                "--pkgs-dir",
                pkgs.toString(),
                "tool");
        assertEquals(0, create.code(), create.err());
        assertTrue(create.out().startsWith("created " + env + ": 2 packages"), create.out());
        assertTrue(create.err().contains("fetched 2/2") && create.err().contains("linked 2/2"), create.err());
        assertEquals(env + "\n", exec(env.resolve("bin/tool")));

        Path lock = tmp.resolve("locks/conda-lock.yml");
        Run locked = cli(
                "lock",
                "--channel",
                channel.url(),
                "--platform",
                "linux-64",
                "--platform",
                "osx-arm64",
                "--output",
                lock.toString(),
                "tool");
        assertEquals(1, locked.code(), "tool has no osx-arm64 build: " + locked.err());
        assertFalse(Files.exists(lock), "no lockfile when a platform fails");
        locked = cli("lock", "--channel", channel.url(), "--platform", "linux-64", "--output", lock.toString(), "tool");
        assertEquals(0, locked.code(), locked.err());
        assertTrue(Files.readString(lock).contains("name: libz"));

        Path env2 = tmp.resolve("envs/two");
        Run install = cli(
                "install", "--prefix", env2.toString(), "--lockfile", lock.toString(), "--pkgs-dir", pkgs.toString());
        assertEquals(0, install.code(), install.err());
        assertEquals(env2 + "\n", exec(env2.resolve("bin/tool")));

        Run explicit = cli(
                "lock",
                "--channel",
                channel.url(),
                "--platform",
                "linux-64",
                "--format",
                "explicit",
                "--output",
                "-",
                "tool");
        assertEquals(0, explicit.code(), explicit.err());
        assertTrue(explicit.out().contains("@EXPLICIT\n" + channel.url() + "/linux-64/"), explicit.out());

        Path archive = tmp.resolve("two.tar.gz");
        Run pack = cli("pack", "--prefix", env2.toString(), "--output", archive.toString());
        assertEquals(0, pack.code(), pack.err());
        assertTrue(Files.size(archive) > 0);
        Run again = cli("pack", "--prefix", env2.toString(), "--output", archive.toString());
        assertEquals(2, again.code());
        assertEquals("error: " + archive + " exists; pass --force to overwrite it\n", again.err());
    }

    @Test
    void failuresExitOneWithTheReason() {
        Run r = cli(
                "create",
                "--prefix",
                tmp.resolve("envs/x").toString(),
                "--channel",
                channel.url(),
                "--platform",
                "linux-64",
                "--pkgs-dir",
                pkgs.toString(),
                "tool >=5");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("tool"), r.err());
        assertFalse(Files.exists(tmp.resolve("envs/x")), "nothing written when the solve fails");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        Path env = tmp.resolve("envs/bad");
        List<String[]> cases = List.of(
                new String[] {"create", "--prefix", env.toString(), "--channel", channel.url(), "tool >>=1"},
                new String[] {
                    "create",
                    "--prefix",
                    env.toString(),
                    "--channel",
                    tmp.resolve("nowhere").toString(),
                    "tool"
                },
                new String[] {"create", "--channel", channel.url(), "tool"},
                new String[] {
                    "install",
                    "--prefix",
                    env.toString(),
                    "--lockfile",
                    tmp.resolve("missing.yml").toString()
                },
                new String[] {"lock", "--channel", channel.url(), "--format", "pixi", "tool"},
                new String[] {"lock", "--channel", channel.url(), "--platform", "linux_64!", "tool"},
                new String[] {
                    "pack",
                    "--prefix",
                    tmp.resolve("channel").toString(),
                    "--output",
                    tmp.resolve("c.tar.gz").toString()
                });
        for (String[] args : cases) {
            Run r = cli(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().lines().count(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
        }
        Path garbage = Files.writeString(tmp.resolve("garbage.yml"), "just: [text\n");
        Run bad = cli("install", "--prefix", env.toString(), "--lockfile", garbage.toString());
        assertEquals(2, bad.code(), bad.err());
        Path full = Files.createDirectories(tmp.resolve("occupied"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        Run occupied = cli(
                "create",
                "--prefix",
                full.toString(),
                "--channel",
                channel.url(),
                "--platform",
                "linux-64",
                "--pkgs-dir",
                pkgs.toString(),
                "tool");
        assertEquals(2, occupied.code());
        assertTrue(occupied.err().contains("is not empty and is not a conda environment"), occupied.err());
    }

    private static String exec(Path exe) throws Exception {
        Process p = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
