package io.terrarium.conda.bench;

import io.terrarium.conda.repodata.Channel;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.solve.ChannelPriority;
import io.terrarium.conda.solve.SolveException;
import io.terrarium.conda.solve.SolveRequest;
import io.terrarium.conda.solve.SolveResult;
import io.terrarium.conda.solve.Solver;
import io.terrarium.conda.solve.SolverTimeoutException;
import io.terrarium.conda.solve.UnsatisfiableException;
import io.terrarium.conda.testing.CondaTestIndex;
import io.terrarium.conda.testing.GeneratedChannels;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The Java side of {@code bench/solver/run.sh}: writes the benchmark channels and times our solver on them in one warm
 * JVM, the way rattler's {@code simpleSolve} is timed in one warm node process.
 *
 * <pre>
 *   SolverBench conda-channel INDEX_FILE NAME DIR     conda's index*.json as DIR/NAME/{linux-64,noarch}/repodata.json
 *   SolverBench generate DIR NAMES BUILDS SEED        the adversarial synthetic channel (GeneratedChannels.windows)
 *   SolverBench generate-pinned DIR NAMES BUILDS SEED the conda-forge-shaped one (GeneratedChannels.pinned)
 *   SolverBench run CASES_FILE REPEATS                one line per case: label|chan1,chan2|spec;spec|limit_seconds
 *   SolverBench load CHANNEL_DIR REPEATS              load time and heap after load of one channel
 * </pre>
 *
 * For each case {@code run} prints {@code label<TAB>status<TAB>load+solve ms<TAB>solve-only ms<TAB>packages}, the
 * medians of REPEATS timed runs after two seconds of untimed warm-up runs (at least two); packages are
 * {@code name-version-build} joined by spaces; every solution is checked (each dependency and constraint met inside it) and reported {@code inconsistent}
 * otherwise. Load+solve re-reads and re-parses the repodata every time (nothing is cached between runs), like
 * {@code simpleSolve}; solve-only reuses one loaded index, as a server does.
 */
public final class SolverBench {

