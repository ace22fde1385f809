package io.terrarium.conda.solve;

import static io.terrarium.conda.solve.TestRepo.dists;
import static io.terrarium.conda.solve.TestRepo.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CDCL core and conda's preferences on small hand-built channels. */
class SolverTest {

    @Test
    void picksHighestVersionsAndOrdersDependenciesFirst() {
        TestRepo repo = new TestRepo();
        repo.add("python", "3.8.0");
        repo.add("python", "3.9.1");
        repo.add("zlib", "1.2.13");
        repo.add("numpy", "1.20.0", "python >=3.8", "zlib");
        repo.add("numpy", "1.21.0", "python >=3.9", "zlib");
        SolveResult result = repo.solve("numpy");
        assertEquals("numpy-1.21.0-0 python-3.9.1-0 zlib-1.2.13-0", dists(result));
        List<String> order = result.records().stream().map(PackageRecord::name).toList();
        assertTrue(order.indexOf("python") < order.indexOf("numpy"), order.toString());
        assertTrue(order.indexOf("zlib") < order.indexOf("numpy"), order.toString());
    }

    @Test
    void requestedSpecsRestrictDependencies() {
        TestRepo repo = new TestRepo();
        repo.add("python", "3.8.0");
        repo.add("python", "3.9.1");
        repo.add("numpy", "1.20.0", "python >=3.8");
        repo.add("numpy", "1.21.0", "python >=3.9");
        assertEquals("numpy-1.20.0-0 python-3.8.0-0", dists(repo.solve("numpy", "python 3.8.*")));
    }

    @Test
    void backtracksOutOfAConflictDeepInTheGraph() {
        TestRepo repo = new TestRepo();
        repo.add("d", "1.0");
        repo.add("d", "2.0");
        repo.add("b", "1.0", "d");
        repo.add("b", "2.0", "d 2.*");
        repo.add("c", "1.0", "d 1.*");
        repo.add("a", "1.0", "b", "c");
        SolveResult r = repo.solve("a");
        assertEquals("a-1.0-0 b-1.0-0 c-1.0-0 d-1.0-0", dists(r));
    }

    @Test
    void neverInstallsTwoRecordsOfOneName() {
        TestRepo repo = new TestRepo();
        repo.add("lib", "1.0");
        repo.add("lib", "2.0");
        repo.add("x", "1.0", "lib 1.*");
        repo.add("y", "1.0", "lib 2.*");
        repo.add("y", "0.9", "lib");
        assertEquals("lib-1.0-0 x-1.0-0 y-0.9-0", dists(repo.solve("x", "y")));
    }

    @Test
    void constrainsLimitOnlyPackagesThatAreInstalled() {
        TestRepo repo = new TestRepo();
        repo.add("bar", "1.0");
        repo.add("bar", "2.0");
        repo.add(record("foo", "1.0").constrains(List.of("bar <2")));
        assertEquals("foo-1.0-0", dists(repo.solve("foo")));
        assertEquals("bar-1.0-0 foo-1.0-0", dists(repo.solve("foo", "bar")));
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> repo.solve("foo", "bar >=2"));
        assertEquals(List.of("foo", "bar >=2"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("constrains `bar <2`"), e.getMessage());
    }

    @Test
    void aDependencyThatTracksAFeatureLosesAgainstAnyBuildWithout() {
        TestRepo repo = new TestRepo();
        repo.add(record("blas", "2.0").build("mkl").trackFeatures(List.of("mkl")));
        repo.add(record("blas", "1.0").build("openblas"));
        repo.add(record("numpy", "1.0").depends(List.of("blas")));
        assertEquals("blas-1.0-openblas numpy-1.0-0", dists(repo.solve("numpy")));
        assertEquals("blas-2.0-mkl", dists(repo.solve("blas >=2")));
    }

    @Test
    void aRequestedPackageKeepsItsBestVersionAndEnablesTheFeatureItTracks() {
        // classic conda maximises requested versions before it counts track_features
        TestRepo repo = new TestRepo();
        repo.add(record("blas", "2.0").build("mkl").trackFeatures(List.of("mkl")));
        repo.add(record("blas", "1.0").build("openblas"));
        repo.add(record("fft", "1.0").build("mkl").features(List.of("mkl")));
        repo.add(record("fft", "1.0").build("plain").buildNumber(1));
        assertEquals("blas-2.0-mkl", dists(repo.solve("blas")));
        assertEquals("blas-2.0-mkl fft-1.0-mkl", dists(repo.solve("blas", "fft")));
        assertEquals("blas-1.0-openblas fft-1.0-plain", dists(repo.solve("blas <2", "fft")));
        // within one version the build without the feature still wins
        repo.add(record("blas", "2.0").build("openblas"));
        assertEquals("blas-2.0-openblas fft-1.0-plain", dists(repo.solve("blas", "fft")));
    }

