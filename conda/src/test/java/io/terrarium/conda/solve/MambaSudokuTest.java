package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.types.MatchSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libmamba's "Sudoku" problem ({@code test_problems_graph.cpp}, {@code create_sudoku}): the 30 clues it requests on
 * {@code sudoku.json} must be unsatisfiable, with an explanation that names the requested cells. mamba's channel
 * gives cells irregular "boxes" (cell 0_3 excludes rows 1-2 columns 0-3, a slip of its generator), which is why
 * even the clue-free {@code sudoku_0_0} has no board (SudokuTest proves that; MiniSat agrees on the same CNF). The
 * same clues on a channel written here in the same format but with the regular 3x3 boxes have exactly one board,
 * which the solver must find.
 */
class MambaSudokuTest {
    /** libmamba's clue set: sudoku_&lt;col&gt;_&lt;row&gt; == digit. */
    static final String[] CLUES = {
        "sudoku_0_0 == 5",
        "sudoku_1_0 == 3",
        "sudoku_4_0 == 7",
        "sudoku_0_1 == 6",
        "sudoku_3_1 == 1",
        "sudoku_4_1 == 9",
        "sudoku_5_1 == 5",
        "sudoku_1_2 == 9",
        "sudoku_2_2 == 8",
        "sudoku_7_2 == 6",
        "sudoku_0_3 == 8",
        "sudoku_4_3 == 6",
        "sudoku_8_3 == 3",
        "sudoku_0_4 == 4",
        "sudoku_3_4 == 8",
        "sudoku_5_4 == 3",
        "sudoku_8_4 == 1",
        "sudoku_0_5 == 7",
        "sudoku_4_5 == 2",
        "sudoku_8_5 == 6",
        "sudoku_1_6 == 6",
        "sudoku_6_6 == 2",
        "sudoku_7_6 == 8",
        "sudoku_3_7 == 4",
        "sudoku_4_7 == 1",
        "sudoku_5_7 == 9",
        "sudoku_8_7 == 5",
        "sudoku_4_8 == 8",
        "sudoku_7_8 == 7",
        "sudoku_8_8 == 9"
    };

    private static final Duration LIMIT = Duration.ofMinutes(10);

    @TempDir
    static Path work;

    static RepoIndex mamba;
    static RepoIndex regular;

    @BeforeAll
    static void loadChannels() throws IOException {
        mamba = SudokuBoards.mambaChannel(work);
        Path regularNoarch = Files.createDirectories(work.resolve("regular").resolve("noarch"));
        Files.writeString(regularNoarch.resolve("repodata.json"), regularRepodata(), StandardCharsets.UTF_8);
        regular = FixtureChannel.load(work.resolve("regular"), work.resolve("cache"));
    }

    private static SolveRequest cluesOn(RepoIndex index) {
        SolveRequest.Builder b = SolveRequest.builder(index).timeout(LIMIT);
        for (String clue : CLUES) {
            b.spec(MatchSpec.parse(clue));
        }
        return b.build();
    }

    @Test
    void mambasCluesAreUnsatisfiableOnMambasChannel() {
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> new Solver().solve(cluesOn(mamba)));
        assertTrue(e.conflictingSpecs().size() >= 1, e.getMessage());
        for (String spec : e.conflictingSpecs()) {
            assertTrue(List.of(CLUES).contains(spec), spec + " is not a requested clue");
            assertTrue(e.getMessage().contains(spec), e.getMessage());
        }
    }

    @Test
    void mambasCluesHaveExactlyTheClassicSolutionOnRegularBoxes() {
        int[][] board = SudokuBoards.board(new Solver().solve(cluesOn(regular)).records());
        SudokuBoards.assertValid(board);
        for (String clue : CLUES) {
            String[] p = clue.split("[_ =]+");
            assertEquals(Integer.parseInt(p[3]), board[Integer.parseInt(p[2])][Integer.parseInt(p[1])], clue);
        }
        // the well-known puzzle (rows: 53..7...., 6..195..., ...) has one solution; its first row
        assertEquals("534678912", rowText(board, 0));
        assertEquals("345286179", rowText(board, 8));
    }

    @Test
    void emptyRegularBoardSolvesToAValidBoard() {
        SolveRequest request = SolveRequest.builder(regular)
                .spec(MatchSpec.parse("sudoku_0_0"))
                .timeout(LIMIT)
                .build();
        SudokuBoards.assertValid(SudokuBoards.board(new Solver().solve(request).records()));
    }

    /** mamba's format (noarch records sudoku_c_r-v-0.tar.bz2 depending on 'peer !=v'), with the regular boxes. */
    private static String regularRepodata() {
        StringBuilder sb = new StringBuilder("{\"info\":{\"subdir\":\"noarch\"},\"packages\":{");
        boolean first = true;
        for (int c = 0; c < 9; c++) {
            for (int r = 0; r < 9; r++) {
                for (int v = 1; v <= 9; v++) {
                    List<String> deps = new ArrayList<>();
                    for (int c2 = 0; c2 < 9; c2++) {
                        for (int r2 = 0; r2 < 9; r2++) {
                            boolean same = c2 == c && r2 == r;
                            boolean peer = c2 == c || r2 == r || (c2 / 3 == c / 3 && r2 / 3 == r / 3);
                            if (peer && !same) {
                                deps.add("\"sudoku_" + c2 + "_" + r2 + " !=" + v + "\"");
                            }
                        }
                    }
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    String name = "sudoku_" + c + "_" + r;
                    sb.append('"')
                            .append(name)
                            .append('-')
                            .append(v)
                            .append("-0.tar.bz2\":{\"build\":\"0\",")
                            .append("\"build_number\":0,\"depends\":[")
                            .append(String.join(",", deps))
                            .append("],\"name\":\"")
                            .append(name)
                            .append("\",\"noarch\":\"generic\",")
                            .append("\"subdir\":\"noarch\",\"version\":\"")
                            .append(v)
                            .append("\"}");
                }
            }
        }
        return sb.append("},\"packages.conda\":{},\"repodata_version\":1}").toString();
    }

    private static String rowText(int[][] board, int row) {
        StringBuilder sb = new StringBuilder();
        for (int v : board[row]) {
            sb.append(v);
        }
        return sb.toString();
    }
}
