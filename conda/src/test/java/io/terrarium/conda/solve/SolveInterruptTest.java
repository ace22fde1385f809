package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.types.MatchSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cancelled build interrupts its solving thread: a long solve stops at its next search step. */
class SolveInterruptTest {

    @TempDir
    Path channels;

    @Test
    void anInterruptedSolveStopsPromptly() throws Exception {
        RepoIndex mamba = SudokuBoards.mambaChannel(channels);
        // proving sudoku_0_0 unsatisfiable takes seconds of search: long enough to interrupt it half-way
        SolveRequest request = SolveRequest.builder(mamba)
                .spec(MatchSpec.parse("sudoku_0_0"))
                .timeout(Duration.ofMinutes(10))
                .build();
        AtomicReference<Thread> solving = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            solving.set(Thread.currentThread());
            try {
                new Solver().solve(request);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (solving.get() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        Thread.sleep(300); // let the search start; the assertion below does not depend on how far it got
        long interruptedAt = System.nanoTime();
        solving.get().interrupt();
        Throwable thrown = outcome.get(30, TimeUnit.SECONDS);
        long stoppedWithinMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt);
        assertInstanceOf(SolveInterruptedException.class, thrown, "the solve ended with " + thrown);
        assertTrue(stoppedWithinMs < 5_000, "stopped " + stoppedWithinMs + " ms after the interrupt");
    }
}
