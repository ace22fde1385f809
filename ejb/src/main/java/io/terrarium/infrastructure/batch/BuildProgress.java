package io.terrarium.infrastructure.batch;

import io.terrarium.conda.types.PackageRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code build-environment} job reports back to the application: the port through which batch steps
 * read a build's plan and move it through BUILDING, COMPLETED, FAILED or CANCELED. The application layer
 * implements it (a CDI bean).
 *
 * <p>Every write names the attempt the execution holds (its fencing token) and happens only while the build row,
 * read under its lock, still says that attempt runs on a worker: a job execution whose build was taken over, canceled
 * or deleted changes nothing. Unless said otherwise, each method commits its own transaction.
 */
public interface BuildProgress {

    /**
     * Claims a build for a job execution: a first start takes a QUEUED build, a restart a build the sweeper handed
     * over (BUILDING with no worker) or a FAILED one (an operator's restart, as a new attempt).
     *
     * @return the claim, or empty when the build must not run (cancelled, deleted, or claimed by a duplicate message)
     */
    Optional<BuildClaim> begin(long buildId, long jobExecutionId, String workerId, String workerName, boolean restart);

    /** @return the plan of a build already claimed (later steps, restarts) */
    BuildPlan plan(long buildId);

    /** @return true while {@code attempt} is the build's current attempt and it runs (plain read, no lock) */
    boolean holds(long buildId, int attempt);

    /**
     * Records that the chunk step committed {@code done} of {@code total} packages, in the CALLER's transaction (the
     * chunk's, so with its checkpoint), only if {@code attempt} still holds the build.
     *
     * @return false when the attempt no longer holds the build: the caller must roll its chunk back
     */
    boolean recordStepProgress(long buildId, int attempt, String step, int done, int total);

    /** Registers an artifact file of the build (type LOGS, LOCKFILE, YAML, CONDA_PACK). */
    void addArtifact(long buildId, int attempt, String artifactType, Path file);

    /**
     * Completes the build: records the installed packages and the prefix size, adds the DIRECTORY artifact,
     * marks it COMPLETED and makes it the environment's current build; the environment symlink is swapped after
     * the commit.
     */
    void complete(long buildId, int attempt, List<PackageRecord> installed, long sizeBytes);

    /** Marks the build FAILED with a reason a user can act on (nothing if the attempt no longer holds it). */
    void fail(long buildId, int attempt, String statusInfo);

    /** Marks the build CANCELED (its job execution was stopped; nothing if the attempt no longer holds it). */
    void cancel(long buildId, int attempt, String statusInfo);

    /**
     * After an execution of {@code attempt} stopped because its build was canceled: removes the partial prefix.
     *
     * @return true if the build was canceled during this attempt (false: it was taken over by another attempt)
     */
    boolean discardCanceled(long buildId, int attempt, String workerId);
}
