package io.terrarium.conda.solve;

import io.terrarium.conda.repodata.Channel;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mamba's sudoku channel: one package per cell, versions 1-9, each depending on every peer cell being different.
 * Asking for {@code sudoku_0_0} asks for a whole consistent board, which defeats solvers without clause learning.
 */
class SudokuTest {
    @TempDir
    static Path channels;
    static RepoIndex index;

    @BeforeAll
    static void loadChannel() throws IOException {
        Path source = Path.of(System.getProperty("terrarium.testdata"), "mamba", "libmamba", "tests", "data",
                "repodata", "sudoku.json");
        Path noarch = Files.createDirectories(channels.resolve("sudoku").resolve("noarch"));
        Files.copy(source, noarch.resolve("repodata.json"));
        ChannelConfig config = ChannelConfig.defaults().withCacheDir(channels.resolve("cache"));
        Channel channel = Channel.parse(channels.resolve("sudoku").toString(), config);
        index = RepoIndex.load(List.of(channel), Platform.LINUX_64, config);
    }

    @Test
    void findsAConsistentBoardWithoutClues() {
        SolveRequest request = SolveRequest.builder(index).spec(MatchSpec.parse("sudoku_0_0"))
                .timeout(Duration.ofSeconds(60)).build();
        SolveResult result = new Solver().solve(request);
        int[][] board = board(result.records());
        assertValid(board);
    }

    @Test
    void honoursCluesGivenAsSpecs() {
        // the first row fixed to 1..9: the solver has to complete the rest around it
        SolveRequest.Builder b = SolveRequest.builder(index).timeout(Duration.ofSeconds(60));
        for (int c = 0; c < 9; c++) b.spec(MatchSpec.parse("sudoku_0_" + c + " ==" + (c + 1)));
        int[][] board = board(new Solver().solve(b.build()).records());
        assertValid(board);
        for (int c = 0; c < 9; c++) assertEquals(c + 1, board[0][c]);
    }

    private static int[][] board(List<PackageRecord> records) {
        assertEquals(81, records.size(), "one record per cell");
        int[][] board = new int[9][9];
        for (PackageRecord r : records) {
            String[] parts = r.name().split("_");
            board[Integer.parseInt(parts[1])][Integer.parseInt(parts[2])] = Integer.parseInt(r.versionText());
        }
        return board;
    }

    private static void assertValid(int[][] board) {
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
