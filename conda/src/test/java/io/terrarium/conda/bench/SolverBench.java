package io.terrarium.conda.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The Java side of {@code bench/solver/run.sh}: writes the benchmark channels and times our solver on them in one warm
 * JVM, the way rattler's {@code simpleSolve} is timed in one warm node process.
 *
 * <pre>
 *   SolverBench conda-channel INDEX_FILE NAME DIR     conda's index*.json as DIR/NAME/{linux-64,noarch}/repodata.json
 *   SolverBench generate DIR NAMES BUILDS SEED        a synthetic channel of NAMES x BUILDS records
 *   SolverBench run CASES_FILE REPEATS                one line per case: label|chan1,chan2|spec;spec|limit_seconds
 *   SolverBench load CHANNEL_DIR REPEATS              load time and heap after load of one channel
 * </pre>
 *
 * For each case {@code run} prints {@code label<TAB>status<TAB>load+solve ms<TAB>solve-only ms<TAB>packages}, the
 * medians of REPEATS timed runs after two seconds of untimed warm-up runs (at least two); packages are
 * {@code name-version-build} joined by
 * spaces; every solution is checked (each dependency and constraint met inside it) and reported {@code inconsistent}
 * otherwise. Load+solve re-reads and re-parses the repodata every time (nothing is cached between runs), like
 * {@code simpleSolve}; solve-only reuses one loaded index, as a server does.
 */
public final class SolverBench {

