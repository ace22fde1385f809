package io.terrarium.conda.install;

/** Receives progress while a transaction links its records (for a terminal progress line or a build log). */
@FunctionalInterface
public interface LinkProgress {
    /** Called after each record: {@code done} of {@code total} records are linked; {@code skipped} if it already was. */
    void linked(int done, int total, String dist, boolean skipped);

    /** A listener that ignores progress. */
    static LinkProgress none() {
        return (done, total, dist, skipped) -> {};
    }
}
