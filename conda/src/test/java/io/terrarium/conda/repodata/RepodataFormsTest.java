package io.terrarium.conda.repodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.solve.SolveRequest;
import io.terrarium.conda.solve.Solver;
import io.terrarium.conda.testing.ChannelServer;
import io.terrarium.conda.testing.GeneratedChannels;
import io.terrarium.conda.testing.RepodataForms;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repodata over HTTP in its three forms (full JSON, {@code .zst}/{@code .bz2}, CEP 16 shards), served by a real
 * loopback server from a generated channel: same solve from every form, 304 on the second load, one fetch for
 * concurrent loads across threads and processes, only the reachable shards fetched, and the fallback order.
 */
class RepodataFormsTest {
    private static final Predicate<String> SHARDS =
            p -> p.endsWith(RepodataForms.SHARD_INDEX) || p.contains("/shards/");
    private static final Predicate<String> ZST = p -> p.endsWith(".zst") && !SHARDS.test(p);
    private static final Predicate<String> BZ2 = p -> p.endsWith(".bz2");
    /** What a server offering only one form hides. */
    private static final Map<String, Predicate<String>> FORMS =
            Map.of("json", SHARDS.or(ZST).or(BZ2), "zst", SHARDS, "sharded", p -> false);

    @TempDir
    static Path channels;

    @TempDir
    Path tmp;

    private static ChannelServer server;
    private static List<String> last;
    private static int shardCount;

    @BeforeAll
    static void serveGeneratedChannel() throws IOException {
        Path dir = channels.resolve("gen");
        String summary = GeneratedChannels.pinned(dir, 400, 8, 42);
        last = List.of(summary.substring(summary.indexOf("last_names=") + "last_names=".length())
                .split(","));
        for (String subdir : List.of("linux-64", "noarch")) {
            RepodataForms.writeZst(dir.resolve(subdir));
            RepodataForms.writeBz2(dir.resolve(subdir));
            shardCount += RepodataForms.writeShards(dir.resolve(subdir)).size();
        }
        server = new ChannelServer(channels);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.hide(p -> false).delay(p -> false, 0).stallHalfway(p -> false).resetCounters();
    }

    private ChannelConfig config(String cache) {
        return ChannelConfig.fromEnvironment(Map.of()).withCacheDir(tmp.resolve(cache));
    }

    private RepoIndex load(ChannelConfig cfg) {
        return RepoIndex.load(List.of(Channel.parse(server.baseUrl() + "/gen", cfg)), Platform.LINUX_64, cfg);
    }

    private static List<List<String>> requests() {
        return List.of(List.of("python=3.11", last.get(0)), List.of(last.get(1), last.get(2), last.get(3)));
    }

    private static List<String> solve(RepoIndex index, List<String> specs) {
        SolveRequest.Builder b = SolveRequest.builder(index);
        specs.forEach(b::spec);
        return new Solver()
                .solve(b.build()).records().stream()
                        .map(RepodataFormsTest::everything)
                        .sorted()
                        .toList();
    }

    /** Every field a record carries, so that "the same records" means the same data, not just the same names. */
    private static String everything(PackageRecord r) {
        return String.join(
                "|",
                r.fn(),
                r.url(),
                r.channel(),
                r.subdir(),
                r.versionText(),
                r.build(),
                String.valueOf(r.buildNumber()),
                r.depends().toString(),
                r.constrains().toString(),
                r.md5(),
                r.sha256(),
                String.valueOf(r.size()),
                String.valueOf(r.timestamp()),
                r.license(),
                r.extra().toString(),
                r.trackFeatures().toString(),
                String.valueOf(r.noarch()));
    }

