package io.terrarium.conda.pip.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.pip.fixture.LoopbackIndex;
import io.terrarium.conda.pip.fixture.WheelBuilder;
import io.terrarium.conda.pip.index.HttpSource;
import io.terrarium.conda.pip.index.IndexConfig;
import io.terrarium.conda.pip.index.SimpleIndexClient;
import io.terrarium.conda.pip.requirement.Requirement;
import io.terrarium.conda.pip.wheel.WheelCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Resolves against a loopback index, once as PEP 691 JSON with PEP 658 metadata and once as PEP 503 HTML only. */
class PipResolverTest {
    private static final PipTarget LINUX_311 = PipTarget.of("3.11.4", "linux-64");

    @TempDir
    static Path shared;

    static LoopbackIndex index;

    @TempDir
    Path cache;

    @BeforeAll
    static void publish() throws Exception {
        Path w = shared.resolve("wheels");
        index = new LoopbackIndex();
        index.add("pkg-a", WheelBuilder.wheel("pkg-a", "1.1").requiresDist("pkg-c>=1"), w);
        index.add(
                "pkg-a",
                WheelBuilder.wheel("pkg-a", "1.3")
                        .providesExtra("extra")
                        .requiresDist("pkg-c>=1")
                        .requiresDist("pkg-d; extra == \"extra\"")
                        .requiresDist("pkg-win; sys_platform == 'win32'"),
                w);
        index.add("pkg-b", WheelBuilder.wheel("pkg-b", "1.0").requiresPython(">=3.8"), w);
        index.add("pkg-b", WheelBuilder.wheel("pkg-b", "2.0").requiresPython(">=3.12"), w);
        index.add("pkg-c", WheelBuilder.wheel("pkg-c", "1.0"), w);
        index.add("pkg-c", WheelBuilder.wheel("pkg-c", "1.5"), w);
        index.add("pkg-d", WheelBuilder.wheel("pkg-d", "0.1"), w);
        index.add("pkg-win", WheelBuilder.wheel("pkg-win", "1.0"), w);
        index.add("pkg-e", WheelBuilder.wheel("pkg-e", "1.3").requiresDist("pkg-f>=2"), w);
        index.add("pkg-f", WheelBuilder.wheel("pkg-f", "1.0"), w);
        index.add("pkg-f", WheelBuilder.wheel("pkg-f", "1.1"), w);
        index.add("pkg-g", WheelBuilder.wheel("pkg-g", "1.0").requiresDist("pkg-f<2"), w);
        index.add("pkg-g", WheelBuilder.wheel("pkg-g", "2.0").requiresDist("pkg-f>=2"), w);
        index.addFile("pkg-s", "pkg-s-1.0.tar.gz", "sdist".getBytes(StandardCharsets.UTF_8));
        index.add("pkg-t", WheelBuilder.wheel("pkg-t", "1.0").requiresDist("pkg-s"), w);
        index.add("pkg-h", WheelBuilder.wheel("pkg-h", "1.0").requiresDist("pkg-a"), w);
        index.add("pkg-k", WheelBuilder.wheel("pkg-k", "1.0").requiresDist("PKG_A[Extra]"), w);
        index.add("pkg-q", WheelBuilder.wheel("pkg-q", "1.0").requiresDist("pkg-c<1.2"), w);
        index.add("pkg-r", WheelBuilder.wheel("pkg-r", "1.0").requiresDist("pkg-c>=1.5"), w);
        index.add("pkg-z", WheelBuilder.wheel("pkg-z", "1.0"), w);
        Path liar = WheelBuilder.wheel("pkg-z", "1.1").writeTo(w.resolve("liar"));
        index.addFile("pkg-z", "pkg_z-2.0-py3-none-any.whl", Files.readAllBytes(liar));
        index.add("pkg-y", WheelBuilder.wheel("pkg-y", "1.0"), w);
        index.add("pkg-y", WheelBuilder.wheel("pkg-y", "2.0"), w, "broken build");
        index.add("pkg-p", WheelBuilder.wheel("pkg-p", "1.0"), w);
        index.add("pkg-p", WheelBuilder.wheel("pkg-p", "2.0b1"), w);
        index.add("pkg-n", WheelBuilder.wheel("pkg-n", "1.0").tag("cp311-cp311-manylinux_2_17_x86_64"), w);
        index.add("pkg-n", WheelBuilder.wheel("pkg-n", "1.0").tag("cp311-cp311-win_amd64"), w);
        index.add("pkg-n", WheelBuilder.wheel("pkg-n", "1.0").tag("py3-none-any"), w);
        index.add("pkg-n", WheelBuilder.wheel("pkg-n", "2.0").tag("cp312-cp312-manylinux_2_17_x86_64"), w);
    }