    private SolverBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "conda-channel" -> {
                Path dir = CondaTestIndex.writeChannel(args[1], args[2], Path.of(args[3]));
                System.out.println(dir);
            }
            case "generate" ->
                System.out.println(GeneratedChannels.windows(
                        Path.of(args[1]),
                        Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]),
                        Long.parseLong(args[4])));
            case "generate-pinned" ->
                System.out.println(GeneratedChannels.pinned(
                        Path.of(args[1]),
                        Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]),
                        Long.parseLong(args[4])));
            case "run" -> run(Files.readAllLines(Path.of(args[1])), Integer.parseInt(args[2]), System.out);
            case "load" -> load(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: SolverBench conda-channel|generate|run|load ... (see the class comment)");
        System.exit(2);
    }

    // ------------------------------------------------------------------------------------------------ timing

    private static void run(List<String> lines, int repeats, PrintStream out) {
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            String label = f[0];
            List<String> channels = Arrays.asList(f[1].split(","));
            List<String> specs = Arrays.asList(f[2].split(";"));
            Duration limit = Duration.ofSeconds(Long.parseLong(f[3].trim()));
            out.println(timeCase(label, channels, specs, limit, repeats));
            out.flush();
        }
    }

    private static String timeCase(
            String label, List<String> channelDirs, List<String> specs, Duration limit, int repeats) {
        ChannelConfig config = ChannelConfig.defaults().withOffline(true);
        List<Channel> channels = new ArrayList<>();
        for (String dir : channelDirs) {
            channels.add(Channel.parse(Path.of(dir).toAbsolutePath().toString(), config));
        }
        Outcome first = solve(RepoIndex.load(channels, Platform.LINUX_64, config), specs, limit, true);
        if (!first.status.equals("ok")) {
            // an unsolvable or timed-out case is reported once: repeating a minute-long failure says nothing new
            return String.join("\t", label, first.status, "-", ms(first.nanos), first.detail);
        }
        // (a) load + parse + solve, each run on its own index (at most one index is alive, as in simpleSolve)
        long[] full =
                time(repeats, () -> solve(RepoIndex.load(channels, Platform.LINUX_64, config), specs, limit, false));
        // (b) solve only, on one index loaded before
        RepoIndex loaded = RepoIndex.load(channels, Platform.LINUX_64, config);
        long[] solveOnly = time(repeats, () -> solve(loaded, specs, limit, false));
        return String.join("\t", label, "ok", ms(median(full)), ms(median(solveOnly)), first.detail);
    }

    /**
     * Times {@code repeats} runs after untimed warm-up runs (at least two, more until two seconds have gone,
     * so the JIT has compiled the parser and the solver before anything is timed).
     */
    private static long[] time(int repeats, Runnable run) {
        long warmStart = System.nanoTime();
        for (int w = 0; w < 1000 && (w < 2 || System.nanoTime() - warmStart < 2_000_000_000L); w++) {
            run.run();
        }
        long[] t = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            run.run();
            t[i] = System.nanoTime() - t0;
        }
        return t;
    }

    private record Outcome(String status, long nanos, String detail) {}

    private static Outcome solve(RepoIndex index, List<String> specs, Duration limit, boolean check) {
        SolveRequest.Builder b = SolveRequest.builder(index)
                .channelPriority(ChannelPriority.STRICT)
                .timeout(limit);
        for (String s : specs) {
            b.spec(s.trim());
        }
        long t0 = System.nanoTime();
        try {
            SolveResult r = new Solver().solve(b.build());
            String broken = check ? firstUnmetDependency(r) : null;
            if (broken != null) {
                return new Outcome("inconsistent", System.nanoTime() - t0, broken);
            }
            TreeSet<String> dists = new TreeSet<>();
            for (PackageRecord p : r.records()) {
                dists.add(p.dist());
            }
            return new Outcome("ok", System.nanoTime() - t0, String.join(" ", dists));
        } catch (SolverTimeoutException e) {
            return new Outcome("timeout", System.nanoTime() - t0, oneLine(e));
        } catch (UnsatisfiableException e) {
            return new Outcome("unsat", System.nanoTime() - t0, oneLine(e));
        } catch (SolveException e) {
            return new Outcome("error", System.nanoTime() - t0, oneLine(e));
        }
    }

    /** The first dependency or constraint of the solution that the solution itself does not meet, or null. */
    private static String firstUnmetDependency(SolveResult r) {
        java.util.Map<String, PackageRecord> byName = new java.util.HashMap<>();
        for (PackageRecord p : r.records()) {
            byName.put(p.name(), p);
        }
        for (PackageRecord p : r.records()) {
            for (String dep : p.depends()) {
                MatchSpec spec = MatchSpec.parse(dep);
                if (spec.name().startsWith("__")) {
                    continue;
                }
                PackageRecord chosen = byName.get(spec.name());
                if (chosen == null || !spec.matches(chosen)) {
                    return p.dist() + " requires " + dep + ", got " + chosen;
                }
            }
            for (String con : p.constrains()) {
                MatchSpec spec = MatchSpec.parse(con);
                PackageRecord chosen = byName.get(spec.name());
                if (chosen != null && !spec.matches(chosen)) {
                    return p.dist() + " constrains " + con + ", got " + chosen;
                }
            }
        }
        return null;
    }

    private static String oneLine(Exception e) {
        String m = String.valueOf(e.getMessage()).replace('\n', ' ').replace('\t', ' ');
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }

    private static void load(Path channelDir, int repeats) {
        ChannelConfig config = ChannelConfig.defaults().withOffline(true);
        List<Channel> channels =
                List.of(Channel.parse(channelDir.toAbsolutePath().toString(), config));
        long[] t = new long[repeats];
        RepoIndex index = null;
        for (int i = -1; i < repeats; i++) {
            index = null;
            System.gc();
            long t0 = System.nanoTime();
            index = RepoIndex.load(channels, Platform.LINUX_64, config);
            if (i >= 0) {
                t[i] = System.nanoTime() - t0;
            }
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        System.out.println("records=" + index.size() + " load_ms=" + ms(median(t)) + " heap_after_load_mb="
                + (used >> 20) + " max_heap_mb=" + (rt.maxMemory() >> 20));
    }

    private static long median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s[(s.length - 1) / 2];
    }

    private static String ms(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }
}
