package io.terrarium.interfaces.rest;

import io.terrarium.conda.pip.fixture.LoopbackIndex;
import io.terrarium.conda.pip.fixture.WheelBuilder;
import io.terrarium.conda.pkg.Sha256;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The world of {@link PipBuildIT}: a channel holding a stand-in {@code python} (the machine's interpreter seeing the
 * prefix's site-packages), a real loopback pip index of the wheels, and the checks run on a built prefix.
 */
final class PipFixtures {

    /** The site-packages of the stand-in python 3.11, relative to a prefix. */
    static final String SITE_PACKAGES = "lib/python3.11/site-packages";

    private static final Pattern LAUNCHER_ROW =
            Pattern.compile("(?m)^(\\.\\./\\.\\./\\.\\./bin/[^,]+),sha256=[^,]*,\\d+$");

    private PipFixtures() {}

    /** Writes the python channel into {@code dir}; returns its {@code file://} URL. */
    static String pythonChannel(Path dir) throws IOException {
        return FixtureChannel.at(dir)
                .add(PackageFixture.python("3.11.4"))
                .index()
                .url();
    }

    /**
     * Publishes {@code pkg-a} 1.0 and 1.3 (1.3 has extra {@code extra} pulling in {@code pkg-c}, and console script
     * {@code pkg-a}), {@code pkg-b} 1.0 and {@code pkg-c} 0.1 on a new loopback index, the wheels written into
     * {@code wheels}.
     */
    static LoopbackIndex index(Path wheels) throws IOException {
        LoopbackIndex index = new LoopbackIndex();
        index.add("pkg-a", WheelBuilder.wheel("pkg-a", "1.0").file("pkg_a/__init__.py", "OLD = True\n"), wheels);
        index.add(
                "pkg-a",
                WheelBuilder.wheel("pkg-a", "1.3")
                        .requiresPython(">=3.8")
                        .providesExtra("extra")
                        .requiresDist("pkg-c; extra == 'extra'")
                        .file("pkg_a/__init__.py", "def main():\n    print('pkg-a ok')\n")
                        .file("pkg_a/util.py", "import pkg_c\n")
                        .consoleScript("pkg-a", "pkg_a:main"),
                wheels);
        index.add("pkg-b", WheelBuilder.wheel("pkg-b", "1.0").file("pkg_b.py", "B = 2\n"), wheels);
        index.add("pkg-c", WheelBuilder.wheel("pkg-c", "0.1").file("pkg_c.py", "C = 3\n"), wheels);
        return index;
    }

    /** The sha256 of a wheel {@link #index} wrote. */
    static String sha256(Path wheels, String filename) throws IOException {
        return Sha256.of(wheels.resolve(filename));
    }

    /** Runs a program of a prefix; returns its output, failing unless it exits 0 within a minute. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** Extracts a conda-pack archive into {@code dir} and runs its {@code conda-unpack}; returns {@code dir}. */
    static Path unpack(Path archive, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run("tar", "-xzf", archive.toString(), "-C", dir.toString());
        run(dir.resolve("bin/conda-unpack").toString());
        return dir;
    }

    /**
     * The files under a prefix's site-packages and {@code bin/pkg-a}, by prefix-relative path, each with its content
     * with the prefix's own path replaced by {@code <prefix>}; byte code only by name, as it records a source
     * modification time; RECORD rows of launchers without their hash, as a launcher names its prefix's python.
     */
    static Map<String, String> installedFiles(Path prefix) throws IOException {
        Map<String, String> files = new TreeMap<>();
        String own = prefix.toString();
        try (Stream<Path> walk =
                Stream.concat(Files.walk(prefix.resolve(SITE_PACKAGES)), Stream.of(prefix.resolve("bin/pkg-a")))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = prefix.relativize(p).toString();
                String content =
                        new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).replace(own, "<prefix>");
                if (rel.endsWith(".pyc")) {
                    content = "(byte code)";
                } else if (rel.endsWith("/RECORD")) {
                    content = LAUNCHER_ROW.matcher(content).replaceAll("$1,(launcher hash)");
                }
                files.put(rel, content);
            }
        }
        return files;
    }
}
