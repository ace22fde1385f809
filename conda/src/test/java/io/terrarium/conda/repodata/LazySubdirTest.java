package io.terrarium.conda.repodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lazy (scan, then parse by name) path gives exactly the records of the eager parser. */
class LazySubdirTest {
    private static final String CH = "https://example.org/ch";

    /** Every field of a record, so two records compare equal only when the parsers agree on all of them. */
    private static String full(PackageRecord r) {
        return String.join(
                "|",
                r.name(),
                r.versionText(),
                r.build(),
                "" + r.buildNumber(),
                "" + r.depends(),
                "" + r.constrains(),
                "" + r.trackFeatures(),
                "" + r.features(),
                "" + r.timestamp(),
                "" + r.noarch(),
                "" + r.subdir(),
                r.fn(),
                r.url(),
                r.channel(),
                "" + r.md5(),
                "" + r.sha256(),
                "" + r.size(),
                "" + r.license(),
                "" + new TreeMap<>(r.extra()));
    }

    private static LazySubdir scan(byte[] json, String repodataUrl, String subdir) {
        return RepodataParser.scan(ByteBuffer.wrap(json), CH, repodataUrl, subdir, repodataUrl);
    }

    private static void assertSameRecords(SubdirRepodata eager, LazySubdir lazy, String what) {
        assertEquals(eager.byName().keySet(), lazy.names(), what + ": names");
        assertEquals(eager.size(), lazy.size(), what + ": size");
        assertEquals(eager.subdir(), lazy.subdir(), what + ": subdir");
        for (String name : eager.byName().keySet()) {
            List<String> want =
                    eager.byName().get(name).stream().map(LazySubdirTest::full).toList();
            List<String> got =
                    lazy.recordsNamed(name).stream().map(LazySubdirTest::full).toList();
            assertEquals(want, got, what + ": records of " + name);
        }
        assertTrue(lazy.recordsNamed("no-such-package-name").isEmpty());
    }

    /** Every JSON file of the test data that is repodata, with the subdir its directory implies where it has one. */
    @Test
    void sameRecordsAsTheEagerParserOnEveryRepodataFileInTheTestData() throws IOException {
        Path root = RepodataParserTest.data("");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> f.getFileName().toString().matches(".*repodata.*\\.json")
                            || f.toString().contains("tests/data/repodata/")
                                    && f.toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
        assertTrue(files.size() >= 30, "found " + files);
        int compared = 0;
        for (Path file : files) {
            for (String subdir : new String[] {file.getParent().getFileName().toString(), null}) {
                byte[] bytes = Files.readAllBytes(file);
                String url = file.toUri().toString();
                SubdirRepodata eager;
                try {
                    eager = RepodataParser.parse(new ByteArrayInputStream(bytes), CH, url, subdir, url);
                } catch (RepodataException e) {
                    // invalid data: the lazy path must refuse it too, at the scan or when the names are read
                    assertThrows(
                            RepodataException.class,
                            () -> {
                                LazySubdir lazy = scan(bytes, url, subdir);
                                for (String n : lazy.names()) {
                                    lazy.recordsNamed(n);
                                }
                            },
                            file + " is refused by the eager parser: " + e.getMessage());
                    continue;
                }
                assertSameRecords(eager, scan(bytes, url, subdir), file + " (subdir " + subdir + ")");
                compared++;
            }
        }
        assertTrue(compared >= 60, "compared " + compared);
    }

    @Test
    void dropRulesBaseUrlAfterRecordsAndNamesAsTheEagerParser() {
        String json = """
                {"packages": {
                   "a-1.0-0.tar.bz2": {"name": "a", "version": "1.0", "build": "0", "depends": ["b >=1"],
                                       "track_features": "x, y", "timestamp": 1600000000},
                   "a-2.0-0.tar.bz2": {"name": "a", "version": "2.0", "build": "0"},
                   "a-3.0-0.tar.bz2": {"name": "a", "version": "3.0", "build": "0"},
                   "b-1.0-0.tar.bz2": {"name": "b", "version": "1.0", "build": "0", "record_version": 2},
                   "c-1.0-0.tar.bz2": {"version": "1.0", "build": "0", "noarch": true},
                   "odd-1.0-0.tar.bz2": {"name": "renamed", "version": "1.0", "build": "0"},
                   "gone-1.0-0.tar.bz2": {"name": "gone", "version": "1.0", "build": "0"}
                 },
                 "packages.conda": {
                   "a-2.0-0.conda": {"name": "a", "version": "2.0", "build": "0", "features": ["f"]},
                   "\\u0064-1.0-0.conda": {"name": "d", "version": "1.0", "build": "0", "extra": {"k": [1, {}]}}
                 },
                 "removed": ["a-3.0-0.tar.bz2", "gone-1.0-0.tar.bz2"],
                 "info": {"subdir": "linux-64", "base_url": "https://mirror.example/pkgs/"}
                }""";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        String url = CH + "/linux-64/repodata.json";
        for (String subdir : new String[] {"linux-64", null}) {
            SubdirRepodata eager = RepodataParser.parse(new ByteArrayInputStream(bytes), CH, url, subdir, url);
            LazySubdir lazy = scan(bytes, url, subdir);
            assertSameRecords(eager, lazy, "synthetic");
            assertEquals(Set.of("a", "c", "renamed", "d"), lazy.names());
            assertEquals(
                    List.of("a-1.0-0.tar.bz2", "a-2.0-0.conda"),
                    lazy.recordsNamed("a").stream().map(PackageRecord::fn).toList());
            assertEquals(
                    "https://mirror.example/pkgs/a-1.0-0.tar.bz2",
                    lazy.recordsNamed("a").get(0).url());
        }
    }

