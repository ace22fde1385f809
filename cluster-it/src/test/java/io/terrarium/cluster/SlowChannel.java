package io.terrarium.cluster;

import io.terrarium.conda.pkg.ChannelIndexer;
import io.terrarium.conda.pkg.PackageFormat;
import io.terrarium.conda.pkg.PackageWriter;
import io.terrarium.conda.pkg.PathsJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The local channel {@code cluster} of the tests, written with the engine's own {@link PackageWriter} and
 * {@link ChannelIndexer} into {@code <store>/channels/cluster}. All packages are noarch, and their files hold no
 * prefix placeholder, so two prefixes of one spec are byte for byte equal.
 *
 * <ul>
 * <li>{@code slow-1 <- slow-2 <- ... <- slow-N}: each one's post-link script sleeps {@link #LINK_SECONDS} and
 * writes a file into the prefix, so linking {@code slow-N} takes N times that;</li>
 * <li>{@code killer} (depends on {@code slow-1}): its post-link script runs {@code kill -9 $PPID}, which kills
 * the worker JVM that runs link scripts as its direct children, until {@link #disarmKiller};</li>
 * <li>{@code bigshared-1}, {@code bigshared-2}: a few MB of random bytes each, so fetching and extracting them
 * takes a moment; each is used by one scenario only, so it is new to the package cache there.</li>
 * </ul>
 */
final class SlowChannel {

    static final String NAME = "cluster";
    /** Packages in the slow chain; a build of {@code slow-N} links N packages. */
    static final int SLOW_PACKAGES = 4;

    static final String LINK_SECONDS = "1.5";
    static final String TOP = "slow-" + SLOW_PACKAGES;

    private SlowChannel() {}

    static void write(Path store) throws IOException {
        Path channel = store.resolve("channels").resolve(NAME);
        Path noarch = channel.resolve("noarch");
        Files.createDirectories(noarch);
        Path work = Files.createTempDirectory("cluster-channel");
        for (int k = 1; k <= SLOW_PACKAGES; k++) {
            String name = "slow-" + k;
            Path src = payload(work, name);
            Files.writeString(src.resolve("share/slow/" + name + ".txt"), (name + " data\n").repeat(100));
            postLink(
                    src,
                    name,
                    "sleep " + LINK_SECONDS + "\necho '" + name + " post-linked' > \"$PREFIX/share/slow/" + name
                            + ".post-link\"\n");
            pack(src, noarch, name, k == 1 ? null : "slow-" + (k - 1));
        }
        Path killer = payload(work, "killer");
        postLink(killer, "killer", "if [ ! -e '" + disarmed(store) + "' ]; then\n  kill -9 $PPID\n  sleep 30\nfi\n");
        pack(killer, noarch, "killer", "slow-1");
        for (int n = 1; n <= 2; n++) {
            String name = "bigshared-" + n;
            Path src = payload(work, name);
            byte[] block = new byte[1 << 20];
            Random random = new Random(n);
            try (OutputStream out = Files.newOutputStream(src.resolve("share/slow/" + name + ".bin"))) {
                for (int mb = 0; mb < 48; mb++) {
                    random.nextBytes(block);
                    out.write(block);
                }
            }
            pack(src, noarch, name, null);
        }
        ChannelIndexer.index(channel);
    }

    private static Path disarmed(Path store) {
        return store.resolve("killer.disarmed");
    }

    /**
     * From now on {@code killer}'s link script kills nothing: a server without an attempt limit resumes that build
     * at every start, and later scenarios must not inherit a worker that dies at every start.
     */
    static void disarmKiller(Path store) throws IOException {
        Files.writeString(disarmed(store), "");
    }

    private static Path payload(Path work, String name) throws IOException {
        Path src = work.resolve(name);
        Files.createDirectories(src.resolve("share/slow"));
        Files.createDirectories(src.resolve("bin"));
        Files.createDirectories(src.resolve("info"));
        return src;
    }

    private static void postLink(Path src, String name, String script) throws IOException {
        Files.writeString(src.resolve("bin/." + name + "-post-link.sh"), "#!/bin/bash\n" + script);
    }

    private static void pack(Path src, Path out, String name, String dependency) throws IOException {
        Files.writeString(
                src.resolve("info/index.json"),
                "{\"name\": \"" + name + "\", \"version\": \"1.0\","
                        + " \"build\": \"0\", \"build_number\": 0, \"depends\": ["
                        + (dependency == null ? "" : "\"" + dependency + "\"") + "], \"noarch\": \"generic\","
                        + " \"subdir\": \"noarch\", \"license\": \"MIT\", \"timestamp\": 1767225600000}");
        PathsJson.of(PackageWriter.scanPayload(src, PathsJson.LEGACY_PLACEHOLDER)
                        .paths())
                .write(src.resolve("info/paths.json"));
        new PackageWriter().zstdLevel(1).write(src, out, PackageFormat.CONDA);
    }
}