    @Test
    void aRequestedFeatureMakesTheBuildsThatCarryItPreferred() {
        TestRepo repo = new TestRepo();
        repo.add(record("fft", "1.0").build("mkl").features(List.of("mkl")));
        repo.add(record("fft", "1.0").build("plain").buildNumber(1));
        repo.add(record("tool", "1.0").depends(List.of("fft")));
        assertEquals("fft-1.0-plain tool-1.0-0", dists(repo.solve("tool")));
        assertEquals("fft-1.0-mkl tool-1.0-0", dists(repo.solve("tool", "*[track_features=mkl]")));
        assertEquals("fft-1.0-mkl tool-1.0-0", dists(repo.solve("tool", "mkl@")));
    }

    @Test
    void aBuildWithAFeatureNothingEnablesCannotBeInstalled() {
        TestRepo repo = new TestRepo();
        repo.add(record("fft", "1.0").build("mkl").features(List.of("mkl")));
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> repo.solve("fft"));
        assertTrue(e.getMessage().contains("legacy feature `mkl`"), e.getMessage());
        assertTrue(e.getMessage().contains("*[track_features=mkl]"), e.getMessage());
        assertEquals("fft-1.0-mkl", dists(repo.solve("fft", "*[track_features=mkl]")));
    }

    @Test
    void higherBuildNumberThenNewerTimestampWin() {
        TestRepo repo = new TestRepo();
        repo.add(record("z", "1.0").build("h1_0").buildNumber(0).timestamp(3_000));
        repo.add(record("z", "1.0").build("h2_1").buildNumber(1).timestamp(1_000));
        repo.add(record("z", "1.0").build("h3_1").buildNumber(1).timestamp(2_000));
        assertEquals("z-1.0-h3_1", dists(repo.solve("z")));
    }

    @Test
    void strictPriorityUsesOnlyTheFirstChannelThatHasTheName() {
        TestRepo repo = new TestRepo();
        repo.add("foo", "1.0");
        repo.add(record("foo", "2.0").channel(TestRepo.EXTRA));
        repo.add(record("bar", "3.0").channel(TestRepo.EXTRA));
        assertEquals("bar-3.0-0 foo-1.0-0", dists(repo.solve("foo", "bar")));
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> repo.solve("foo >=2"));
        assertTrue(e.getMessage().contains("strict channel priority"), e.getMessage());
    }

    @Test
    void aChannelNamedInTheSpecOverridesStrictPriority() {
        TestRepo repo = new TestRepo();
        repo.add("foo", "1.0");
        repo.add(record("foo", "2.0").channel(TestRepo.EXTRA));
        assertEquals("foo-2.0-0", dists(repo.solve(TestRepo.EXTRA + "::foo")));
    }

    @Test
    void flexiblePriorityPrefersTheFirstChannelButFallsBack() {
        TestRepo repo = new TestRepo();
        repo.add("foo", "1.0");
        repo.add(record("foo", "2.0").channel(TestRepo.EXTRA));
        SolveRequest.Builder flexible = repo.request("foo").channelPriority(ChannelPriority.FLEXIBLE);
        assertEquals("foo-1.0-0", dists(new Solver().solve(flexible.build())));
        SolveRequest.Builder newer = repo.request("foo >=2").channelPriority(ChannelPriority.FLEXIBLE);
        assertEquals("foo-2.0-0", dists(new Solver().solve(newer.build())));
        SolveRequest.Builder disabled = repo.request("foo").channelPriority(ChannelPriority.DISABLED);
        assertEquals("foo-2.0-0", dists(new Solver().solve(disabled.build())));
    }

    @Test
    void lockedRecordsAreKeptWhileCompatible() {
        TestRepo repo = new TestRepo();
        PackageRecord old = repo.add("foo", "1.0");
        repo.add("foo", "2.0");
        repo.add("bar", "1.0", "foo");
        SolveRequest keep = repo.request("bar").locked(List.of(old)).build();
        assertEquals("bar-1.0-0 foo-1.0-0", dists(new Solver().solve(keep)));
        SolveRequest upgrade =
                repo.request("bar", "foo >=2").locked(List.of(old)).build();
        assertEquals("bar-1.0-0 foo-2.0-0", dists(new Solver().solve(upgrade)));
    }

    @Test
    void pinsAreHardConstraints() {
        TestRepo repo = new TestRepo();
        repo.add("foo", "1.5");
        repo.add("foo", "2.0");
        SolveRequest pinned =
                repo.request("foo").pinned(List.of(MatchSpec.parse("foo 1.*"))).build();
        assertEquals("foo-1.5-0", dists(new Solver().solve(pinned)));
        SolveRequest clash = repo.request("foo >=2")
                .pinned(List.of(MatchSpec.parse("foo 1.*")))
                .build();
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> new Solver().solve(clash));
        assertTrue(e.getMessage().contains("pin `foo 1.*`"), e.getMessage());
    }

    @Test
    void virtualPackagesSatisfyDependenciesButAreNotInstalled() {
        TestRepo repo = new TestRepo();
        repo.add("app", "2.0", "__glibc >=2.28");
        repo.add("app", "1.0", "__glibc >=2.17");
        SolveRequest modern = repo.request("app")
                .virtualPackages(List.of(TestRepo.virtual("__glibc", "2.31")))
                .build();
        assertEquals("app-2.0-0", dists(new Solver().solve(modern)));
        SolveRequest old = repo.request("app")
                .virtualPackages(List.of(TestRepo.virtual("__glibc", "2.17")))
                .build();
        assertEquals("app-1.0-0", dists(new Solver().solve(old)));
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> repo.solve("app"));
        assertTrue(e.getMessage().contains("virtual package"), e.getMessage());
        assertTrue(e.getMessage().contains("CONDA_OVERRIDE_GLIBC"), e.getMessage());
    }

    @Test
    void excludeNewerDropsRecentBuilds() {
        TestRepo repo = new TestRepo();
        repo.add(record("foo", "1.0").timestamp(1_600_000_000_000L));
        repo.add(record("foo", "2.0").timestamp(1_700_000_000_000L));
        SolveRequest r = repo.request("foo")
                .excludeNewer(Instant.ofEpochMilli(1_650_000_000_000L))
                .build();
        assertEquals("foo-1.0-0", dists(new Solver().solve(r)));
    }

    @Test
    void explainsConflictingRequestsThroughTheirDependencyChain() {
        TestRepo repo = new TestRepo();
        repo.add("python", "3.6.15");
        repo.add("python", "3.9.1");
        repo.add("foo", "1.0", "python >=3.8");
        repo.add("unrelated", "1.0");
        UnsatisfiableException e =
                assertThrows(UnsatisfiableException.class, () -> repo.solve("unrelated", "python 3.6.*", "foo"));
        assertEquals(List.of("python 3.6.*", "foo"), e.conflictingSpecs());
        assertTrue(
                e.getMessage().startsWith("cannot install both `python 3.6.*` and `foo` (requested):"), e.getMessage());
        assertTrue(
                e.problems()
                        .contains(
                                "`python 3.6.*` (requested) conflicts with `foo` (requested) -> foo-1.0-0 requires `python >=3.8`"),
                e.problems().toString());
    }

    @Test
    void explainsMissingDependencies() {
        TestRepo repo = new TestRepo();
        repo.add("bar", "1.0");
        repo.add("foo", "1.0", "bar >=2");
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> repo.solve("foo"));
        assertEquals(List.of("foo"), e.conflictingSpecs());
        assertTrue(
                e.problems()
                        .contains("nothing provides `bar >=2` needed by foo-1.0-0 (available versions of bar: 1.0)"),
                e.problems().toString());
        UnsatisfiableException missing = assertThrows(UnsatisfiableException.class, () -> repo.solve("nope"));
        assertTrue(
                missing.getMessage().contains("nothing provides `nope` (requested): no package named `nope`"),
                missing.getMessage());
    }

    @Test
    void learnsItsWayThroughAPigeonholeProblem() {
        // five holes, six pigeons: every assignment fails, the solver must prove it rather than loop
        TestRepo repo = new TestRepo();
        List<String> pigeons = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            for (int h = 1; h <= 5; h++) {
                repo.add(record("hole" + h, String.valueOf(p)));
            }
            pigeons.add("pigeon" + p);
            repo.add(record("pigeon" + p, "1").depends(List.of("seat" + p)));
            for (int h = 1; h <= 5; h++) {
                repo.add(record("seat" + p, String.valueOf(h)).depends(List.of("hole" + h + " ==" + p)));
            }
        }
        UnsatisfiableException e =
                assertThrows(UnsatisfiableException.class, () -> repo.solve(pigeons.toArray(String[]::new)));
        assertTrue(e.conflictingSpecs().size() == 6, e.conflictingSpecs().toString());
    }

    @Test
    void timesOutWithAClearMessage() {
        TestRepo repo = new TestRepo();
        repo.add("foo", "1.0");
        SolveRequest r = repo.request("foo").timeout(Duration.ofNanos(1)).build();
        SolverTimeoutException e = assertThrows(SolverTimeoutException.class, () -> new Solver().solve(r));
        assertTrue(e.getMessage().startsWith("solver gave up after"), e.getMessage());
    }

    @Test
    /** What the search learns about one build holds for its siblings only while no spec tells them apart. */
    void aSpecThatTellsBuildsApartKeepsThemApart() {
        TestRepo repo = new TestRepo();
        for (int i = 0; i < 10; i++) {
            repo.add("lib", "2.0." + i);
        }
        repo.add("a", "1.0", "lib", "b");
        repo.add("b", "1.0", "lib 2.0.5");
        SolveResult r = repo.solve("a");
        assertEquals("a-1.0-0 b-1.0-0 lib-2.0.5-0", dists(r));
        repo.add("c", "1.0", "lib >=2.0.3,<2.0.5");
        repo.add("d", "1.0", "lib", "c", "e");
        repo.add("e", "1.0", "lib !=2.0.4");
        assertEquals("c-1.0-0 d-1.0-0 e-1.0-0 lib-2.0.3-0", dists(repo.solve("d")));
    }
}
