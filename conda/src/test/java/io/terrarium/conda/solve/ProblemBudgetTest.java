package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An explanation stays within what a person reads, and says how many reasons it leaves out. */
class ProblemBudgetTest {
    @Test
    void fewProblemsStayAsTheyAreWithoutDuplicates() {
        assertEquals(List.of("a", "b"), ProblemBudget.fit(List.of("a", "b", "a")));
    }

    @Test
    void manyProblemsAreCutWithACount() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            problems.add("problem " + i);
        }
        List<String> fit = ProblemBudget.fit(problems);
        assertEquals(ProblemBudget.MAX_PROBLEMS + 1, fit.size());
        assertEquals("... and 8 more reasons", fit.get(fit.size() - 1));
    }

    @Test
    void longProblemsAreCutByLinesAndCharacters() {
        String tenLines = "first\n" + "    more\n".repeat(8) + "    last";
        List<String> fit = ProblemBudget.fit(List.of(tenLines, tenLines + " 2", tenLines + " 3", tenLines + " 4"));
        assertEquals(List.of(tenLines, tenLines + " 2", tenLines + " 3", "... and 1 more reason"), fit);
        String long1 = "x".repeat(2000);
        fit = ProblemBudget.fit(List.of(long1, long1 + "y", "short"));
        assertEquals(List.of(long1, "... and 2 more reasons"), fit);
        // the first problem is kept whatever its size
        assertTrue(ProblemBudget.fit(List.of("x".repeat(5000))).get(0).length() == 5000);
    }
}
