package io.terrarium.domain.model.build;

/**
 * Life cycle of a build, with conda-store's names: QUEUED, then BUILDING, then one of the three final states.
 */
public enum BuildStatus {
    QUEUED,
    BUILDING,
    COMPLETED,
    FAILED,
    CANCELED;

    /** @return true once the build can no longer change (COMPLETED, FAILED or CANCELED) */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }
}
