package io.terrarium.conda.solve;

import static io.terrarium.conda.solve.SuiteSupport.assertDists;
import static io.terrarium.conda.solve.SuiteSupport.solve;
import static io.terrarium.conda.solve.SuiteSupport.unsat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rattler's solver tests on its dummy channel ({@code crates/rattler_solve/tests/backends/main.rs}:
 * test_solve_with_error, test_solve_dummy_repo_*, test_virtual_package_constrains, test_solve_locked, test_issue_717,
 * test_exclude_newer_error, test_panic_on_constraint) with rattler's expected outcomes, on
 * {@code rattler/test-data/channels/dummy} (repodata v2 with {@code base_url}, {@code .conda} twins, string and list
 * {@code track_features}). Strict channel priority, no virtual packages unless a test gives them, as rattler's
 * {@code SimpleSolveTask}.
 */
class RattlerSolverSuiteTest {
    @TempDir
    static Path work;

    static RepoIndex dummy;

    @BeforeAll
    static void loadDummyChannel() throws IOException {
        Path source = Path.of(System.getProperty("terrarium.testdata"), "rattler", "test-data", "channels", "dummy");
        assertTrue(Files.isRegularFile(source.resolve("linux-64").resolve("repodata.json")), source.toString());
        dummy = FixtureChannel.load(source, work.resolve("cache"));
    }

    private static SolveRequest.Builder request(String... specs) {
        SolveRequest.Builder b = SolveRequest.builder(dummy);
        for (String s : specs) {
            b.spec(MatchSpec.parse(s));
        }
        return b;
    }

    private static PackageRecord virtual(String name, String version) {
        return VirtualPackages.record(name, version, "0", Platform.LINUX_64);
    }