    @Test
    void everyFormGivesTheSameSolve() {
        Map<String, List<List<String>>> answers = new java.util.TreeMap<>();
        for (Map.Entry<String, Predicate<String>> form : FORMS.entrySet()) {
            server.hide(form.getValue()).resetCounters();
            RepoIndex index = load(config(form.getKey()));
            answers.put(
                    form.getKey(),
                    requests().stream().map(specs -> solve(index, specs)).toList());
            Set<String> asked = server.requestedPaths();
            switch (form.getKey()) {
                case "json" -> assertEquals(1, server.okResponses(p -> p.equals("/gen/linux-64/repodata.json")));
                case "zst" -> assertTrue(asked.stream().noneMatch(p -> p.endsWith("/repodata.json")), asked::toString);
                default -> assertTrue(asked.stream().noneMatch(p -> p.contains("repodata.json")), asked::toString);
            }
        }
        List<List<String>> json = answers.get("json");
        assertTrue(json.get(0).size() > 5 && json.get(1).size() > 5, "real solves: " + json);
        assertEquals(json, answers.get("zst"), "zst gives the JSON form's records");
        assertEquals(json, answers.get("sharded"), "shards give the JSON form's records");
    }

    @Test
    void secondLoadIsConditionalAndGets304WithoutBodies() {
        for (Map.Entry<String, Predicate<String>> form : FORMS.entrySet()) {
            server.hide(form.getValue()).resetCounters();
            ChannelConfig cfg = config(form.getKey());
            List<String> cold = solve(load(cfg), requests().get(1));
            assertTrue(server.totalBytes() > 0);
            server.resetCounters();
            List<String> warm = solve(load(cfg), requests().get(1));
            assertEquals(cold, warm, form.getKey());
            assertEquals(0, server.totalBytes(), form.getKey() + ": no body on the warm load: " + server.counters());
            Set<String> asked = server.requestedPaths();
            Set<String> expected = switch (form.getKey()) {
                case "json" -> Set.of("/gen/linux-64/repodata.json", "/gen/noarch/repodata.json");
                case "zst" -> Set.of("/gen/linux-64/repodata.json.zst", "/gen/noarch/repodata.json.zst");
                default ->
                    Set.of("/gen/linux-64/" + RepodataForms.SHARD_INDEX, "/gen/noarch/" + RepodataForms.SHARD_INDEX);
            };
            assertEquals(expected, asked, form.getKey() + ": only the revalidations, no shard requests");
            for (String p : expected) {
                assertEquals(1, server.counter(p).notModified(), form.getKey() + " " + p + " answered 304");
            }
        }
    }

    @Test
    void shardedSolveFetchesOnlyTheReachableShards() throws IOException {
        List<String> specs = requests().get(1);
        RepoIndex index = load(config("sharded"));
        solve(index, specs);
        Set<String> fetched = server.requestedPaths().stream()
                .filter(p -> p.contains("/shards/"))
                .collect(Collectors.toCollection(TreeSet::new));

        Path linux = channels.resolve("gen/linux-64");
        SubdirRepodata all = RepodataParser.parseFile(linux.resolve("repodata.json"), "x", "linux-64");
        Set<String> closure =
                closure(all, specs.stream().map(s -> MatchSpec.parse(s).name()).toList());
        Map<String, String> hashes = RepodataForms.writeShards(linux); // deterministic: the same files again
        Set<String> expected = new TreeSet<>();
        for (String name : closure) {
            expected.add("/gen/linux-64/shards/" + hashes.get(name) + ".msgpack.zst");
        }
        assertEquals(expected, fetched, "the dependency closure of the requested names, nothing else");
        assertTrue(fetched.size() < hashes.size() / 2, fetched.size() + " of " + hashes.size() + " shards");
        assertEquals(shardCount, hashes.size(), "noarch of the generated channel is empty");
    }

