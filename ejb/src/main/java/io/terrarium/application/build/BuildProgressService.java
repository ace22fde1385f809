package io.terrarium.application.build;

import io.terrarium.conda.types.PackageRecord;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.infrastructure.batch.BuildPlan;
import io.terrarium.infrastructure.batch.BuildProgress;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The application side of the build job's {@link BuildProgress} port: turns the job's calls into build life-cycle
 * changes through {@link BuildService}, each in its own transaction.
 */
@Stateless
public class BuildProgressService implements BuildProgress {

    @Inject
    private BuildService builds;

    @Override
    public Optional<BuildPlan> begin(long buildId, long jobExecutionId, String serverInstance, boolean restart) {
        return builds.claim(buildId, Long.toString(jobExecutionId), serverInstance, restart);
    }

    @Override
    public BuildPlan plan(long buildId) {
        return builds.plan(buildId);
    }

    @Override
    public void addArtifact(long buildId, String artifactType, Path file) {
        BuildArtifactType type;
        try {
            type = BuildArtifactType.valueOf(artifactType);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown artifact type " + artifactType, e);
        }
        builds.recordArtifactFile(buildId, type, file);
    }

    @Override
    public void complete(long buildId, List<PackageRecord> installed, long sizeBytes) {
        builds.completeAndActivate(buildId, installed, sizeBytes);
    }

    @Override
    public void fail(long buildId, String statusInfo) {
        builds.fail(buildId, statusInfo);
    }

    @Override
    public void cancel(long buildId, String statusInfo) {
        builds.markCanceled(buildId, statusInfo);
    }
}
