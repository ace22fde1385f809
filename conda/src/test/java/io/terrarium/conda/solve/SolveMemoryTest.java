package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.testing.CondaTestIndex;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.GeneratedChannels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A solve runs under a memory budget: over it, the solve stops with how much it needed; under it, it solves. */
class SolveMemoryTest {

    private static final String[] SCIENCE_STACK = {"python=3.6", "numpy", "pandas", "scipy", "matplotlib"};

    @TempDir
    Path work;

    private static SolveRequest request(RepoIndex index, MemoryBudget budget, String... specs) {
        SolveRequest.Builder b = SolveRequest.builder(index).memoryBudget(budget);
        for (String s : specs) {
            b.spec(s);
        }
        return b.build();
    }

    @Test
    void aTinyBudgetFailsTheSolveSayingHowMuchItNeeded() {
        RepoIndex index = CondaTestIndex.index("channel-4");
        SolveMemoryException e = assertThrows(
                SolveMemoryException.class,
                () -> new Solver().solve(request(index, MemoryBudget.megabytes(1), SCIENCE_STACK)));
        Matcher m = Pattern.compile("^the solve needed more than (\\d+) MB \\(budget 1 MB, channel records 5\\.6 k,"
                        + " candidate records \\d[\\d. k]*\\): give the worker more memory \\(-Xmx")
                .matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        assertTrue(Long.parseLong(m.group(1)) > 1, e.getMessage());
        assertTrue(e.neededBytes() > e.budgetBytes(), "needed " + e.neededBytes() + " of " + e.budgetBytes());
    }

    @Test
    void theDefaultBudgetSolvesTheSameRequest() {
        RepoIndex index = CondaTestIndex.index("channel-4");
        SolveRequest request = request(index, MemoryBudget.ofHeap(), SCIENCE_STACK);
        assertFalse(request.memoryBudget().isUnlimited());
        assertTrue(new Solver()
                .solve(request).records().stream().anyMatch(r -> r.name().equals("numpy")));
    }

    @Test
    void aBudgetJustAboveTheEstimateSolvesAndJustBelowFails() {
        RepoIndex index = CondaTestIndex.index("channel-4");
        SolveMemoryException over = assertThrows(
                SolveMemoryException.class,
                () -> new Solver().solve(request(index, MemoryBudget.megabytes(1), SCIENCE_STACK)));
        // the first check that fails reports a lower bound; search upward for the smallest budget that solves
        long mb = over.neededBytes() / (1024 * 1024);
        SolveResult solved = null;
        while (solved == null && mb < 256) {
            try {
                solved = new Solver().solve(request(index, MemoryBudget.megabytes(++mb), SCIENCE_STACK));
            } catch (SolveMemoryException e) {
                assertTrue(e.getMessage().contains("(budget " + mb + " MB"), e.getMessage());
            }
        }
        assertTrue(solved != null && mb < 64, "a science stack on 5,643 records should solve within 64 MB: " + mb);
    }

    @Test
    void conflictExplanationsRunUnderTheSameBudget() {
        SolveRequest request = request(CondaTestIndex.index("channel-4"), MemoryBudget.megabytes(7), "python=3.6");
        assertEquals(7, request.withSpecs(List.of()).memoryBudget().megabytes());
        assertEquals(
                7, request.withTimeout(Duration.ofSeconds(1)).memoryBudget().megabytes());
    }

    @Test
    void theEstimateFollowsTheHeap() throws IOException {
        Path dir = work.resolve("pinned");
        GeneratedChannels.pinned(dir, 500, 100, 7);
        RepoIndex probeIndex = FixtureChannel.load(dir, work.resolve("cache"));
        List<String> names = new ArrayList<>(probeIndex.names());
        names.sort(null);
        for (List<String> specs : List.of(names.subList(0, 1), names.subList(names.size() - 8, names.size()))) {
            // heap growth is measured between forced collections, which threads still allocating elsewhere in this
            // JVM disturb on a busy machine: the median of three probes is what is compared with the estimate
            List<Double> ratios = new ArrayList<>();
            String last = "";
            for (int probe = 0; probe < 3; probe++) {
                // a fresh index per probe, so the records the solve parses count in its heap growth
                RepoIndex index = FixtureChannel.load(dir, work.resolve("cache"));
                SolveRequest request = request(index, MemoryBudget.unlimited(), specs.toArray(String[]::new));
                long before = heapAfterGc();
                CandidatePool pool = new CandidatePool(request, new HashMap<>());
                Cdcl search = new Cdcl(pool, Duration.ofMinutes(1));
                search.solve();
                long held = heapAfterGc() - before;
                MemoryMeter meter = new MemoryMeter(request);
                long estimate = meter.estimate(pool.parsedRecords(), pool.varCount(), search.searchBytes())
                        - meter.indexBytes();
                ratios.add((double) estimate / held);
                last = specs + ": estimated " + estimate + " bytes, the heap grew by " + held + " ("
                        + pool.parsedRecords() + " records parsed, " + search.conflicts() + " conflicts)";
                assertTrue(pool.varCount() > 1 && search.decisions() > 0, "the probe solved nothing");
            }
            ratios.sort(null);
            double median = ratios.get(1);
            assertTrue(median > 0.5 && median < 1.5, "median ratio " + median + " of " + ratios + "; last: " + last);
        }
    }

    @Test
    void budgetsAndCountsReadAsPeopleWriteThem() {
        assertEquals(400L * 1024 * 1024, MemoryBudget.megabytes(400).bytes());
        assertEquals("400 MB", MemoryBudget.megabytes(400).toString());
        assertTrue(MemoryBudget.unlimited().isUnlimited());
        assertThrows(IllegalArgumentException.class, () -> MemoryBudget.megabytes(0));
        assertEquals("950", SolveMemoryException.count(950));
        assertEquals("12.3 k", SolveMemoryException.count(12_345));
        assertEquals("1.2 M", SolveMemoryException.count(1_234_567));
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
