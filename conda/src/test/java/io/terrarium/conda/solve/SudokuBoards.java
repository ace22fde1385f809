package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.types.PackageRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a solved sudoku channel's records back as a board and checks the sudoku rules, for the sudoku tests. */
final class SudokuBoards {
    private SudokuBoards() {
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
            assertTrue(row.size() == 9 && col.size() == 9 && box.size() == 9, "row/column/box " + i + " repeats a digit");
        }
    }
}
