package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PinnedChainChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explanation of a conflict shaped like those on conda-forge (major-pinned dependencies through a chain of
 * packages, several builds per version, many alternative ranges) stays short and true: each chain written once,
 * builds as version ranges, alternatives as their union, and a bound on its size.
 */
class PinnedChainExplanationTest {
    @TempDir
    static Path work;

    static RepoIndex index;

    @BeforeAll
    static void writeChannel() throws IOException {
        index = FixtureChannel.load(
                PinnedChainChannel.write(work.resolve("pinned")).dir(), work.resolve("cache"));
    }

    private static UnsatisfiableException unsat(String spec) {
        SolveRequest request = SolveRequest.builder(index).spec(spec).build();
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> new Solver().solve(request));
        System.out.println(e.getMessage());
        return e;
    }

    private static void assertContains(String text, String... fragments) {
        for (String f : fragments) {
            assertTrue(text.contains(f), "missing «" + f + "» in:\n" + text);
        }
    }

    private static int occurrences(String text, String fragment) {
        int n = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void theExplanationIsShortAndNamesEveryPackageOfTheChain() {
        UnsatisfiableException e = unsat("app");
        String text = e.getMessage();
        assertEquals(1, e.problems().size(), text);
        assertTrue(text.lines().count() <= 15, text.lines().count() + " lines:\n" + text);
        assertTrue(text.length() <= 1500, text.length() + " characters:\n" + text);
        for (String name : PinnedChainChannel.CHAIN) {
            assertContains(text, " " + name + " ");
        }
        assertTrue(
                text.startsWith("cannot install `app` (requested):\n  - `app` (requested), but no `app` can be"
                        + " installed:\n"),
                text);
    }

    @Test
    void eachReasonIsOneLineWithItsBuildsAsVersionRanges() {
        String text = unsat("app").getMessage();
        assertContains(
                text,
                // the newest builds need core 4, which the chain below rules out
                "\n    app 4.0.0 (4 builds) require `core >=4.0.0,<5` and app 3.8.0 (4 builds) require"
                        + " `core >=4.5.0,<5`, each ruled out by `app` (requested)\n",
                "\n        -> every remaining lib-c (24) requires core (6 ranges, together >=1.0.0,<4) [1]\n",
                // 3.5 needs lib-a 3.5+, which needs core 4 as well
                "\n    app 3.5.0 (4 builds) require `lib-a >=3.5.0,<4`, whose candidates are all ruled out:\n"
                        + "      lib-a 3.7.0 (4 builds) require `core >=4.5.0,<5` and lib-a 3.5.0 (4 builds) require"
                        + " `core >=4.0.0,<5`, each ruled out by [1]\n",
                // the older ones need a plugin that needs core 4
                "\n    app 1.0.0 to 3.0.0 (20 builds) require `plugin >=3.0.0,<4`, whose candidates are all ruled out:\n"
                        + "      plugin 3.0.0 to 3.5.0 (all 8 builds) require `core >=4.0.0,<5`, ruled out by [1]");
    }

    @Test
    void theChainIsWrittenOnceAndItsAlternativesAsTheirUnion() {
        String text = unsat("app").getMessage();
        for (String step : List.of("requires lib-a", "requires lib-b", "requires lib-c", "requires core")) {
            assertEquals(1, occurrences(text, step), step + " in:\n" + text);
        }
        for (String line : text.split("\n")) {
            // twelve `x >=...` or `x >=...` alternatives were the old way; the union is one or two ranges
            assertTrue(occurrences(line, " or ") <= 1, line);
        }
        assertContains(text, "requires lib-a (6 ranges, together >=1.0.0,<4)");
    }

    @Test
    void everyNumberIsDefinedBeforeItIsReferredTo() {
        String text = unsat("app").getMessage();
        Map<String, Integer> defined = new HashMap<>();
        Matcher m = Pattern.compile("\\[(\\d+)]").matcher(text);
        while (m.find()) {
            // a reference says what it points at ("ruled out by [1]", "see [2]"); a definition ends a step
            String before = text.substring(Math.max(0, m.start() - 4), m.start());
            boolean definition = !before.endsWith("by ") && !before.endsWith("see ");
            if (definition) {
                assertEquals(null, defined.put(m.group(1), m.start()), "defined twice: [" + m.group(1) + "]\n" + text);
            } else {
                assertTrue(defined.containsKey(m.group(1)), "[" + m.group(1) + "] used before defined:\n" + text);
            }
        }
        assertTrue(!defined.isEmpty(), text);
    }

    @Test
    void aNarrowerRequestKeepsTheSameStory() {
        String text = unsat("app >=3.5").getMessage();
        assertTrue(text.length() <= 1500, text);
        assertContains(text, "ruled out by `app >=3.5` (requested)", "requires core");
        assertEquals(1, occurrences(text, "requires core"), text);
    }
}
