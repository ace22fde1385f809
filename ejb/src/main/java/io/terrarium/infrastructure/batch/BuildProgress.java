package io.terrarium.infrastructure.batch;

import io.terrarium.conda.types.PackageRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code build-environment} job reports back to the application: the port through which batch steps
 * read a build's plan and move it through BUILDING, COMPLETED, FAILED or CANCELED. The application layer
 * implements it (a CDI bean); every method commits its own transaction.
 */
public interface BuildProgress {

    /**
     * Claims a build for a job execution: QUEUED becomes BUILDING with {@code started_on}, the execution id and
     * server instance recorded. On a restart ({@code restart} true) a FAILED, CANCELED or BUILDING build of the
     * same job is claimed again.
     *
     * @return the plan, or empty when the build must not run (cancelled, deleted, or claimed by a duplicate message)
     */
    Optional<BuildPlan> begin(long buildId, long jobExecutionId, String serverInstance, boolean restart);

    /** @return the plan of a build already claimed (later steps, restarts) */
    BuildPlan plan(long buildId);

    /** Registers an artifact file of the build (type LOGS, LOCKFILE, YAML, CONDA_PACK). */
    void addArtifact(long buildId, String artifactType, Path file);

    /**
     * Completes the build: records the installed packages and the prefix size, adds the DIRECTORY artifact,
     * marks it COMPLETED, makes it the environment's current build and swaps the environment symlink.
     */
    void complete(long buildId, List<PackageRecord> installed, long sizeBytes);

    /** Marks the build FAILED with a reason a user can act on. */
    void fail(long buildId, String statusInfo);

    /** Marks the build CANCELED (its job execution was stopped). */
    void cancel(long buildId, String statusInfo);
}
