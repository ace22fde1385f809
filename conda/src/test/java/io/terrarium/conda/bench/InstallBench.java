package io.terrarium.conda.bench;

import io.terrarium.conda.CondaEngine;
import io.terrarium.conda.SolveOutcome;
import io.terrarium.conda.install.InstallOptions;
import io.terrarium.conda.pkg.FileTrees;
import io.terrarium.conda.pkg.PackageCache;
import io.terrarium.conda.pkg.PackageFormat;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The install benchmark's Java side (bench/install/run.sh drives it):
 * {@code generate <channel>} writes a channel of 100 real packages (about 3,000 files, 90 {@code .conda} and 10
 * {@code .tar.bz2}, deterministic content); {@code run <channel> <work> <reps>} times, in this one JVM, cold
 * installs (empty package cache: fetch from the {@code file://} channel, extract, link) and warm installs (cache
 * hot: link only) into fresh prefixes, printing {@code key=value} lines. The first round is run untimed to warm
 * the JIT, as in a long-running server; its times are printed as {@code first_*}.
 */
public final class InstallBench {
    static final int PACKAGES = 100;

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("generate")) {
            generate(Path.of(args[1]));
        } else if (args.length >= 4 && args[0].equals("run")) {
            run(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
        } else {
            System.err.println("usage: InstallBench generate <channel-dir> | run <channel-dir> <work-dir> <reps>");
            System.exit(2);
        }
    }

    static void generate(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve(".complete"))) {
            return;
        }
        FileTrees.delete(dir);
        FixtureChannel channel = FixtureChannel.at(dir);
        Random random = new Random(20261127L);
        String[] words = {
            "conda",
            "package",
            "environment",
            "solver",
            "prefix",
            "library",
            "python",
            "numpy",
            "include",
            "static",
            "const",
            "return",
            "value",
            "struct",
            "import",
            "def",
            "class",
            "self",
            "0x7f",
            "for",
            "while",
            "lambda",
            "version",
            "build",
            "channel",
            "license",
            "data",
            "index",
            "json",
            "yaml"
        };
        long bytes = 0;
        int files = 0;
        for (int i = 0; i < PACKAGES; i++) {
            String name = String.format("bench-pkg-%03d", i);
            PackageFixture pkg =
                    PackageFixture.of(name, "1." + (i % 7) + ".0", "h" + Integer.toHexString(0xabc00 + i) + "_0");
            if (i > 0) {
                pkg.depends(String.format("bench-pkg-%03d", random.nextInt(i)));
            }
            if (i > 1) {
                pkg.depends(String.format("bench-pkg-%03d", random.nextInt(i)));
            }
            int count = 10 + random.nextInt(41);
            for (int f = 0; f < count; f++) {
                // sizes log-uniform between 200 B and 200 KiB, text-like content that compresses about 3-4x
                int size = (int) Math.exp(Math.log(200) + random.nextDouble() * (Math.log(200 * 1024) - Math.log(200)));
                StringBuilder sb = new StringBuilder(size + 16);
                while (sb.length() < size) {
                    sb.append(words[random.nextInt(words.length)]).append(random.nextInt(10) == 0 ? '\n' : ' ');
                }
                String dirName =
                        f % 3 == 0 ? "lib/" + name : f % 3 == 1 ? "share/" + name + "/data" : "include/" + name;
                pkg.binaryFile(dirName + "/file-" + f + ".dat", sb.toString().getBytes(StandardCharsets.US_ASCII));
                bytes += size;
                files++;
            }
            pkg.prefixScript("bin/" + name);
            files++;
            channel.add(pkg, i % 10 == 9 ? PackageFormat.TAR_BZ2 : PackageFormat.CONDA);
        }
        channel.index();
        Files.writeString(dir.resolve(".complete"), "");
        System.out.println(
                "generated=" + PACKAGES + " packages, " + files + " files, " + bytes / (1024 * 1024) + " MiB");
    }

    static void run(Path channelDir, Path work, int reps) throws Exception {
        ChannelConfig config = ChannelConfig.defaults().withCacheDir(work.resolve("repodata-cache"));
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < PACKAGES; i++) {
            specs.add(String.format("bench-pkg-%03d", i));
        }
        String url = channelDir.toAbsolutePath().normalize().toUri().toString();
        SolveOutcome outcome = new CondaEngine(
                        config, new PackageCache(work.resolve("solve-cache")), InstallOptions.defaults())
                .solve(specs, List.of(url), Platform.LINUX_64, List.of());
        if (outcome.records().size() != PACKAGES) {
            throw new IllegalStateException("solve gave " + outcome.records().size());
        }

        List<Long> cold = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        List<Long> coldFetch = new ArrayList<>();
        List<Long> warmFetch = new ArrayList<>();
        Path cache = work.resolve("pkgs");
        for (int round = 0; round <= reps; round++) {
            FileTrees.delete(cache);
            CondaEngine engine = new CondaEngine(
                    config, new PackageCache(cache), InstallOptions.defaults().withCompilePython(false));
            Path coldPrefix = work.resolve("envs/cold-" + round);
            Path warmPrefix = work.resolve("envs/warm-" + round);
            FileTrees.delete(coldPrefix);
            FileTrees.delete(warmPrefix);
            PhaseClock coldPhases = new PhaseClock();
            long t0 = System.nanoTime();
            engine.create(coldPrefix, outcome, coldPhases);
            long t1 = System.nanoTime();
            PhaseClock warmPhases = new PhaseClock();
            engine.create(warmPrefix, outcome, warmPhases);
            long t2 = System.nanoTime();
            if (round == 0) {
                System.out.println("first_cold_ms=" + (t1 - t0) / 1_000_000);
                System.out.println("first_warm_ms=" + (t2 - t1) / 1_000_000);
            } else {
                cold.add((t1 - t0) / 1_000_000);
                warm.add((t2 - t1) / 1_000_000);
                coldFetch.add((coldPhases.fetchedAt - t0) / 1_000_000);
                warmFetch.add((warmPhases.fetchedAt - t1) / 1_000_000);
            }
            FileTrees.delete(coldPrefix);
            if (round < reps) {
                FileTrees.delete(warmPrefix);
            }
        }
        System.out.println("cold_ms=" + median(cold) + " cold_all=" + cold);
        System.out.println("warm_ms=" + median(warm) + " warm_all=" + warm);
        System.out.println("cold_fetch_extract_ms=" + median(coldFetch));
        System.out.println("warm_check_cache_ms=" + median(warmFetch));
        System.out.println("cache_dir=" + cache);
        System.out.println("prefix_dir=" + work.resolve("envs/warm-" + reps));
    }

    /** Notes when the fetch phase (download + extract of every package) ended. */
    private static final class PhaseClock implements CondaEngine.Progress {
        volatile long fetchedAt;

        @Override
        public void fetched(int done, int total, String dist) {
            if (done == total) {
                fetchedAt = System.nanoTime();
            }
        }

        @Override
        public void linked(int done, int total, String dist) {}
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
