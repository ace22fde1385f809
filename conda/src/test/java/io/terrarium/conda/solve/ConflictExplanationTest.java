package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explanations of unsatisfiable requests a user can act on: conflicts that hinge on a virtual package (what the target
 * has, which chain needs what, how to override it) and conflicts that no pair of constraints explains (three or more
 * on one package, or ones that span packages), on a fixture channel built with the testing helpers and on rattler's
 * dummy channel.
 */
class ConflictExplanationTest {
    @TempDir
    static Path work;

    static RepoIndex fixture;
    static RepoIndex rattlerDummy;

    @BeforeAll
    static void buildChannels() throws IOException {
        FixtureChannel channel = FixtureChannel.at(work.resolve("explain"))
                // pytorch 2.1 -> cuda-version >=12 -> __cuda >=12, as conda-forge's CUDA builds chain it
                .add(PackageFixture.of("pytorch", "2.1.0", "cuda120_0").depends("cuda-version >=12,<13", "libc 1.*"))
                .add(PackageFixture.of("cuda-version", "12.0", "0").depends("__cuda >=12"))
                .add(PackageFixture.of("cuda-version", "12.2", "0").depends("__cuda >=12"))
                .add(PackageFixture.of("modern-app", "1.0", "0").depends("__glibc >=2.28"))
                .add(PackageFixture.of("mac-app", "1.0", "0").depends("__osx >=11"))
                .add(PackageFixture.of("avx-kernels", "1.0", "0").depends("__archspec 1 x86_64_v4"))
                // each pair of these three needs on libx is met by some libx, all three by none
                .add(PackageFixture.of("alpha", "1.0", "0").depends("libx <3"))
                .add(PackageFixture.of("beta", "1.0", "0").depends("libx >1"))
                .add(PackageFixture.of("gamma", "1.0", "0").depends("libx !=2"))
                .add(PackageFixture.of("libx", "1.0", "0"))
                .add(PackageFixture.of("libx", "2.0", "0"))
                .add(PackageFixture.of("libx", "3.0", "0"))
                // app needs libc 1 and a plugin (deep-app through a frontend); every plugin needs another libc
                .add(PackageFixture.of("app", "1.0", "0").depends("libc 1.*", "plugin"))
                .add(PackageFixture.of("deep-app", "1.0", "0").depends("libc 1.*", "frontend"))
                .add(PackageFixture.of("frontend", "1.0", "0").depends("plugin"))
                .add(PackageFixture.of("plugin", "1.0", "0").depends("libc 2.*"))
                .add(PackageFixture.of("plugin", "2.0", "0").depends("libc 3.*"))
                .add(PackageFixture.of("libc", "1.0", "0"))
                .add(PackageFixture.of("libc", "2.0", "0"))
                .add(PackageFixture.of("libc", "3.0", "0"))
                .index();
        fixture = FixtureChannel.load(channel.dir(), work.resolve("cache"));
        Path dummy = Path.of(System.getProperty("terrarium.testdata"), "rattler", "test-data", "channels", "dummy");
        rattlerDummy = FixtureChannel.load(dummy, work.resolve("cache"));
    }