    @Test
    void aWronglyTypedFieldFailsWhenItsNameIsFirstRead() {
        byte[] bytes = """
                {"packages": {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0", "depends": 7},
                              "b-1-0.tar.bz2": {"name": "b", "version": "1", "build": "0"}}}""".getBytes(StandardCharsets.UTF_8);
        LazySubdir lazy = scan(bytes, CH + "/noarch/repodata.json", "noarch");
        assertEquals(1, lazy.recordsNamed("b").size());
        RepodataException e = assertThrows(RepodataException.class, () -> lazy.recordsNamed("a"));
        assertTrue(e.getMessage().contains("'depends' must be a list of strings"), e.getMessage());
        assertTrue(e.getMessage().contains("a-1-0.tar.bz2"), e.getMessage());
    }

    @Test
    void malformedJsonFailsTheScanNamingLineAndColumn() {
        byte[] bytes = "{\"packages\": {\n \"a-1-0.tar.bz2\": {\"name\": \"a\",, }}}".getBytes(StandardCharsets.UTF_8);
        RepodataException e = assertThrows(RepodataException.class, () -> scan(bytes, "x.json", "noarch"));
        assertTrue(e.getMessage().contains("x.json at line 2, column"), e.getMessage());
    }

    @Test
    void concurrentFirstLookupsParseOnceAndAgree(@TempDir Path tmp) throws Exception {
        // a channel directory over the largest real repodata (1.3 MB: memory-mapped by the loader)
        Path sub = Files.createDirectories(tmp.resolve("pytorch/linux-64"));
        Files.copy(
                RepodataParserTest.data("rattler/test-data/channels/pytorch/linux-64/repodata.json"),
                sub.resolve("repodata.json"));
        ChannelConfig cfg = ChannelConfig.defaults().withOffline(true);
        Channel channel = Channel.parse(tmp.resolve("pytorch").toString(), cfg);
        SubdirRepodata eager =
                new RepodataLoader(cfg).loadSubdir(channel, Platform.LINUX_64).orElseThrow();
        RepoIndex index = RepoIndex.load(List.of(channel), Platform.LINUX_64, cfg);
        assertEquals(eager.size(), index.size());
        assertEquals(eager.byName().keySet(), index.names());
        List<String> names = new ArrayList<>(index.names());
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<List<PackageRecord>>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int shift = t;
                results.add(pool.submit(() -> {
                    go.await();
                    List<List<PackageRecord>> seen = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        seen.add(index.recordsNamed(names.get((i + shift) % names.size())));
                    }
                    return seen;
                }));
            }
            go.countDown();
            List<List<PackageRecord>> first = results.get(0).get();
            for (int t = 1; t < threads; t++) {
                List<List<PackageRecord>> other = results.get(t).get();
                for (int i = 0; i < names.size(); i++) {
                    // every thread got the one cached list of each name
                    assertSame(first.get(i), other.get((i - t + names.size()) % names.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> fns = new HashSet<>();
        for (String name : names) {
            List<String> want =
                    eager.byName().get(name).stream().map(LazySubdirTest::full).toList();
            List<PackageRecord> got = index.recordsNamed(name);
            assertEquals(want, got.stream().map(LazySubdirTest::full).toList(), name);
            got.forEach(r -> fns.add(r.fn()));
        }
        assertEquals(eager.size(), fns.size());
        assertFalse(index.recordsNamed("not-in-pytorch").iterator().hasNext());
    }
}
