package io.terrarium.conda.pkg;

/** Receives progress of one package through the cache: bytes downloaded, then archive bytes extracted. */
@FunctionalInterface
public interface CacheProgress {
    /** What the cache is doing for the package. */
    enum Phase {
        DOWNLOAD,
        EXTRACT
    }

    /**
     * Called from the working thread, at most every 64 KiB and once at the end of each phase.
     *
     * @param total the phase's size in bytes, or -1 when unknown
     */
    void update(Phase phase, long done, long total);

    /** A listener that ignores everything. */
    CacheProgress NONE = (phase, done, total) -> {};
}
