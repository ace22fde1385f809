package io.terrarium.conda.solve;

import java.util.Locale;

/**
 * A solve stopped because it needed more memory than its {@link MemoryBudget}: the message says how much it had
 * reached, the budget, and how large the channels were, so a user can give the worker more heap or narrow the
 * channels.
 */
public final class SolveMemoryException extends SolveException {
    private static final long serialVersionUID = 1L;
    private static final long MB = 1024 * 1024;

    private final long neededBytes;
    private final long budgetBytes;

    SolveMemoryException(long neededBytes, long budgetBytes, int channelRecords, int candidates) {
        super("the solve needed more than " + ceilMb(neededBytes) + " MB (budget " + budgetBytes / MB
                + " MB, channel records " + count(channelRecords) + ", candidate records " + count(candidates)
                + "): give the worker more memory (-Xmx, or a larger terrarium.solve.memory-budget-mb) or narrow"
                + " the channels or the specs");
        this.neededBytes = neededBytes;
        this.budgetBytes = budgetBytes;
    }

    /** What the solve had reached when it stopped (at least the budget). */
    public long neededBytes() {
        return neededBytes;
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    private static long ceilMb(long bytes) {
        return (bytes + MB - 1) / MB;
    }

    /** 950, 12.3 k, 1.2 M: how big a channel is, at a glance. */
    static String count(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f k", n / 1_000.0);
        }
        return String.format(Locale.ROOT, "%.1f M", n / 1_000_000.0);
    }
}
