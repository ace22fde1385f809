package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.testing.CondaTestIndex;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Solves on conda's own test channels (its index*.json files), with the answers conda's test suite expects. */
class CondaChannelSolveTest {

    private static SolveResult solve(RepoIndex index, String... specs) {
        SolveRequest.Builder b = SolveRequest.builder(index);
        for (String s : specs) {
            b.spec(MatchSpec.parse(s));
        }
        return new Solver().solve(b.build());
    }

    private static List<String> dists(SolveResult r) {
        return r.records().stream().map(PackageRecord::dist).toList();
    }

    @Test
    void numpyOnChannelOnePicksPython33AsCondaDoes() {
        // conda tests/core/test_solve.py::test_solve_1
        SolveResult r = solve(CondaTestIndex.index("channel-1"), "numpy");
        assertEquals(
                List.of(
                        "openssl-1.0.1c-0",
                        "readline-6.2-0",
                        "sqlite-3.7.13-0",
                        "system-5.8-1",
                        "tk-8.5.13-0",
                        "zlib-1.2.7-0",
                        "python-3.3.2-0",
                        "numpy-1.7.1-py33_0"),
                dists(r));
    }

    @Test
    void requestedPythonSteersTheNumpyVariant() {
        // the second half of test_solve_1, as a fresh solve
        SolveResult r = solve(CondaTestIndex.index("channel-1"), "numpy", "python=2");
        assertTrue(dists(r).contains("python-2.7.5-0"), dists(r).toString());
        assertTrue(dists(r).contains("numpy-1.7.1-py27_0"), dists(r).toString());
    }

    @Test
    void scientificStackOnChannelFourHonoursThePythonPin() {
        SolveResult r =
                solve(CondaTestIndex.index("channel-4"), "python=3.6", "numpy", "pandas", "scipy", "matplotlib");
        assertTrue(
                r.record("python").versionText().startsWith("3.6."),
                r.record("python").dist());
        for (String name : List.of("numpy", "pandas", "scipy", "matplotlib")) {
            assertTrue(r.record(name).build().startsWith("py36"), r.record(name).dist());
        }
        assertDependenciesFirst(r);
    }

    @Test
    void everyDependencyOfTheSolutionIsMetByIt() {
        SolveResult r = solve(CondaTestIndex.index("channel-4"), "jupyter", "dask", "sqlalchemy");
        for (PackageRecord rec : r.records()) {
            for (String dep : rec.depends()) {
                MatchSpec spec = MatchSpec.parse(dep);
                PackageRecord chosen = r.record(spec.name());
                assertTrue(chosen != null && spec.matches(chosen), rec.dist() + " requires " + dep + ", got " + chosen);
            }
            for (String con : rec.constrains()) {
                MatchSpec spec = MatchSpec.parse(con);
                PackageRecord chosen = r.record(spec.name());
                assertTrue(
                        chosen == null || spec.matches(chosen), rec.dist() + " constrains " + con + ", got " + chosen);
            }
        }
        assertDependenciesFirst(r);
    }

    @Test
    void missingVersionIsReportedWithWhatExists() {
        UnsatisfiableException e = assertThrows(
                UnsatisfiableException.class,
                () -> solve(CondaTestIndex.index("channel-1"), "numpy 1.5.*", "python 3.3.*"));
        assertEquals(List.of("numpy 1.5.*", "python 3.3.*"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("numpy 1.5.*"), e.getMessage());
    }

    private static void assertDependenciesFirst(SolveResult r) {
        List<String> names = r.records().stream().map(PackageRecord::name).toList();
        for (PackageRecord rec : r.records()) {
            for (String dep : rec.depends()) {
                String name = MatchSpec.parse(dep).name();
                if (name.equals(rec.name()) || !names.contains(name)) {
                    continue;
                }
                boolean cycle = r.record(name).depends().stream()
                        .anyMatch(d -> MatchSpec.parse(d).name().equals(rec.name()));
                if (!cycle) {
                    assertTrue(names.indexOf(name) < names.indexOf(rec.name()), name + " must precede " + rec.name());
                }
            }
        }
    }
}
