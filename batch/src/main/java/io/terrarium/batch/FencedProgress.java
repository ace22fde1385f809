package io.terrarium.batch;

import io.terrarium.conda.types.PackageRecord;
import io.terrarium.infrastructure.batch.BuildPlan;
import io.terrarium.infrastructure.batch.BuildProgress;
import java.nio.file.Path;
import java.util.List;

/**
 * The build progress port as the steps of one job execution use it: every write carries the attempt the execution
 * claimed, so the application applies it only while that attempt still holds the build.
 */
public final class FencedProgress {

    private final BuildProgress progress;
    private final int attempt;

    FencedProgress(BuildProgress progress, int attempt) {
        this.progress = progress;
        this.attempt = attempt;
    }

    public BuildPlan plan(long buildId) {
        return progress.plan(buildId);
    }

    public void addArtifact(long buildId, String artifactType, Path file) {
        progress.addArtifact(buildId, attempt, artifactType, file);
    }

    public void complete(long buildId, List<PackageRecord> installed, long sizeBytes) {
        progress.complete(buildId, attempt, installed, sizeBytes);
    }

    public void fail(long buildId, String statusInfo) {
        progress.fail(buildId, attempt, statusInfo);
    }

    public void cancel(long buildId, String statusInfo) {
        progress.cancel(buildId, attempt, statusInfo);
    }
}
