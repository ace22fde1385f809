package io.terrarium.conda.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.CondaEngine;
import io.terrarium.conda.SolveOutcome;
import io.terrarium.conda.install.InstallOptions;
import io.terrarium.conda.install.Transaction;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.pkg.PackageCache;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** solve -> lock -> install from the lock elsewhere gives the conda-meta records a direct install gives. */
class LockRoundTripTest {
    @TempDir
    Path tmp;

    private FixtureChannel channel;
    private CondaEngine engine;

    @BeforeEach
    void channelAndEngine() throws IOException {
        channel = FixtureChannel.at(tmp.resolve("channel"))
                .add(PackageFixture.python("3.11.4"))
                .add(PackageFixture.of("libz", "1.3", "h1_2").buildNumber(2).binaryWithPrefix("lib/libz.so"))
                .add(PackageFixture.of("tool", "1.0", "0").prefixScript("bin/tool"))
                .add(
                        PackageFixture.of("tool", "2.0", "h3_1")
                                .buildNumber(1)
                                .depends("libz >=1.2")
                                .constrains("python >=3.8")
                                .prefixScript("bin/tool"),
                        io.terrarium.conda.pkg.PackageFormat.TAR_BZ2)
                .add(PackageFixture.of("pyapp", "0.5", "py_0")
                        .noarchPython()
                        .sitePackagesFile("pyapp/__init__.py", "def main():\n    print('pyapp ok')\n")
                        .entryPoint("pyapp = pyapp:main"))
                .index();
        InstallOptions options =
                InstallOptions.defaults().withClock(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        engine = new CondaEngine(
                ChannelConfig.defaults().withCacheDir(tmp.resolve("repodata-cache")),
                new PackageCache(tmp.resolve("pkgs")),
                options);
    }

    private SolveOutcome solve() {
        return engine.solve(List.of("tool", "pyapp"), List.of(channel.url()), Platform.LINUX_64, List.of());
    }

    @Test
    void condaLockAndExplicitInstallWhatTheSolveInstalled() throws Exception {
        SolveOutcome outcome = solve();
        assertEquals(
                List.of("libz", "pyapp", "python", "tool"),
                outcome.records().stream().map(PackageRecord::name).sorted().toList());
        Path direct = tmp.resolve("envs/direct");
        engine.create(direct, outcome, CondaEngine.Progress.NONE);

        Path lockfile = tmp.resolve("conda-lock.yml");
        engine.writeLockfile(lockfile, Lockfiles.Format.CONDA_LOCK, List.of(outcome), List.of("environment.yml"));
        CondaLock lock = CondaLockYaml.read(lockfile);
        assertEquals(Map.of("linux-64", outcome.contentHash()), lock.metadata().contentHash());
        assertEquals(
                List.of(channel.url()),
                lock.metadata().channels().stream()
                        .map(CondaLock.LockChannel::url)
                        .toList());
        Path fromLock = tmp.resolve("envs/fromlck");
        engine.create(fromLock, engine.readLockfile(lockfile), List.of(), CondaEngine.Progress.NONE);
        assertEquals(condaMeta(direct), condaMeta(fromLock));

        Path explicit = tmp.resolve("explicit.txt");
        engine.writeLockfile(explicit, Lockfiles.Format.EXPLICIT, List.of(outcome), List.of());
        assertTrue(Files.readString(explicit).contains("@EXPLICIT\n"));
        Path fromExplicit = tmp.resolve("envs/fromexp");
        engine.create(fromExplicit, engine.readLockfile(explicit), List.of(), CondaEngine.Progress.NONE);
        assertEquals(condaMeta(direct), condaMeta(fromExplicit));

        assertEquals(fromExplicit + "\n", run(fromExplicit.resolve("bin/tool"), Map.of()));
        // the fixture's python is a wrapper around the machine's, which does not look in the prefix by itself
        assertTrue(Files.readString(fromLock.resolve("bin/pyapp")).startsWith("#!" + fromLock + "/bin/python"));
        assertEquals(
                "pyapp ok\n",
                run(
                        fromLock.resolve("bin/pyapp"),
                        Map.of(
                                "PYTHONPATH",
                                fromLock.resolve("lib/python3.11/site-packages").toString())));
    }

    @Test
    void linkingRecordByRecordIsIdempotentAndGivesTheSamePrefix() throws Exception {
        SolveOutcome outcome = solve();
        Path direct = tmp.resolve("envs/direct");
        engine.create(direct, outcome, CondaEngine.Progress.NONE);

        Path stepwise = tmp.resolve("envs/stepwi");
        List<PackageRecord> all = outcome.records();
        for (PackageRecord r : all) {
            engine.ensureExtracted(r);
        }
        Transaction linking = engine.openLinking(stepwise, all, List.of());
        for (int i = 0; i < all.size(); i++) {
            assertFalse(engine.isLinked(stepwise, all.get(i)));
            linking.link(i);
            engine.openLinking(stepwise, all, List.of()).link(i); // a restarted chunk links the same item again
            assertTrue(engine.isLinked(stepwise, all.get(i)));
        }
        assertFalse(history(stepwise).contains("==>"), "no transaction recorded until every record is linked");
        engine.finishLinking(stepwise, all, List.of());
        engine.finishLinking(stepwise, all, List.of());
        assertEquals(1, history(stepwise).split("==>", -1).length / 2, "one history block, however often finished");
        Map<String, Object> a = condaMeta(direct);
        Map<String, Object> b = condaMeta(stepwise);
        assertEquals(a.keySet(), b.keySet());
        assertEquals(withoutRequestedSpec(a), withoutRequestedSpec(b));
    }

    @Test
    void exportsTheInstalledEnvironment() throws IOException {
        Path env = tmp.resolve("envs/exported");
        engine.create(env, solve(), CondaEngine.Progress.NONE);
        assertEquals("""
                name: exported
                channels:
                  - %s
                dependencies:
                  - libz=1.3=h1_2
                  - pyapp=0.5=py_0
                  - python=3.11.4=0
                  - tool=2.0=h3_1
                prefix: %s
                """.formatted(channel.url(), env), engine.exportYaml(env));
    }

    /**
     * Every conda-meta record, keyed by file name, without what legitimately differs between prefixes: the user's
     * requested spec (a lock install has none) and the hashes of files rewritten for their prefix.
     */
    private static Map<String, Object> condaMeta(Path prefix) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(prefix.resolve("conda-meta"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                Map<String, Object> m = new LinkedHashMap<>(Json.readObject(f));
                m.remove("requested_spec");
                m.remove("requested_specs");
                Object pd = m.get("paths_data");
                if (pd instanceof Map<?, ?> pathsData && pathsData.get("paths") instanceof List<?> paths) {
                    List<Object> cleaned = new ArrayList<>();
                    for (Object p : paths) {
                        Map<String, Object> entry = new LinkedHashMap<>(Json.asObject(p));
                        if (entry.containsKey("prefix_placeholder")) {
                            entry.remove("sha256_in_prefix");
                            entry.remove("size_in_bytes");
                        }
                        if ("unix_python_entry_point".equals(entry.get("path_type"))) {
                            entry.remove("sha256_in_prefix");
                            entry.remove("size_in_bytes");
                        }
                        cleaned.add(entry);
                    }
                    m.put("paths_data", Map.of("paths", cleaned));
                }
                out.put(f.getFileName().toString(), m);
            }
        }
        assertFalse(out.isEmpty());
        return out;
    }

    private static Map<String, Object> withoutRequestedSpec(Map<String, Object> meta) {
        Map<String, Object> out = new TreeMap<>(meta);
        out.replaceAll((k, v) -> {
            Map<String, Object> m = new TreeMap<>(Json.asObject(v));
            m.remove("requested_spec");
            return m;
        });
        return out;
    }

    private static String history(Path prefix) throws IOException {
        Path h = prefix.resolve("conda-meta/history");
        return Files.exists(h) ? Files.readString(h) : "";
    }

    private static String run(Path exe, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(exe.toString()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
