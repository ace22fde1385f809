package io.terrarium.conda.solve;

/**
 * Counts what one solve holds and stops it, with a {@link SolveMemoryException}, once that passes the request's
 * {@link MemoryBudget}.
 *
 * <p>The sizes are bytes per item on a 64-bit JVM with compressed oops, measured (heap in use after a full GC,
 * before and after) on the generated conda-forge-shaped channel of {@code bench/solver} (300,000 records): the index
 * keeps about 106 bytes per record before any parse (name groups and offsets into the memory-mapped repodata); a
 * solve then holds about 1,000 bytes per record it parsed and made a variable of when it backtracks little, and up
 * to 2,250 when it learns many clauses (thousands of conflicts). The per-variable size covers the search's
 * per-variable arrays and candidate lists, and the clause store is counted from the search's own arrays, so the
 * estimate is 0.8 to 1.2 times what the heap shows ({@code SolveMemoryTest} holds it to 0.5 to 1.5).
 */
final class MemoryMeter {
    static final long INDEX_BYTES_PER_RECORD = 112;
    static final long PARSED_BYTES_PER_RECORD = 1_000;
    static final long BYTES_PER_VARIABLE = 400;

    private final MemoryBudget budget;
    private final int channelRecords;

    MemoryMeter(SolveRequest request) {
        this.budget = request.memoryBudget();
        this.channelRecords = request.index().size();
    }

    /** What the channels' index holds before the solve parses anything. */
    long indexBytes() {
        return channelRecords * INDEX_BYTES_PER_RECORD;
    }

    /** The estimate for a pool that parsed {@code parsedRecords} and made {@code variables}, plus the search's arrays. */
    long estimate(int parsedRecords, int variables, long searchBytes) {
        return indexBytes() + parsedRecords * PARSED_BYTES_PER_RECORD + variables * BYTES_PER_VARIABLE + searchBytes;
    }

    /** @throws SolveMemoryException when the estimate is over the budget */
    void check(CandidatePool pool, long searchBytes) {
        if (budget.isUnlimited()) {
            return;
        }
        long estimate = estimate(pool.parsedRecords(), pool.varCount(), searchBytes);
        if (estimate > budget.bytes()) {
            throw new SolveMemoryException(estimate, budget.bytes(), channelRecords, pool.parsedRecords());
        }
    }
}
