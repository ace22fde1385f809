package io.terrarium.conda.testing;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Writes large synthetic channels (real {@code repodata.json} files, deterministic for a seed) for the solver
 * benchmark and the tests that compare our answers with rattler's: {@link #pinned} shaped like conda-forge,
 * {@link #windows} adversarial.
 */
public final class GeneratedChannels {

    private GeneratedChannels() {}

    private static final String[] STEMS = {
        "arrow",
        "boost",
        "cairo",
        "dask",
        "expat",
        "fiona",
        "gdal",
        "hdf5",
        "icu",
        "jinja",
        "krb5",
        "lz4",
        "mpich",
        "netcdf",
        "orc",
        "pango",
        "qhull",
        "re2",
        "snappy",
        "tiledb",
        "uvicorn",
        "vtk",
        "wcs",
        "xarray",
        "yarl",
        "zstd",
        "attrs",
        "bokeh",
        "click",
        "distro",
        "fsspec",
        "grpc",
        "httpx",
        "idna",
        "jupyter",
        "kiwi",
        "lxml",
        "msgpack",
        "numba",
        "openblas",
        "pandas",
        "pillow",
        "pyyaml",
        "requests",
        "scipy",
        "sympy",
        "toolz",
        "urllib",
        "wheel",
        "xz"
    };
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
    public static String windows(Path dir, int names, int builds, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> pkg = packageNames(rnd, names);
        int versionsPerName = Math.max(1, builds / PYTHONS.length);
        int[] reference = new int[names];
        for (int n = 0; n < names; n++) {
            reference[n] = versionsPerName / 4 + rnd.nextInt(versionsPerName - versionsPerName / 4);
        }
        return writeChannel(dir, pkg, rnd, (out, n) -> {
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
    public static String pinned(Path dir, int names, int builds, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> pkg = packageNames(rnd, names);
        int versionsPerName = Math.max(1, builds / PYTHONS.length);
        int timeline = 1000;
        int[][] released = new int[names][versionsPerName];
        for (int n = 0; n < names; n++) {
            for (int v = 0; v < versionsPerName; v++) {
                released[n][v] = rnd.nextInt(timeline);
            }
            Arrays.sort(released[n]);
        }
        return writeChannel(dir, pkg, rnd, (out, n) -> {
            int[] depIds = dependencyNames(rnd, n);
            for (int v = 0; v < versionsPerName; v++) {
                int time = released[n][v];
                List<String> depends = new ArrayList<>();
                for (int d : depIds) {
                    int current = 0;
                    while (current + 1 < versionsPerName && released[d][current + 1] <= time) {
                        current++;
                    }
                    depends.add(pkg.get(d) + " >=" + pinnedVersion(current) + ",<" + (current / 8 + 2));
                }
                for (String py : PYTHONS) {
                    out.build(n == 0 ? py + "." + v : pinnedVersion(v), py, 0, time, depends);
                }
            }
        });
    }

    /** {@code count} distinct package names: {@code python} first, then made-up ones in the style of conda-forge. */
    private static List<String> packageNames(SplittableRandom rnd, int count) {
        List<String> pkg = new ArrayList<>();
        pkg.add("python");
        TreeSet<String> used = new TreeSet<>(pkg);
        for (int i = 1; pkg.size() < count; i++) {
            String n = PREFIXES[rnd.nextInt(PREFIXES.length)]
                    + STEMS[rnd.nextInt(STEMS.length)]
                    + SUFFIXES[rnd.nextInt(SUFFIXES.length)]
                    + (i > 200 ? Integer.toString(i, 36) : "");
            if (used.add(n)) {
                pkg.add(n);
            }
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
     * builds get no dependencies, the others depend on their python first) and an empty {@code noarch}.
     * Returns a summary: the record count and the last five names (the benchmark uses them as specs).
     */
    private static String writeChannel(Path dir, List<String> pkg, SplittableRandom rnd, NameWriter names)
            throws IOException {
        HexFormat hex = HexFormat.of();
        byte[] buf = new byte[32];
        Path sub = Files.createDirectories(dir.resolve("linux-64"));
        Files.createDirectories(dir.resolve("noarch"));
        Files.writeString(
                dir.resolve("noarch").resolve("repodata.json"),
                "{\"info\":{\"subdir\":\"noarch\"},\"packages\":{},\"packages.conda\":{},\"repodata_version\":1}\n",
                StandardCharsets.UTF_8);
        long[] count = {0};
        try (JsonGenerator g =
                new JsonFactory().createGenerator(sub.resolve("repodata.json").toFile(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("info");
            g.writeStringField("subdir", "linux-64");
            g.writeEndObject();
            g.writeObjectFieldStart("packages");
            for (int n = 0; n < pkg.size(); n++) {
                String name = pkg.get(n);
                boolean python = n == 0;
                int nameIndex = n;
                names.write(
                        (version, py, buildNumber, day, deps) -> {
                            rnd.nextBytes(buf);
                            String h = hex.formatHex(buf);
                            String build = (python ? "" : "py" + py.replace(".", "")) + "h" + h.substring(0, 7) + "_"
                                    + buildNumber;
                            g.writeObjectFieldStart(name + "-" + version + "-" + build + ".tar.bz2");
                            g.writeStringField("build", build);
                            g.writeNumberField("build_number", buildNumber);
                            g.writeArrayFieldStart("depends");
                            if (!python) {
                                g.writeString("python >=" + py + ",<" + nextMinor(py));
                            }
                            if (!python) {
                                for (String d : deps) {
                                    g.writeString(d);
                                }
                            }
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
                        },
                        n);
            }
            g.writeEndObject();
            g.writeObjectFieldStart("packages.conda");
            g.writeEndObject();
            g.writeNumberField("repodata_version", 1);
            g.writeEndObject();
        }
        return "records=" + count[0] + " names=" + pkg.size() + " file=" + sub.resolve("repodata.json") + " last_names="
                + String.join(",", pkg.subList(Math.max(0, pkg.size() - 5), pkg.size()));
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
