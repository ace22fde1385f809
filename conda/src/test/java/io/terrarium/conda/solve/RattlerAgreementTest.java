package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.GeneratedChannels;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our solver chooses exactly the records rattler 0.3.5 (resolvo) chose, recorded in
 * {@code rattler-agreement/pinned-500x100-seed7.txt}, on a 50,000-record conda-forge-shaped generated channel where
 * every request backtracks through hundreds to thousands of conflicts: conda's preferences, not search luck, decide
 * these answers, so any difference is a preference bug. {@code bench/solver/run.sh} makes the same comparison live
 * on the 300,000-record channel.
 */
class RattlerAgreementTest {
    private static final String RECORDED = "/rattler-agreement/pinned-500x100-seed7.txt";

    @TempDir
    static Path work;

    private static RepoIndex index;

    @BeforeAll
    static void generateChannel() throws IOException {
        Path dir = work.resolve("pinned");
        GeneratedChannels.pinned(dir, 500, 100, 7);
        index = FixtureChannel.load(dir, work.resolve("cache"));
    }

    @TestFactory
    List<DynamicTest> choosesWhatRattlerChose() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : recordedLines()) {
            String[] parts = line.split(" => ");
            List<String> specs = Arrays.asList(parts[0].split(" "));
            TreeSet<String> expected = new TreeSet<>(Arrays.asList(parts[1].split(" ")));
            tests.add(DynamicTest.dynamicTest(parts[0], () -> {
                SolveRequest.Builder request = SolveRequest.builder(index).channelPriority(ChannelPriority.STRICT);
                specs.forEach(request::spec);
                SolveResult result = new Solver().solve(request.build());
                TreeSet<String> chosen = new TreeSet<>();
                for (PackageRecord r : result.records()) {
                    chosen.add(r.name() + "-" + r.version() + "-" + r.build());
                }
                assertTrue(result.conflicts() > 0, "a request that needs no backtracking would prove little");
                assertEquals(expected, chosen);
            }));
        }
        assertEquals(15, tests.size(), "recorded requests");
        return tests;
    }

    private static List<String> recordedLines() throws IOException {
        try (InputStream in = RattlerAgreementTest.class.getResourceAsStream(RECORDED)) {
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }
}
