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
    private volatile Thread interruptible;

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

    /** Revokes the lease and interrupts the thread registered as interruptible, if any (a solve in progress). */
    public void revoke(String reason) {
        if (revokedBecause == null) {
            revokedBecause = reason;
        }
        Thread t = interruptible;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Marks the calling thread as one a revocation may interrupt (a step that cannot stop between packages, such as
     * the solve, whose I/O then ends at once), until {@link #endInterruptible()}.
     */
    public void beginInterruptible() {
        interruptible = Thread.currentThread();
        if (revoked()) {
            interruptible.interrupt();
        }
    }

    /** Ends {@link #beginInterruptible()} and clears a pending interrupt, so it does not leak into the thread pool. */
    public void endInterruptible() {
        interruptible = null;
        Thread.interrupted();
    }

    /** @return why the lease was revoked, or null */
    public String revokedBecause() {
        return revokedBecause;
    }
}
