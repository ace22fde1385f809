package io.terrarium.conda.bench;

import io.terrarium.conda.repodata.Channel;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.solve.SolveRequest;
import io.terrarium.conda.solve.SolveResult;
import io.terrarium.conda.solve.Solver;
import io.terrarium.conda.testing.ChannelServer;
import io.terrarium.conda.testing.GeneratedChannels;
import io.terrarium.conda.testing.RepodataForms;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The Java side of {@code bench/repodata/run.sh}: serves a generated channel on loopback in one of three forms and
 * times requests from nothing to a solution, cold (empty repodata cache) and warm (cache valid, the server answers
 * 304).
 *
 * <pre>
 *   RepodataBench generate DIR NAMES BUILDS SEED            the pinned generated channel plus its .zst and shards
 *   RepodataBench run DIR FORM WARMUP REPEATS LINK SPECS... FORM: json, zstd or sharded; LINK: loopback, or
 *                                                           MBIT_PER_S,LATENCY_MS (a modelled link); SPECS: one
 *                                                           request, specs separated by ';'
 * </pre>
 *
 * {@code run} measures one form and one request, and {@code run.sh} starts a new JVM for each: every form gets the
 * same JIT warm-up from its own code paths, and none profits from the compiled code or warm heap another form left.
 * It serves {@code DIR}'s parent with {@link ChannelServer} in this JVM (full JSON: the server hides the other files;
 * zstd: hides the shards; sharded: hides nothing), runs WARMUP untimed rounds, then prints one line with the medians of
 * REPEATS rounds: cold ms (new cache directory: fetch + decompress/store + index + solve), body bytes and requests;
 * warm ms (same cache, same JVM, as a long-lived worker: revalidation + load + solve), warm bytes and requests;
 * disk-warm ms (a copy of the valid cache that this JVM never read, as a new worker process after its JIT warm-up:
 * revalidation + scan or shard reads + solve); solve-only ms (a second solve on the warm index, every record already
 * parsed); warm - solve ms, the median over rounds of warm minus that round's solve-only, the repodata overhead of a
 * warm request; cold CPU ms (median CPU time of the JVM, server included, during the cold rounds: the work, without
 * the wait for cores a busy machine adds); and first-cold ms, the first cold round of the new JVM
 * (nothing compiled yet: what the first request of a new worker process takes).
 */
public final class RepodataBench {
    private static final Map<String, Predicate<String>> FORMS = new LinkedHashMap<>();

    static {
        Predicate<String> shards = p -> p.endsWith(RepodataForms.SHARD_INDEX) || p.contains("/shards/");
        FORMS.put("json", shards.or(p -> p.endsWith(".zst") || p.endsWith(".bz2")));
        FORMS.put("zstd", shards);
        FORMS.put("sharded", p -> false);
    }

