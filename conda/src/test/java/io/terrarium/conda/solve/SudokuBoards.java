package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * mamba's sudoku channel for the sudoku tests, and a solved channel's records read back as a board checked against
 * the sudoku rules.
 */
final class SudokuBoards {
    private SudokuBoards() {}

    /** libmamba's {@code sudoku.json} (irregular boxes) as a local channel {@code <dir>/sudoku}, loaded offline. */
    static RepoIndex mambaChannel(Path dir) throws IOException {
        Path source = Path.of(
                System.getProperty("terrarium.testdata"),
                "mamba",
                "libmamba",
                "tests",
                "data",
                "repodata",
                "sudoku.json");
        Path channel = dir.resolve("sudoku");
        Files.copy(source, Files.createDirectories(channel.resolve("noarch")).resolve("repodata.json"));
        return FixtureChannel.load(channel, dir.resolve("cache"));
    }

    /** board[row][col] from records named {@code sudoku_<col>_<row>} whose version is the digit. */
    static int[][] board(List<PackageRecord> records) {
        assertEquals(81, records.size(), "one record per cell");
        int[][] board = new int[9][9];
        for (PackageRecord r : records) {
            String[] p = r.name().split("_");
            board[Integer.parseInt(p[2])][Integer.parseInt(p[1])] = Integer.parseInt(r.versionText());
        }
        return board;
    }

    /** Every row, column and regular 3x3 box holds nine different digits. */
    static void assertValid(int[][] board) {
        for (int i = 0; i < 9; i++) {
            Set<Integer> row = new HashSet<>();
            Set<Integer> col = new HashSet<>();
            Set<Integer> box = new HashSet<>();
            for (int j = 0; j < 9; j++) {
                row.add(board[i][j]);
                col.add(board[j][i]);
                box.add(board[(i / 3) * 3 + j / 3][(i % 3) * 3 + j % 3]);
            }
            assertTrue(
                    row.size() == 9 && col.size() == 9 && box.size() == 9, "row/column/box " + i + " repeats a digit");
        }
    }
}
