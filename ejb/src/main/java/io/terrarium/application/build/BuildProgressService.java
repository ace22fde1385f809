package io.terrarium.application.build;

import io.terrarium.conda.types.PackageRecord;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.infrastructure.batch.BuildClaim;
import io.terrarium.infrastructure.batch.BuildPlan;
import io.terrarium.infrastructure.batch.BuildProgress;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The application side of the build job's {@link BuildProgress} port: turns the job's calls into build life-cycle
 * changes through {@link BuildService}, each fenced by the caller's attempt.
 */
@Stateless
public class BuildProgressService implements BuildProgress {

    @Inject
    private BuildService builds;

    @Override
    public Optional<BuildClaim> begin(
            long buildId, long jobExecutionId, String workerId, String workerName, boolean restart) {
        return builds.claim(buildId, Long.toString(jobExecutionId), workerId, workerName, restart);
    }

    @Override
    public BuildPlan plan(long buildId) {
        return builds.plan(buildId);
    }

    @Override
    public boolean holds(long buildId, int attempt) {
        return builds.holds(buildId, attempt);
    }

    @Override
    public boolean recordStepProgress(long buildId, int attempt, String step, int done, int total) {
        return builds.recordStepProgress(buildId, attempt, step, done, total);
    }

    @Override
    public void addArtifact(long buildId, int attempt, String artifactType, Path file) {
        BuildArtifactType type;
        try {
            type = BuildArtifactType.valueOf(artifactType);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown artifact type " + artifactType, e);
        }
        builds.recordArtifactFile(buildId, attempt, type, file);
    }

    @Override
    public void complete(long buildId, int attempt, List<PackageRecord> installed, long sizeBytes) {
        builds.completeAndActivate(buildId, attempt, installed, sizeBytes);
    }

    @Override
    public void fail(long buildId, int attempt, String statusInfo) {
        builds.fail(buildId, attempt, statusInfo);
    }

    @Override
    public void cancel(long buildId, int attempt, String statusInfo) {
        builds.markCanceled(buildId, attempt, statusInfo);
    }

    @Override
    public boolean discardCanceled(long buildId, int attempt, String workerId) {
        return builds.discardCanceled(buildId, attempt, workerId);
    }
}
