package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounds of one "no `x` can be installed" explanation when there are more reasons than fit. */
class RuledOutExplanationTest {
    @TempDir
    static Path work;

    static CandidatePool pool;
    static int[] candidates;

    @BeforeAll
    static void writeChannel() throws IOException {
        FixtureChannel channel = FixtureChannel.at(work.resolve("wide"));
        for (int v = 1; v <= 40; v++) {
            channel.add(PackageFixture.of("wide", v + ".0"));
        }
        channel.index();
        RepoIndex index = FixtureChannel.load(channel.dir(), work.resolve("cache"));
        pool = new CandidatePool(SolveRequest.builder(index).spec("wide").build(), new HashMap<>());
        candidates = pool.candidates(pool.nameId("wide"));
    }

    /** A three-step chain ending on {@code wide}, different for each {@code i}. */
    private static Requirement chain(int i) {
        Requirement root = Requirement.root(1000 + i, "top", "`top-" + i + "` (requested)");
        Requirement middle = Requirement.derived(
                2000 + i,
                "middle",
                root,
                1,
                "top-" + i + "-1.0-0",
                List.of(List.of("middle >=" + i + ",<" + (i + 1))),
                false);
        return Requirement.derived(
                3000 + i,
                "wide",
                middle,
                1,
                "middle-" + i + ".0-0",
                List.of(List.of("wide >=" + i + ".0,<" + (i + 1) + " with more words to make it long")),
                false);
    }

    @Test
    void moreReasonsThanFitEndWithHowManyAreLeftOut() {
        Map<Integer, Requirement> excludedBy = new HashMap<>();
        for (int i = 0; i < candidates.length; i++) {
            excludedBy.put(candidates[i], chain(i));
        }
        String text = new RuledOutExplanation(pool, excludedBy, Map.of())
                .explain("wide", Requirement.root(0, "wide", "`wide` (requested)"));
        assertTrue(text.lines().count() <= RuledOutExplanation.MAX_LINES, text);
        assertTrue(text.length() <= RuledOutExplanation.MAX_CHARS, text);
        assertTrue(text.matches("(?s).*\n    \\.\\.\\. and \\d+ more reasons?"), text);
        int shown = text.split("\n    wide-").length - 1;
        assertTrue(text.endsWith("and " + (candidates.length - shown) + " more reasons"), text);
    }

    @Test
    void stepsTwoChainsShareAreWrittenOnce() {
        Requirement root = Requirement.root(1, "top", "`top` (requested)");
        Requirement middle = Requirement.derived(
                2, "middle", root, 3, null, List.of(List.of("middle >=1,<2"), List.of("middle >=2,<3")), false);
        Map<Integer, Requirement> excludedBy = new HashMap<>();
        for (int i = 0; i < candidates.length; i++) {
            excludedBy.put(
                    candidates[i],
                    Requirement.derived(
                            10 + i % 2,
                            "wide",
                            middle,
                            2,
                            null,
                            List.of(List.of("wide <" + (i % 2 + 1)), List.of("wide " + (i % 2 + 1) + ".*")),
                            false));
        }
        String text = new RuledOutExplanation(pool, excludedBy, Map.of())
                .explain("wide", Requirement.root(0, "wide", "`wide` (requested)"));
        assertEquals(
                "`wide` (requested), but no `wide` can be installed:\n"
                        + "    wide 2.0, ..., 40.0 (20 version ranges, 20 builds) ruled out by `top` (requested)\n"
                        + "        -> every remaining top (3) requires middle (`middle >=1,<2` or `middle >=2,<3`) [1]\n"
                        + "        -> every remaining middle (2) requires wide (`wide <1` or `wide 1.*`)\n"
                        + "    wide 1.0, ..., 39.0 (20 version ranges, 20 builds) ruled out by [1] -> every remaining middle (2)"
                        + " requires wide (`wide <2` or `wide 2.*`)",
                text);
    }
}