    @AfterAll
    static void stop() {
        index.close();
    }

    private PipResolver resolver(String kind) {
        String url = kind.equals("json") ? index.jsonIndexUrl() : index.htmlIndexUrl();
        HttpSource http = new HttpSource(new IndexConfig(url, List.of(), Set.of(), cache.resolve("http")));
        return new PipResolver(
                new PackageSource(new SimpleIndexClient(http), new WheelCache(cache.resolve("wheels"), http)));
    }

    private static List<Requirement> reqs(String... lines) {
        return Arrays.stream(lines).map(Requirement::parse).toList();
    }

    private static Map<String, String> pins(PipResolution r) {
        Map<String, String> m = new TreeMap<>();
        r.wheels().forEach(w -> m.put(w.name().normalized(), w.version().toString()));
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "html"})
    void followsExtrasAndMarkers(String kind) {
        PipResolution r = resolver(kind)
                .resolve(
                        reqs("pkg-a[extra]>=1.2", "pkg-b; python_version >= \"3.8\"", "pkg-y; python_version < \"3\""),
                        LINUX_311,
                        List.of(),
                        null);
        assertEquals(Map.of("pkg-a", "1.3", "pkg-b", "1.0", "pkg-c", "1.5", "pkg-d", "0.1"), pins(r));
        PinnedWheel a = r.wheels().get(0);
        assertEquals("pkg_a-1.3-py3-none-any.whl", a.filename());
        assertTrue(a.url().endsWith("/files/pkg_a-1.3-py3-none-any.whl"), a.url());
        assertEquals(64, a.sha256().length());
        assertTrue(a.requested());
        assertEquals(Map.of("pkg-c", ">=1", "pkg-d", ""), a.dependencies());
        assertFalse(r.wheels().stream()
                .filter(w -> w.name().normalized().equals("pkg-c"))
                .findFirst()
                .get()
                .requested());
        assertEquals(
                Map.of("pkg-a", "1.3", "pkg-c", "1.5", "pkg-win", "1.0"),
                pins(resolver(kind).resolve(reqs("pkg-a"), PipTarget.of("3.12", "win-64"), List.of(), null)));
        if (kind.equals("html")) {
            try (var s = Files.walk(cache.resolve("wheels"))) {
                assertTrue(
                        s.anyMatch(p -> p.getFileName().toString().equals("pkg_a-1.3-py3-none-any.whl")),
                        "without PEP 658 the metadata comes from the wheel, which lands in the wheel cache");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "html"})
    void addsTheDependenciesOfAnExtraRequestedAfterThePackageWasChosen(String kind) {
        assertEquals(
                Map.of("pkg-h", "1.0", "pkg-k", "1.0", "pkg-a", "1.3", "pkg-c", "1.5", "pkg-d", "0.1"),
                pins(resolver(kind).resolve(reqs("pkg-h", "pkg-k"), LINUX_311, List.of(), null)));
        assertEquals(
                Map.of("pkg-h", "1.0", "pkg-a", "1.3", "pkg-c", "1.5"),
                pins(resolver(kind).resolve(reqs("pkg-h"), LINUX_311, List.of(), null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"html"})
    void readsMetadataWithRangesWhenTheServerServesThem(String kind) throws Exception {
        index.supportRanges(true);
        try {
            PipResolution r = resolver(kind).resolve(reqs("pkg-g"), LINUX_311, List.of(), null);
            assertEquals(Map.of("pkg-g", "1.0", "pkg-f", "1.1"), pins(r));
            try (var s = Files.walk(cache)) {
                assertFalse(
                        s.anyMatch(p -> p.getFileName().toString().endsWith(".whl")),
                        "no wheel was downloaded to read metadata");
            }
        } finally {
            index.supportRanges(false);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "html"})
    void respectsRequiresPython(String kind) {
        assertEquals(
                "1.0",
                pins(resolver(kind).resolve(reqs("pkg-b"), LINUX_311, List.of(), null))
                        .get("pkg-b"));
        assertEquals(
                "2.0",
                pins(resolver(kind).resolve(reqs("pkg-b"), PipTarget.of("3.12.0", "linux-64"), List.of(), null))
                        .get("pkg-b"));
        PipResolveException e = assertThrows(
                PipResolveException.class, () -> resolver(kind).resolve(reqs("pkg-b>=2"), LINUX_311, List.of(), null));
        assertTrue(
                e.getMessage()
                        .contains("you asked for pkg-b>=2, but only pkg-b 1.0 is available for python 3.11"
                                + " on linux-64 (pkg-b 2.0 requires python >=3.12)"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "html"})
    void explainsWhoNeedsWhat(String kind) {
        PipResolveException e = assertThrows(
                PipResolveException.class, () -> resolver(kind).resolve(reqs("pkg-e"), LINUX_311, List.of(), null));
        assertTrue(
                e.getMessage()
                        .contains("pkg-e 1.3 needs pkg-f>=2, but only pkg-f 1.0, 1.1 are available for "
                                + "python 3.11 on linux-64"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot resolve the pip requirements for python 3.11 on linux-64"));
        PipResolveException none = assertThrows(
                PipResolveException.class,
                () -> resolver(kind).resolve(reqs("no-such-thing"), LINUX_311, List.of(), null));
        assertTrue(
                none.getMessage()
                        .contains("you asked for no-such-thing, but no index has a wheel of " + "no-such-thing"),
                none.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "html"})
    void skipsAWheelWhoseMetadataNamesAnotherVersion(String kind) {
        assertEquals(Map.of("pkg-z", "1.0"), pins(resolver(kind).resolve(reqs("pkg-z"), LINUX_311, List.of(), null)));
        PipResolveException e = assertThrows(
                PipResolveException.class, () -> resolver(kind).resolve(reqs("pkg-z>=2"), LINUX_311, List.of(), null));
        assertTrue(
                e.getMessage().contains("pkg_z-2.0-py3-none-any.whl was skipped: its metadata says pkg-z 1.1"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "html"})
    void namesEveryPackageInAConflict(String kind) {
        PipResolveException e = assertThrows(
                PipResolveException.class,
                () -> resolver(kind).resolve(reqs("pkg-q", "pkg-r"), LINUX_311, List.of(), null));
        assertTrue(
                e.getMessage()
                        .contains("pkg-q 1.0 needs pkg-c<1.2 and pkg-r 1.0 needs pkg-c>=1.5, but only "
                                + "pkg-c 1.0, 1.5 are available for python 3.11 on linux-64"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "html"})
    void backtracksToAnOlderVersion(String kind) {
        assertEquals(
                Map.of("pkg-g", "1.0", "pkg-f", "1.1"),
                pins(resolver(kind).resolve(reqs("pkg-g"), LINUX_311, List.of(), null)));
        PipResolveException e = assertThrows(
                PipResolveException.class,
                () -> resolver(kind).resolve(reqs("pkg-g", "pkg-f>=1.1,<1.1"), LINUX_311, List.of(), null));
        assertTrue(e.getMessage().contains("pkg-f"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "html"})
    void refusesSourceOnlyPackagesByName(String kind) {
        PipResolveException e = assertThrows(
                PipResolveException.class, () -> resolver(kind).resolve(reqs("pkg-t"), LINUX_311, List.of(), null));
        assertTrue(
                e.getMessage()
                        .contains("pkg-s is available only as a source distribution (pkg-s-1.0.tar.gz); "
                                + "terrarium installs wheels only"),
                e.getMessage());
        assertTrue(e.getMessage().contains("pkg-t 1.0 needs pkg-s"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "html"})
    void letsCondaPackagesSatisfyRequirements(String kind) {
        PipResolution r = resolver(kind)
                .resolve(
                        reqs("pkg-a"),
                        LINUX_311,
                        List.of(CondaProvided.of("PKG_C", "1.2"), CondaProvided.of("python", "3.11.4")),
                        null);
        assertEquals(Map.of("pkg-a", "1.3"), pins(r));
        assertEquals("pkg-c", r.satisfiedByConda().get(0).name().normalized());
        PipResolveException e = assertThrows(
                PipResolveException.class,
                () -> resolver(kind)
                        .resolve(reqs("pkg-a"), LINUX_311, List.of(CondaProvided.of("pkg-c", "0.5")), null));
        assertTrue(e.getMessage().contains("needs pkg-c>=1, but conda installs pkg-c 0.5"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "html"})
    void skipsYankedAndPreReleasesUnlessAskedFor(String kind) {
        assertEquals(
                "1.0",
                pins(resolver(kind).resolve(reqs("pkg-y"), LINUX_311, List.of(), null))
                        .get("pkg-y"));
        assertEquals(
                "2.0",
                pins(resolver(kind).resolve(reqs("pkg-y==2.0"), LINUX_311, List.of(), null))
                        .get("pkg-y"));
        assertEquals(
                "1.0",
                pins(resolver(kind).resolve(reqs("pkg-p"), LINUX_311, List.of(), null))
                        .get("pkg-p"));
        assertEquals(
                "2.0b1",
                pins(resolver(kind).resolve(reqs("pkg-p>=2.0b1"), LINUX_311, List.of(), null))
                        .get("pkg-p"));
        assertEquals(
                "2.0b1",
                pins(resolver(kind).resolve(reqs("pkg-p>1"), LINUX_311, List.of(), null))
                        .get("pkg-p"),
                "only pre-releases match, so they are taken");
        PipResolver pre = new PipResolver(
                new PackageSource(
                        new SimpleIndexClient(
                                new HttpSource(new IndexConfig(index.jsonIndexUrl(), List.of(), Set.of(), null))),
                        new WheelCache(cache.resolve("w"), null)),
                true);
        assertEquals(
                "2.0b1",
                pins(pre.resolve(reqs("pkg-p"), LINUX_311, List.of(), null)).get("pkg-p"),
                "--pre admits pre-releases everywhere");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "html"})
    void picksTheBestTaggedWheelForThePlatform(String kind) {
        assertEquals(
                "pkg_n-1.0-cp311-cp311-manylinux_2_17_x86_64.whl",
                resolver(kind)
                        .resolve(reqs("pkg-n"), LINUX_311, List.of(), null)
                        .wheels()
                        .get(0)
                        .filename());
        assertEquals(
                "pkg_n-1.0-cp311-cp311-win_amd64.whl",
                resolver(kind)
                        .resolve(reqs("pkg-n"), PipTarget.of("3.11", "win-64"), List.of(), null)
                        .wheels()
                        .get(0)
                        .filename());
        assertEquals(
                "pkg_n-1.0-py3-none-any.whl",
                resolver(kind)
                        .resolve(reqs("pkg-n"), PipTarget.of("3.11", "osx-arm64"), List.of(), null)
                        .wheels()
                        .get(0)
                        .filename());
        assertEquals(
                "pkg_n-2.0-cp312-cp312-manylinux_2_17_x86_64.whl",
                resolver(kind)
                        .resolve(reqs("pkg-n"), PipTarget.of("3.12", "linux-64"), List.of(), null)
                        .wheels()
                        .get(0)
                        .filename());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json"})
    void stopsAtTheDeadline(String kind) {
        assertThrows(
                PipResolveTimeoutException.class,
                () -> resolver(kind)
                        .resolve(
                                reqs("pkg-a"),
                                LINUX_311,
                                List.of(),
                                Instant.now().minusSeconds(1)));
        PipResolveException url = assertThrows(
                PipResolveException.class,
                () -> resolver(kind)
                        .resolve(reqs("x @ https://u:secret@h/x-1.0-py3-none-any.whl"), LINUX_311, List.of(), null));
        assertTrue(url.getMessage().contains("direct URL") && !url.getMessage().contains("secret"), url.getMessage());
    }
}
