package io.terrarium.conda.solve;

/**
 * How much heap one solve may use: a solve whose estimated footprint (the channels' index, the records it parsed,
 * its variables and clauses) passes the budget stops with a {@link SolveMemoryException} instead of running the
 * JVM out of memory.
 *
 * <p>The estimate is counted, not measured: the solver adds up what it holds with per-item sizes measured on a
 * 64-bit JVM with compressed oops ({@code SolveMemoryTest} checks them against the heap), so it is the same on
 * every run and does not depend on what other threads allocate.
 */
public final class MemoryBudget {
    private static final long MB = 1024 * 1024;
    /** The share of the maximum heap a solve may use when nothing else is said. */
    private static final double DEFAULT_HEAP_SHARE = 0.6;

    private static final MemoryBudget UNLIMITED = new MemoryBudget(Long.MAX_VALUE);

    private final long bytes;

    private MemoryBudget(long bytes) {
        this.bytes = bytes;
    }

    /** A budget of {@code megabytes} MiB (at least 1). */
    public static MemoryBudget megabytes(long megabytes) {
        if (megabytes < 1) {
            throw new IllegalArgumentException("a solve memory budget must be at least 1 MB, got " + megabytes);
        }
        return new MemoryBudget(megabytes > Long.MAX_VALUE / MB ? Long.MAX_VALUE : megabytes * MB);
    }

    /** No limit (tests and benchmarks that measure the solver itself). */
    public static MemoryBudget unlimited() {
        return UNLIMITED;
    }

    /** The default: 60% of this JVM's maximum heap ({@code -Xmx}). */
    public static MemoryBudget ofHeap() {
        return new MemoryBudget((long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE));
    }

    /** The budget in bytes; {@link Long#MAX_VALUE} when unlimited. */
    public long bytes() {
        return bytes;
    }

    public boolean isUnlimited() {
        return bytes == Long.MAX_VALUE;
    }

    /** The budget in whole MiB, as messages print it. */
    public long megabytes() {
        return bytes / MB;
    }

    @Override
    public String toString() {
        return isUnlimited() ? "unlimited" : megabytes() + " MB";
    }
}