    private SolverBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) usage();
        switch (args[0]) {
            case "conda-channel" -> {
                Path dir = CondaTestIndex.writeChannel(args[1], args[2], Path.of(args[3]));
                System.out.println(dir);
            }
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4]));
            case "generate-pinned" -> generatePinned(Path.of(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), Long.parseLong(args[4]));
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
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\\|", -1);
            String label = f[0];
            List<String> channels = Arrays.asList(f[1].split(","));
            List<String> specs = Arrays.asList(f[2].split(";"));
            Duration limit = Duration.ofSeconds(Long.parseLong(f[3].trim()));
            out.println(timeCase(label, channels, specs, limit, repeats));
            out.flush();
        }
    }

    private static String timeCase(String label, List<String> channelDirs, List<String> specs, Duration limit,
                                   int repeats) {
        ChannelConfig config = ChannelConfig.defaults().withOffline(true);
        List<Channel> channels = new ArrayList<>();
        for (String dir : channelDirs) channels.add(Channel.parse(Path.of(dir).toAbsolutePath().toString(), config));
        Outcome first = solve(RepoIndex.load(channels, Platform.LINUX_64, config), specs, limit, true);
        if (!first.status.equals("ok")) {
            // an unsolvable or timed-out case is reported once: repeating a minute-long failure says nothing new
            return String.join("\t", label, first.status, "-", ms(first.nanos), first.detail);
        }
        // (a) load + parse + solve, each run on its own index (at most one index is alive, as in simpleSolve)
        long[] full = time(repeats,
                () -> solve(RepoIndex.load(channels, Platform.LINUX_64, config), specs, limit, false));
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
        for (int w = 0; w < 1000 && (w < 2 || System.nanoTime() - warmStart < 2_000_000_000L); w++) run.run();
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
        SolveRequest.Builder b = SolveRequest.builder(index).channelPriority(ChannelPriority.STRICT).timeout(limit);
        for (String s : specs) b.spec(s.trim());
        long t0 = System.nanoTime();
        try {
            SolveResult r = new Solver().solve(b.build());
            String broken = check ? firstUnmetDependency(r) : null;
            if (broken != null) return new Outcome("inconsistent", System.nanoTime() - t0, broken);
            TreeSet<String> dists = new TreeSet<>();
            for (PackageRecord p : r.records()) dists.add(p.dist());
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
        for (PackageRecord p : r.records()) byName.put(p.name(), p);
        for (PackageRecord p : r.records()) {
            for (String dep : p.depends()) {
                MatchSpec spec = MatchSpec.parse(dep);
                if (spec.name().startsWith("__")) continue;
                PackageRecord chosen = byName.get(spec.name());
                if (chosen == null || !spec.matches(chosen)) return p.dist() + " requires " + dep + ", got " + chosen;
            }
            for (String con : p.constrains()) {
                MatchSpec spec = MatchSpec.parse(con);
                PackageRecord chosen = byName.get(spec.name());
                if (chosen != null && !spec.matches(chosen)) return p.dist() + " constrains " + con + ", got " + chosen;
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
        List<Channel> channels = List.of(Channel.parse(channelDir.toAbsolutePath().toString(), config));
        long[] t = new long[repeats];
        RepoIndex index = null;
        for (int i = -1; i < repeats; i++) {
            index = null;
            System.gc();
            long t0 = System.nanoTime();
            index = RepoIndex.load(channels, Platform.LINUX_64, config);
            if (i >= 0) t[i] = System.nanoTime() - t0;
        }
        for (int i = 0; i < 3; i++) System.gc();
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

    // ------------------------------------------------------------------------------------------------ generator

    private static final String[] STEMS = {"arrow", "boost", "cairo", "dask", "expat", "fiona", "gdal", "hdf5",
            "icu", "jinja", "krb5", "lz4", "mpich", "netcdf", "orc", "pango", "qhull", "re2", "snappy", "tiledb",
            "uvicorn", "vtk", "wcs", "xarray", "yarl", "zstd", "attrs", "bokeh", "click", "distro", "fsspec",
            "grpc", "httpx", "idna", "jupyter", "kiwi", "lxml", "msgpack", "numba", "openblas", "pandas", "pillow",
            "pyyaml", "requests", "scipy", "sympy", "toolz", "urllib", "wheel", "xz"};
    private static final String[] PREFIXES = {"", "lib", "py-", "r-", "", "", "ros-", "perl-"};
    private static final String[] SUFFIXES = {"", "-core", "-base", "-tools", "-devel", "-plugins", "-io", ""};
    private static final String[] PYTHONS = {"3.9", "3.10", "3.11", "3.12"};

    /**
     * Writes {@code names x builds} records into {@code dir/linux-64/repodata.json} (and an empty {@code noarch}).
     * Name 0 is {@code python}; every other name depends on python (its variants are python-specific builds) and on
     * two to six names with a lower index (mostly among the first hundred, sometimes a neighbour) through version
     * windows that always admit that name's reference version, so every package is installable and solves have to
     * pick among many candidates.
     */
    static void generate(Path dir, int names, int builds, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> pkg = packageNames(rnd, names);
        int versionsPerName = Math.max(1, builds / PYTHONS.length);
        int[] reference = new int[names];
        for (int n = 0; n < names; n++) reference[n] = versionsPerName / 4 + rnd.nextInt(versionsPerName - versionsPerName / 4);
        writeChannel(dir, pkg, rnd, (out, n) -> {
            // each dependency: a lower-index name and a window of its versions that moves with our version but
            // always holds that name's reference version, so the reference versions form a solution and every
            // package is installable, while the newest versions often clash and the solver has to search
            int[] depIds = dependencyNames(rnd, n);
            int[][] below = new int[depIds.length][versionsPerName];
            int[][] above = new int[depIds.length][versionsPerName];
            for (int d = 0; d < depIds.length; d++) {
                for (int v = 0; v < versionsPerName; v++) {
                    below[d][v] = rnd.nextInt(1 + v / 3);
                    above[d][v] = rnd.nextInt(1 + v / 2);
                }
            }
            for (int v = 0; v < versionsPerName; v++) {
                for (String py : PYTHONS) {
                    List<String> depends = new ArrayList<>();
                    for (int d = 0; d < depIds.length; d++) {
                        int ref = reference[depIds[d]];
                        int lo = Math.max(0, ref - below[d][v]);
                        depends.add(pkg.get(depIds[d]) + " >=" + version(lo) + ",<" + version(ref + 1 + above[d][v]));
                    }
                    out.build(n == 0 ? py + "." + v : version(v), py, (v + n) % 3, v, depends);
                }
            }
        });
    }

    /**
     * Writes a channel shaped like conda-forge: each name releases its versions at random times on one timeline
     * (a major every eight versions), and every build pins each dependency the way {@code run_exports} do, to the
     * dependency's newest version at the build's release time up to its next major ({@code >=2.3.0,<3}). Packages
     * that were not rebuilt after a dependency's major bump clash with those that were, as on conda-forge.
     */
    static void generatePinned(Path dir, int names, int builds, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> pkg = packageNames(rnd, names);
        int versionsPerName = Math.max(1, builds / PYTHONS.length);
        int timeline = 1000;
        int[][] released = new int[names][versionsPerName];
        for (int n = 0; n < names; n++) {
            for (int v = 0; v < versionsPerName; v++) released[n][v] = rnd.nextInt(timeline);
            Arrays.sort(released[n]);
        }
        writeChannel(dir, pkg, rnd, (out, n) -> {
            int[] depIds = dependencyNames(rnd, n);
            for (int v = 0; v < versionsPerName; v++) {
                int time = released[n][v];
                List<String> depends = new ArrayList<>();
                for (int d : depIds) {
                    int current = 0;
                    while (current + 1 < versionsPerName && released[d][current + 1] <= time) current++;
                    depends.add(pkg.get(d) + " >=" + pinnedVersion(current) + ",<" + (current / 8 + 2));
                }
                for (String py : PYTHONS) out.build(n == 0 ? py + "." + v : pinnedVersion(v), py, 0, time, depends);
            }
        });
    }

    /** {@code count} distinct package names: {@code python} first, then made-up ones in the style of conda-forge. */
    private static List<String> packageNames(SplittableRandom rnd, int count) {
        List<String> pkg = new ArrayList<>();
        pkg.add("python");
        TreeSet<String> used = new TreeSet<>(pkg);
        for (int i = 1; pkg.size() < count; i++) {
            String n = PREFIXES[rnd.nextInt(PREFIXES.length)] + STEMS[rnd.nextInt(STEMS.length)]
                    + SUFFIXES[rnd.nextInt(SUFFIXES.length)] + (i > 200 ? Integer.toString(i, 36) : "");
            if (used.add(n)) pkg.add(n);
        }
        return pkg;
    }

    /**
     * The lower-index names that name {@code n} depends on: two to six, like conda-forge mostly on a small base of
     * libraries (the first hundred names), sometimes on a neighbour, so an environment holds tens to a couple of
     * hundred packages.
     */
    private static int[] dependencyNames(SplittableRandom rnd, int n) {
        int base = Math.min(n - 1, 100);
        int k = n < 2 ? 0 : Math.min(n - 1, 2 + rnd.nextInt(5));
        TreeSet<Integer> picks = new TreeSet<>();
        while (picks.size() < k) {
            boolean neighbour = n > base + 1 && picks.isEmpty() && rnd.nextInt(2) == 0;
            picks.add(neighbour ? n - 1 - rnd.nextInt(Math.min(50, n - base - 1)) : 1 + rnd.nextInt(base));
        }
        return picks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Receives the builds of one name: version, python variant, build number, release day, dependencies. */
    private interface Builds {
        void build(String version, String python, long buildNumber, int day, List<String> depends) throws IOException;
    }

    /** Writes the builds of one name (by index) to {@code out}. */
    private interface NameWriter {
        void write(Builds out, int nameIndex) throws IOException;
    }

    /**
     * Writes {@code dir/linux-64/repodata.json} with the builds {@code names} gives for each name (python's own
     * builds get no dependencies, the others depend on their python first) and an empty {@code noarch}; prints the
     * record count and the last five names, which the benchmark uses as specs.
     */
    private static void writeChannel(Path dir, List<String> pkg, SplittableRandom rnd, NameWriter names)
            throws IOException {
        HexFormat hex = HexFormat.of();
        byte[] buf = new byte[32];
        Path sub = Files.createDirectories(dir.resolve("linux-64"));
        Files.createDirectories(dir.resolve("noarch"));
        Files.writeString(dir.resolve("noarch").resolve("repodata.json"),
                "{\"info\":{\"subdir\":\"noarch\"},\"packages\":{},\"packages.conda\":{},\"repodata_version\":1}\n",
                StandardCharsets.UTF_8);
        long[] count = {0};
        try (JsonGenerator g = new JsonFactory().createGenerator(sub.resolve("repodata.json").toFile(),
                JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("info");
            g.writeStringField("subdir", "linux-64");
            g.writeEndObject();
            g.writeObjectFieldStart("packages");
            for (int n = 0; n < pkg.size(); n++) {
                String name = pkg.get(n);
                boolean python = n == 0;
                int nameIndex = n;
                names.write((version, py, buildNumber, day, deps) -> {
                    rnd.nextBytes(buf);
                    String h = hex.formatHex(buf);
                    String build = (python ? "" : "py" + py.replace(".", "")) + "h" + h.substring(0, 7) + "_"
                            + buildNumber;
                    g.writeObjectFieldStart(name + "-" + version + "-" + build + ".tar.bz2");
                    g.writeStringField("build", build);
                    g.writeNumberField("build_number", buildNumber);
                    g.writeArrayFieldStart("depends");
                    if (!python) g.writeString("python >=" + py + ",<" + nextMinor(py));
                    if (!python) for (String d : deps) g.writeString(d);
                    g.writeEndArray();
                    g.writeStringField("license", "BSD-3-Clause");
                    g.writeStringField("md5", h.substring(32));
                    g.writeStringField("name", name);
                    g.writeStringField("sha256", h);
                    g.writeNumberField("size", 10_000 + rnd.nextInt(5_000_000));
                    g.writeStringField("subdir", "linux-64");
                    g.writeNumberField("timestamp", 1_600_000_000_000L + day * 86_400_000L + nameIndex);
                    g.writeStringField("version", version);
                    g.writeEndObject();
                    count[0]++;
                }, n);
            }
            g.writeEndObject();
            g.writeObjectFieldStart("packages.conda");
            g.writeEndObject();
            g.writeNumberField("repodata_version", 1);
            g.writeEndObject();
        }
        System.out.println("records=" + count[0] + " names=" + pkg.size() + " file=" + sub.resolve("repodata.json")
                + " last_names=" + String.join(",", pkg.subList(Math.max(0, pkg.size() - 5), pkg.size())));
    }

    /** Version {@code i} of a name in the pinned channel: 1.0.0 ... 1.7.0, 2.0.0 ... (a major every eight). */
    private static String pinnedVersion(int i) {
        return (i / 8 + 1) + "." + (i % 8) + ".0";
    }

    /** Version number {@code i} of a name: 0.1.0, 0.2.0, ... 1.0.0, ... (ten minors per major, some patches). */
    private static String version(int i) {
        return (i / 10) + "." + (i % 10) + "." + (i % 3);
    }

    private static String nextMinor(String py) {
        String[] p = py.split("\\.");
        return p[0] + "." + (Integer.parseInt(p[1]) + 1) + ".0a0";
    }
}
