package io.terrarium.infrastructure.worker;

/**
 * What one job execution in this process holds: a build at one attempt. Revoked (for good) as soon as this process
 * learns that the attempt no longer holds the build (taken over, canceled, deleted); a revoked execution writes
 * nothing more to the build and stops at its next package.
 */
public final class BuildLease {

    private final long buildId;
    private final long executionId;
    private final int attempt;
    private volatile String revokedBecause;

    public BuildLease(long buildId, long executionId, int attempt) {
        this.buildId = buildId;
        this.executionId = executionId;
        this.attempt = attempt;
    }

    public long buildId() {
        return buildId;
    }

    public long executionId() {
        return executionId;
    }

    public int attempt() {
        return attempt;
    }

    public boolean revoked() {
        return revokedBecause != null;
    }

    public void revoke(String reason) {
        if (revokedBecause == null) {
            revokedBecause = reason;
        }
    }

    /** @return why the lease was revoked, or null */
    public String revokedBecause() {
        return revokedBecause;
    }
}