    /** The explanation of an unsatisfiable solve on linux-64 whose host reports {@code host} (no env overrides). */
    private static UnsatisfiableException unsat(RepoIndex index, Map<String, String> host, String... specs) {
        SolveRequest.Builder b =
                SolveRequest.builder(index).virtualPackages(VirtualPackages.detect(Platform.LINUX_64, host, Map.of()));
        for (String s : specs) {
            b.spec(MatchSpec.parse(s));
        }
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> new Solver().solve(b.build()));
        System.out.println(e.getMessage());
        return e;
    }

    private static void assertContains(String text, String... fragments) {
        for (String f : fragments) {
            assertTrue(text.contains(f), "missing «" + f + "» in:\n" + text);
        }
    }

    @Test
    void noCudaDriverNamesCudaTheChainAndTheOverride() {
        UnsatisfiableException e = unsat(fixture, Map.of(), "pytorch 2.1");
        assertEquals(List.of("pytorch 2.1"), e.conflictingSpecs());
        assertEquals(1, e.problems().size(), e.problems().toString());
        String p = e.problems().get(0);
        assertTrue(
                p.startsWith("`pytorch 2.1` (requested) -> pytorch-2.1.0-cuda120_0 requires `cuda-version >=12,<13`"
                        + " -> cuda-version-12.2-0 requires `__cuda >=12`, but the target system provides no virtual package"
                        + " `__cuda` (no CUDA driver detected)"),
                p);
        assertContains(p, "--virtual-package __cuda=12", "CONDA_OVERRIDE_CUDA=12", "(and 1 similar chain)");
    }

    @Test
    void tooOldCudaDriverSaysWhatTheHostHas() {
        String p = String.join(
                "\n", unsat(fixture, Map.of("cuda", "11.8"), "pytorch 2.1").problems());
        assertContains(
                p,
                "cuda-version-12.2-0 requires `__cuda >=12`",
                "the target system has `__cuda 11.8` (the CUDA version its driver supports)",
                "declare it with --virtual-package __cuda=12 or CONDA_OVERRIDE_CUDA=12");
        assertFalse(p.contains("nothing provides"), p);
        // the override the hint names makes the same request solve
        SolveRequest declared = SolveRequest.builder(fixture)
                .spec("pytorch 2.1")
                .virtualPackages(
                        VirtualPackages.detect(Platform.LINUX_64, Map.of(), Map.of("CONDA_OVERRIDE_CUDA", "12")))
                .build();
        assertEquals(3, new Solver().solve(declared).records().size());
    }

    @Test
    void oldGlibcNamesTheHostVersionAndTheValueToDeclare() {
        String p = String.join(
                "\n", unsat(fixture, Map.of("glibc", "2.17"), "modern-app").problems());
        assertEquals(
                "`modern-app` (requested) -> modern-app-1.0-0 requires `__glibc >=2.28`, but the target system has"
                        + " `__glibc 2.17` (its glibc version); to solve for a system that has a matching `__glibc`, declare it"
                        + " with --virtual-package __glibc=2.28 or CONDA_OVERRIDE_GLIBC=2.28",
                p);
    }

    @Test
    void aPackageForAnotherSystemPointsAtThePlatform() {
        String p = String.join("\n", unsat(fixture, Map.of(), "mac-app").problems());
        assertContains(
                p,
                "requires `__osx >=11`",
                "provides no virtual package `__osx` (no macOS system declared)",
                "solve for a platform that has it (--platform)",
                "--virtual-package __osx=11",
                "CONDA_OVERRIDE_OSX=11 on a macOS target");
    }

    @Test
    void anArchitectureNeedShowsTheBuildStringToDeclare() {
        String p = String.join("\n", unsat(fixture, Map.of(), "avx-kernels").problems());
        assertContains(
                p,
                "requires `__archspec 1 x86_64_v4`",
                "the target system has `__archspec 1 x86_64`",
                "--virtual-package __archspec=1=x86_64_v4",
                "CONDA_OVERRIDE_ARCHSPEC=x86_64_v4");
    }

    @Test
    void aConstraintOnTheHostsCudaNamesIt() {
        // rattler's test_virtual_package_constrains: cuda-version 12.5 constrains __cuda >=12.1, the host has __cuda 1
        UnsatisfiableException e = unsat(rattlerDummy, Map.of("cuda", "1"), "cuda-version");
        assertEquals(
                List.of(
                        "`cuda-version` (requested) -> cuda-version-12.5-hd4f0392_3 constrains `__cuda >=12.1`,"
                                + " but the target system has `__cuda 1` (the CUDA version its driver supports); to solve for a system"
                                + " that has a matching `__cuda`, declare it with --virtual-package __cuda=12.1 or CONDA_OVERRIDE_CUDA=12.1"),
                e.problems());
    }

    @Test
    void aRequestedVirtualPackageGetsTheSameHint() {
        UnsatisfiableException e = unsat(fixture, Map.of(), "__cuda >=11");
        assertContains(
                e.getMessage(),
                "nothing provides `__cuda >=11` (requested): the target system provides no"
                        + " virtual package `__cuda` (no CUDA driver detected)",
                "CONDA_OVERRIDE_CUDA=11");
    }

    @Test
    void threeConstraintsThatNoPairExplainsAreNamedTogether() {
        UnsatisfiableException e = unsat(fixture, Map.of(), "alpha", "beta", "gamma");
        assertEquals(List.of("alpha", "beta", "gamma"), e.conflictingSpecs());
        assertEquals(
                List.of("no `libx` meets these 3 constraints together (any 2 of them can; versions of libx: 3.0,"
                        + " 2.0, 1.0): `alpha` (requested) -> alpha-1.0-0 requires `libx <3`; `beta` (requested) -> beta-1.0-0"
                        + " requires `libx >1`; `gamma` (requested) -> gamma-1.0-0 requires `libx !=2`"),
                e.problems());
    }

    @Test
    void theSmallestJointSetIsReportedNotEveryConstraint() {
        // delta's libx >=1 is met by every libx: the explanation must leave it out
        UnsatisfiableException e = unsat(fixture, Map.of(), "libx >=1", "alpha", "beta", "gamma");
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertContains(e.problems().get(0), "these 3 constraints", "libx <3", "libx >1", "libx !=2");
        assertFalse(e.problems().get(0).contains("libx >=1"), e.problems().get(0));
    }

    @Test
    void aConflictAcrossPackagesNamesThemWithTheirChains() {
        UnsatisfiableException e = unsat(fixture, Map.of(), "app");
        // the chain that rules both plugins out is written once
        assertEquals(
                List.of("`app` (requested) -> app-1.0-0 requires `plugin`, but no `plugin` can be installed:"
                        + " plugin-2.0-0 requires `libc 3.*` and plugin-1.0-0 requires `libc 2.*`, each ruled out by `app`"
                        + " (requested) -> app-1.0-0 requires `libc 1.*`"),
                e.problems());
        assertFalse(e.getMessage().contains("no combination"), e.getMessage());
    }

    @Test
    void aCrossPackageConflictFollowsTheChainThroughSeveralPackages() {
        UnsatisfiableException e = unsat(fixture, Map.of(), "deep-app");
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(
                e.problems()
                        .get(0)
                        .startsWith("`deep-app` (requested) -> deep-app-1.0-0 requires `frontend`"
                                + " -> frontend-1.0-0 requires `plugin`, but no `plugin` can be installed:"),
                e.problems().get(0));
        assertContains(
                e.problems().get(0),
                "plugin-1.0-0 requires `libc 2.*`, each ruled out by `deep-app`"
                        + " (requested) -> deep-app-1.0-0 requires `libc 1.*`",
                "plugin-2.0-0 requires `libc 3.*`");
    }

    @Test
    void explainingAHardUnsatisfiableProblemStaysBounded() throws IOException {
        // mamba's sudoku: every clue pair is fine, the board is not; the extra searches must not run away on it
        SolveRequest.Builder b =
                SolveRequest.builder(SudokuBoards.mambaChannel(work)).timeout(Duration.ofMinutes(2));
        for (String clue : MambaSudokuTest.CLUES) {
            b.spec(clue);
        }
        long start = System.nanoTime();
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> new Solver().solve(b.build()));
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        System.out.println(seconds + "s: " + e.getMessage());
        assertTrue(seconds < 60, "took " + seconds + "s");
        assertFalse(e.problems().isEmpty());
    }
}