    @Test
    void test_solve_with_error() {
        UnsatisfiableException e = unsat(request("foobar >=2", "bors >= 2"));
        assertEquals(List.of("foobar >=2", "bors >= 2"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("bors <2.0"), e.getMessage());
    }

    @Test
    void test_solve_dummy_repo_install_non_existent() {
        UnsatisfiableException e = unsat(request("asdfasdf", "foo<4"));
        assertEquals(List.of("asdfasdf"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("asdfasdf"), e.getMessage());
    }

    @Test
    void test_solve_dummy_repo_missing_virtual_package() {
        UnsatisfiableException e = unsat(request("bar"));
        assertTrue(e.getMessage().contains("__unix"), e.getMessage());
    }

    @Test
    void test_solve_dummy_repo_with_virtual_package() {
        SolveResult r = solve(request("bar").virtualPackages(List.of(virtual("__unix", "0"))));
        assertEquals(1, r.records().size());
        assertEquals("bar", r.records().get(0).name());
        assertEquals("1.2.3", r.records().get(0).versionText());
    }

    @Test
    void test_solve_dummy_repo_install_new() {
        SolveResult r = solve(request("foo<4"));
        assertEquals(1, r.records().size());
        PackageRecord foo = r.records().get(0);
        assertEquals("foo-3.0.2-py36h1af98f8_3.conda", foo.fn());
        assertTrue(foo.url().endsWith("/linux-64/foo-3.0.2-py36h1af98f8_3.conda"), foo.url());
        assertEquals("linux-64", foo.subdir());
        assertEquals("3.0.2", foo.versionText());
        assertEquals("py36h1af98f8_3", foo.build());
        assertEquals(3, foo.buildNumber());
        assertEquals("67a63bec3fd3205170eaad532d487595b8aaceb9814d13c6858d7bac3ef24cd4", foo.sha256());
        assertEquals("fb731d9290f0bcbf3a054665f33ec94f", foo.md5());
    }

    @Test
    void test_solve_dummy_repo_prefers_conda_package() {
        SolveResult r = solve(request("foo=3.0.2=py36h1af98f8_1"));
        assertEquals(1, r.records().size());
        assertEquals("foo-3.0.2-py36h1af98f8_1.conda", r.records().get(0).fn());
    }

    @Test
    void test_virtual_package_constrains() {
        // rattler: cuda-version 12.5 would constrain __cuda >=12.1, which conflicts with the installed __cuda 1
        UnsatisfiableException e = unsat(request("cuda-version").virtualPackages(List.of(virtual("__cuda", "1"))));
        assertEquals(List.of("cuda-version"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("cuda-version"), e.getMessage());
        // and with a new enough driver it installs
        assertDists(
                List.of("cuda-version-12.5-hd4f0392_3"),
                solve(request("cuda-version").virtualPackages(List.of(virtual("__cuda", "12.4")))));
        // without any __cuda the constraint has nothing to bind
        assertDists(List.of("cuda-version-12.5-hd4f0392_3"), solve(request("cuda-version")));
    }

    @Test
    void test_solve_locked() {
        // rattler pins the installed bors 1.0 and asks for bors >=2: unsolvable
        UnsatisfiableException e = unsat(request("bors >=2").pinned(List.of(MatchSpec.parse("bors ==1.0 bla_1"))));
        assertTrue(e.getMessage().contains("bors"), e.getMessage());
    }

    @Test
    void test_issue_717() {
        // rattler rejects the constraint 'ray[default,data] >=2.9.0,<3.0.0' (not a package name) and so issue_717.
        // conda's MatchSpec ignores bracket content that is not key=value (pip extras), so for conda, whose
        // semantics this engine follows, the constraint is on ray >=2.9.0,<3.0.0 and issue_717 installs.
        assertDists(List.of("issue_717-2.1-issue_717"), solve(request("issue_717")));
    }

    @Test
    void test_exclude_newer_error() {
        UnsatisfiableException e = unsat(request("foo>=4").excludeNewer(Instant.parse("2021-12-12T12:12:12Z")));
        assertEquals(List.of("foo>=4"), e.conflictingSpecs());
        // and without the cut-off foo 4.0.2 is there
        assertDists(List.of("foo-4.0.2-py36h1af98f8_2"), solve(request("foo>=4")));
    }

    @Test
    void excludeNewerKeepsOlderRecords() {
        // rattler's solver_case exclude_newer: bors 2.x are from 2024, so a 2021 cut-off leaves bors 1.2.1
        assertDists(
                List.of("bors-1.2.1-bla_1"),
                solve(request("bors").excludeNewer(Instant.parse("2021-12-12T12:12:12Z"))));
        assertDists(List.of("bors-2.1-bla_1"), solve(request("bors")));
    }

    @Test
    void test_panic_on_constraint() {
        // xbar needs xfoo >=2; xfoo is pinned to the installed 1 (rattler: constraint xfoo==1 + pinned xfoo 1)
        UnsatisfiableException e = unsat(request("xbar").pinned(List.of(MatchSpec.parse("xfoo==1"))));
        assertTrue(e.getMessage().contains("xfoo"), e.getMessage());
    }

    @Test
    void constrainsOnAnInstalledDependencyHold() {
        // foo 3.0.2 build 3 constrains bors <2.0: with bors requested, the solver keeps foo's best build and bors 1.x
        SolveResult r = solve(request("foo<4", "bors"));
        assertTrue(
                r.record("bors").versionText().startsWith("1.")
                        || !r.record("foo").build().endsWith("_3"),
                SuiteSupport.dists(r).toString());
        assertDists(List.of("bors-1.2.1-bla_1", "foobar-2.1-bla_1"), solve(request("foobar")));
    }

    @Test
    void trackFeaturesGivenAsStringCommaListOrListAreNormalised() {
        // track-features 1: "foo"; 2: "foo,bar"; 3: ["foo", "bar"]; 4: ["   foo   ", "  bar  "]
        for (PackageRecord r : dummy.recordsNamed("track-features")) {
            List<String> expected = r.versionText().equals("1") ? List.of("foo") : List.of("foo", "bar");
            assertEquals(expected, r.trackFeatures(), r.dist());
        }
        assertEquals(4, dummy.recordsNamed("track-features").size());
        // rattler takes track-features-1 (fewest track_features) here; classic conda, which we follow, maximises the
        // version of a requested package before it counts features (a dependency's track_features still weigh first,
        // see SolverTest)
        assertDists(List.of("track-features-4-xxx"), solve(request("track-features")));
        assertDists(List.of("track-features-4-xxx"), solve(request("track-features >=4")));
    }

    @Test
    void condaOnlyPackagesAndBaseUrlResolve() {
        SolveResult r = solve(request("conda-only"));
        assertEquals("conda-only-0.1.0-foobar_0.conda", r.records().get(0).fn());
        assertTrue(
                r.records().get(0).url().endsWith("/linux-64/conda-only-0.1.0-foobar_0.conda"),
                r.records().get(0).url());
    }
}
