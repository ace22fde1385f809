package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sudoku as packages: one package per cell ({@code sudoku_<row>_<col>}), versions 1-9, each version depending on
 * its peer cells being different. Asking for one cell asks for a whole consistent board, which defeats solvers
 * without clause learning.
 *
 * <p>mamba's {@code sudoku.json} has irregular "boxes" (cell 0_3's box is rows 1-2, columns 0-3, for instance), and
 * with them no board exists: {@code sudoku_0_0} is unsatisfiable (checked independently: MiniSat 2.2 on the same
 * constraints as CNF answers UNSATISFIABLE after about 22 s of CPU). The solver has to prove that, not give up;
 * a channel generated here with the regular boxes shows it finds a board when one exists.
 */
class SudokuTest {
    /** Generous: the proof takes seconds on an idle machine, a shared CI machine may be many times slower. */
    private static final Duration LIMIT = Duration.ofMinutes(10);

    @TempDir
    static Path channels;

    static RepoIndex mamba;

    @BeforeAll
    static void loadMambaChannel() throws IOException {
        mamba = SudokuBoards.mambaChannel(channels);
    }

    @Test
    void provesMambasBoardWithoutCluesUnsatisfiable() {
        SolveRequest request = SolveRequest.builder(mamba)
                .spec(MatchSpec.parse("sudoku_0_0"))
                .timeout(LIMIT)
                .build();
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> new Solver().solve(request));
        assertEquals(List.of("sudoku_0_0"), e.conflictingSpecs());
    }

    @Test
    void refutesAFirstRowThatTheIrregularBoxesForbid() {
        SolveRequest.Builder b = SolveRequest.builder(mamba).timeout(LIMIT);
        for (int c = 0; c < 9; c++) {
            b.spec(MatchSpec.parse("sudoku_0_" + c + " ==" + (c + 1)));
        }
        assertThrows(UnsatisfiableException.class, () -> new Solver().solve(b.build()));
    }

    @Test
    void findsABoardWhenTheBoxesAreRegular() {
        SolveRequest request = SolveRequest.builder(regularChannel())
                .spec(MatchSpec.parse("sudoku_0_0"))
                .timeout(LIMIT)
                .build();
        SudokuBoards.assertValid(SudokuBoards.board(new Solver().solve(request).records()));
    }

    @Test
    void completesABoardAroundClues() {
        SolveRequest.Builder b = SolveRequest.builder(regularChannel()).timeout(LIMIT);
        for (int c = 0; c < 9; c++) {
            b.spec(MatchSpec.parse("sudoku_0_" + c + " ==" + (9 - c)));
        }
        b.spec(MatchSpec.parse("sudoku_4_4 ==1"));
        int[][] board = SudokuBoards.board(new Solver().solve(b.build()).records());
        SudokuBoards.assertValid(board);
        // SudokuBoards reads names as sudoku_<col>_<row> (mamba's convention): clue sudoku_0_c sits at board[c][0]
        for (int c = 0; c < 9; c++) {
            assertEquals(9 - c, board[c][0]);
        }
        assertEquals(1, board[4][4]);
    }

    private static RepoIndex regularChannel() {
        List<PackageRecord> records = new ArrayList<>();
        for (int r = 0; r < 9; r++) {
            for (int c = 0; c < 9; c++) {
                for (int v = 1; v <= 9; v++) {
                    List<String> deps = new ArrayList<>();
                    for (int r2 = 0; r2 < 9; r2++) {
                        for (int c2 = 0; c2 < 9; c2++) {
                            boolean peer = (r2 == r) != (c2 == c)
                                    || (r2 / 3 == r / 3 && c2 / 3 == c / 3 && (r2 != r || c2 != c));
                            if (peer) {
                                deps.add("sudoku_" + r2 + "_" + c2 + " !=" + v);
                            }
                        }
                    }
                    records.add(TestRepo.record("sudoku_" + r + "_" + c, String.valueOf(v))
                            .noarch("generic")
                            .subdir("noarch")
                            .depends(deps)
                            .build());
                }
            }
        }
        return RepoIndex.of(List.of(TestRepo.MAIN), records);
    }
}