    private static Set<String> closure(SubdirRepodata all, List<String> roots) {
        Set<String> seen = new HashSet<>(roots);
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            for (PackageRecord r : all.recordsNamed(todo.pop())) {
                for (String dep : r.depends()) {
                    String name = MatchSpec.parse(dep).name();
                    if (all.byName().containsKey(name) && seen.add(name)) {
                        todo.push(name);
                    }
                }
            }
        }
        return seen;
    }

    @Test
    void missingZstFallsBackToBz2ThenJsonAndIsNotAskedAgain() throws IOException {
        server.hide(SHARDS.or(ZST));
        ChannelConfig bz2 = config("bz2");
        List<String> fromBz2 = solve(load(bz2), requests().get(0));
        assertEquals(1, server.counter("/gen/linux-64/repodata.json.zst").requests());
        assertEquals(1, server.counter("/gen/linux-64/repodata.json.bz2").ok());
        assertEquals(0, server.counter("/gen/linux-64/repodata.json").requests(), "bz2 was there: no JSON");
        server.resetCounters();
        assertEquals(fromBz2, solve(load(bz2), requests().get(0)));
        assertEquals(
                Set.of("/gen/linux-64/repodata.json.bz2", "/gen/noarch/repodata.json.bz2"),
                server.requestedPaths(),
                "the 404s of the shard index and .zst are remembered");

        // a week later the server is asked again whether it has the .zst now
        String zstUrl = server.baseUrl() + "/gen/linux-64/repodata.json.zst";
        Path meta = bz2.cacheDir().resolve(HttpRepodataCache.key(zstUrl) + ".meta");
        java.util.Properties entry = new java.util.Properties();
        try (var in = Files.newInputStream(meta)) {
            entry.load(in);
        }
        long weekAgo = System.currentTimeMillis() - RepodataLoader.FORM_RECHECK.toMillis() - 1000;
        entry.setProperty("checked-at", Long.toString(weekAgo));
        try (var out = Files.newOutputStream(meta)) {
            entry.store(out, null);
        }
        server.resetCounters();
        load(bz2);
        assertEquals(1, server.counter("/gen/linux-64/repodata.json.zst").requests(), "rechecked after a week");
        assertEquals(0, server.counter("/gen/noarch/repodata.json.zst").requests(), "noarch's 404 is still fresh");

        server.hide(SHARDS.or(ZST).or(BZ2)).resetCounters();
        ChannelConfig json = config("json-fallback");
        assertEquals(fromBz2, solve(load(json), requests().get(0)));
        assertEquals(
                List.of(
                        "/gen/linux-64/" + RepodataForms.SHARD_INDEX,
                        "/gen/linux-64/repodata.json.zst",
                        "/gen/linux-64/repodata.json.bz2",
                        "/gen/linux-64/repodata.json"),
                server.log().stream()
                        .filter(p -> p.startsWith("/gen/linux-64/"))
                        .toList(),
                "in this order");
        assertEquals(1, server.counter("/gen/linux-64/repodata.json").ok());
    }

    @Test
    void twoThreadsLoadingOneSubdirMakeOneFetch() throws Exception {
        server.hide(SHARDS).delay(ZST, 300);
        ChannelConfig cfg = config("threads");
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> loads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            loads.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return load(cfg).names().size();
            }));
        }
        for (CompletableFuture<Integer> f : loads) {
            assertEquals(400, f.get(60, TimeUnit.SECONDS));
        }
        assertEquals(
                1,
                server.counter("/gen/linux-64/repodata.json.zst").requests(),
                server.counters().toString());
        assertEquals(1, server.counter("/gen/linux-64/repodata.json.zst").ok());
    }

    @Test
    void twoProcessesLoadingOneSubdirMakeOneFetch() throws Exception {
        server.hide(SHARDS).delay(ZST, 500);
        Path cache = tmp.resolve("shared-cache");
        Path go = tmp.resolve("go");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadSubdirProcess.class.getName(),
                        cache.toString(),
                        server.baseUrl() + "/gen",
                        go.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            Files.createFile(go);
            ChannelConfig cfg = ChannelConfig.fromEnvironment(Map.of()).withCacheDir(cache);
            assertEquals(400, load(cfg).names().size());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child finishes");
            String rest = out.lines().collect(Collectors.joining("\n"));
            assertEquals(0, child.exitValue(), rest);
            assertEquals("loaded 400", rest.strip());
        } finally {
            child.destroyForcibly();
        }
        assertEquals(
                1,
                server.counter("/gen/linux-64/repodata.json.zst").ok(),
                server.counters().toString());
        assertEquals(
                1,
                server.counter("/gen/linux-64/repodata.json.zst").requests(),
                "the process that waited took the other's fetch: " + server.counters());
    }

    @Test
    void aProcessKilledMidFetchLeavesNothingTakenAsValid() throws Exception {
        server.hide(SHARDS.or(BZ2)).stallHalfway(p -> p.equals("/gen/linux-64/repodata.json.zst"));
        Path cache = tmp.resolve("killed-cache");
        Path go = Files.createFile(tmp.resolve("go-now"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadSubdirProcess.class.getName(),
                        cache.toString(),
                        server.baseUrl() + "/gen",
                        go.toString())
                .redirectErrorStream(true)
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!hasPart(cache)) { // the child is writing the body, holding the entry's lock
                assertTrue(System.nanoTime() < deadline && child.isAlive(), "the child starts writing the body");
                Thread.sleep(10);
            }
            child.destroyForcibly(); // SIGKILL: no cleanup runs
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
            server.unstall();
        }
        assertTrue(hasPart(cache), "the half-written body is left behind");
        ChannelConfig cfg = ChannelConfig.fromEnvironment(Map.of()).withCacheDir(cache);
        long fullAnswers = server.counter("/gen/linux-64/repodata.json.zst").ok();
        RepoIndex index = load(cfg);
        assertEquals(400, index.names().size(), "the dead process's lock is gone and its half file ignored");
        assertEquals(
                fullAnswers + 1,
                server.counter("/gen/linux-64/repodata.json.zst").ok(),
                "fetched again in full");
        assertEquals(
                solve(load(config("killed-reference")), requests().get(1)),
                solve(index, requests().get(1)));
    }

    private static boolean hasPart(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return false;
        }
        try (var files = Files.list(cache)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".part"));
        }
    }

    @Test
    void dependencyNamesAreReadFromEverySpecForm() {
        assertEquals("numpy", ShardClosure.nameOf("numpy >=1.21,<2"));
        assertEquals("python", ShardClosure.nameOf("python>=3.8"));
        assertEquals("zlib", ShardClosure.nameOf("conda-forge::zlib 1.2.*"));
        assertEquals("libgcc-ng", ShardClosure.nameOf("libgcc-ng"));
        assertEquals("openssl", ShardClosure.nameOf("openssl=3"));
        assertEquals("blas", ShardClosure.nameOf("blas[build=mkl]"));
        assertEquals("py_x.y", ShardClosure.nameOf("  py_x.y ~=1.2"));
        assertEquals(null, ShardClosure.nameOf(">=1.0"));
    }

    @Test
    void condasShardedFixtureGivesTheRecordsOfItsJson() throws IOException {
        Path repo = RepodataParserTest.data("conda/conda_format_repo");
        try (ChannelServer fixture = new ChannelServer(repo.getParent())) {
            String url = fixture.baseUrl() + "/conda_format_repo";
            ChannelConfig shardedCfg = config("fixture-sharded");
            RepoIndex sharded = RepoIndex.load(List.of(Channel.parse(url, shardedCfg)), Platform.LINUX_64, shardedCfg);
            fixture.hide(SHARDS);
            ChannelConfig jsonCfg = config("fixture-json");
            RepoIndex json = RepoIndex.load(List.of(Channel.parse(url, jsonCfg)), Platform.LINUX_64, jsonCfg);
            for (String name : List.of("zlib", "libgcc-ng")) {
                List<String> a = sharded.recordsNamed(name).stream()
                        .map(RepodataFormsTest::everything)
                        .toList();
                List<String> b = json.recordsNamed(name).stream()
                        .map(RepodataFormsTest::everything)
                        .toList();
                assertFalse(a.isEmpty(), name);
                assertEquals(b, a, name);
            }
            String libgccShard = "/conda_format_repo/linux-64/"
                    + "2dcdacf7009b4f1c21f452c5079384340257e0e1cbecb8ec484984d1fa85b115.msgpack.zst";
            assertTrue(
                    fixture.requestedPaths().contains(libgccShard),
                    fixture.requestedPaths().toString());
        }
    }
}