    private RepodataBench() {}

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "generate" ->
                generate(
                        Path.of(args[1]),
                        Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]),
                        Long.parseLong(args[4]));
            case "run" ->
                run(
                        Path.of(args[1]),
                        args[2],
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]),
                        args[5],
                        List.of(args[6].split(";")));
            default -> {
                System.err.println("usage: RepodataBench generate DIR NAMES BUILDS SEED"
                        + " | run DIR FORM WARMUP REPEATS LINK SPECS");
                System.exit(2);
            }
        }
    }

    private static void generate(Path dir, int names, int builds, long seed) throws IOException {
        System.out.println(GeneratedChannels.pinned(dir, names, builds, seed));
        for (String subdir : List.of("linux-64", "noarch")) {
            RepodataForms.writeZst(dir.resolve(subdir));
            RepodataForms.writeShards(dir.resolve(subdir));
        }
    }

    /** One timed request; {@code cpuMillis}: CPU time of the whole JVM meanwhile (client, server, JIT, GC). */
    private record Run(long millis, long cpuMillis, long bytes, long requests, long solveOnlyMillis, int packages) {}

    private static void run(Path dir, String form, int warmup, int repeats, String link, List<String> specs)
            throws Exception {
        Predicate<String> hidden = FORMS.get(form);
        if (hidden == null) {
            throw new IllegalArgumentException("unknown form " + form + ", expected one of " + FORMS.keySet());
        }
        Path caches = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-caches"));
        try (ChannelServer server = new ChannelServer(dir.getParent())) {
            if (!link.equals("loopback")) {
                String[] l = link.split(",");
                server.link(Long.parseLong(l[0]) * 1_000_000 / 8, Long.parseLong(l[1]));
            }
            server.hide(hidden);
            String url = server.baseUrl() + "/" + dir.getFileName();
            List<Run> cold = new ArrayList<>();
            List<Run> warm = new ArrayList<>();
            List<Run> diskWarm = new ArrayList<>();
            long firstCold = -1;
            for (int i = 0; i < warmup + repeats; i++) {
                // a name never used before: the JVM's reuse of parsed shards is keyed by cache directory
                Path cache = caches.resolve(form + "-" + ProcessHandle.current().pid() + "-" + i);
                Path copy = caches.resolve(cache.getFileName() + "-copy");
                deleteTree(cache);
                deleteTree(copy);
                ChannelConfig cfg = ChannelConfig.fromEnvironment(Map.of()).withCacheDir(cache);
                Run c = timed(server, url, cfg, specs);
                Run w = timed(server, url, cfg, specs);
                copyTree(cache, copy);
                Run d = timed(server, url, cfg.withCacheDir(copy), specs);
                if (i == 0) {
                    firstCold = c.millis;
                }
                if (i >= warmup) {
                    cold.add(c);
                    warm.add(w);
                    diskWarm.add(d);
                }
                deleteTree(cache);
                deleteTree(copy);
            }
            Run c = median(cold);
            Run w = median(warm);
            Run d = median(diskWarm);
            System.out.println(form + "\t" + String.join(" ", specs) + "\t" + c.millis + "\t" + c.bytes + "\t"
                    + c.requests + "\t" + w.millis + "\t" + w.bytes + "\t" + w.requests + "\t" + d.millis + "\t"
                    + w.solveOnlyMillis + "\t" + w.packages + "\t" + firstCold + "\t" + medianOverhead(warm) + "\t"
                    + c.cpuMillis);
        }
    }

    /** From request to solution: load the index through the cache and solve; then a solve-only rerun. */
    private static Run timed(ChannelServer server, String url, ChannelConfig cfg, List<String> specs) {
        server.resetCounters();
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        RepoIndex index = RepoIndex.load(List.of(Channel.parse(url, cfg)), Platform.LINUX_64, cfg);
        SolveResult result = solve(index, specs);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (processCpuNanos() - cpuStart) / 1_000_000;
        long bytes = server.totalBytes();
        long requests = server.totalRequests();
        long solveStart = System.nanoTime();
        solve(index, specs);
        long solveOnly = (System.nanoTime() - solveStart) / 1_000_000;
        return new Run(
                millis, cpuMillis, bytes, requests, solveOnly, result.records().size());
    }

    /**
     * CPU time of this JVM so far: on a machine shared with other work, wall time measures the queue for the cores
     * as much as our work, CPU time only our work.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static SolveResult solve(RepoIndex index, List<String> specs) {
        SolveRequest.Builder b = SolveRequest.builder(index);
        specs.forEach(b::spec);
        return new Solver().solve(b.build());
    }

    private static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingLong(Run::millis));
        Run m = sorted.get(sorted.size() / 2);
        long solveOnly = runs.stream().mapToLong(Run::solveOnlyMillis).sorted().toArray()[runs.size() / 2];
        long cpu = runs.stream().mapToLong(Run::cpuMillis).sorted().toArray()[runs.size() / 2];
        return new Run(m.millis, cpu, m.bytes, m.requests, solveOnly, m.packages);
    }

    /**
     * The repodata overhead of warm rounds: per round, warm ms minus that round's solve-only ms, then the median (a
     * difference of two medians mixes rounds, and on a busy machine it can even come out negative).
     */
    private static long medianOverhead(List<Run> runs) {
        long[] d = runs.stream()
                .mapToLong(r -> r.millis - r.solveOnlyMillis)
                .sorted()
                .toArray();
        return d[d.length / 2];
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
