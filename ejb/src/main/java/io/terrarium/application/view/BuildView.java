package io.terrarium.application.view;

import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.build.BuildStatus;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Read model of a build for API responses; the specification and artifacts are filled only for single-build reads
 * (lists leave them null, as conda-store does).
 */
public record BuildView(
        long id,
        long environmentId,
        String namespace,
        String environmentName,
        BuildStatus status,
        String statusInfo,
        long size,
        LocalDateTime scheduledOn,
        LocalDateTime startedOn,
        LocalDateTime endedOn,
        LocalDateTime deletedOn,
        int buildKeyVersion,
        SpecificationView specification,
        List<ArtifactView> artifacts) {

    public static BuildView summary(Build b) {
        return of(b, false);
    }

    public static BuildView detail(Build b) {
        return of(b, true);
    }

    private static BuildView of(Build b, boolean detail) {
        return new BuildView(
                b.getId(),
                b.getEnvironment().getId(),
                b.getEnvironment().getNamespace().getName(),
                b.getEnvironment().getName(),
                b.getStatus(),
                b.getStatusInfo(),
                b.getSize(),
                b.getScheduledOn(),
                b.getStartedOn(),
                b.getEndedOn(),
                b.getDeletedOn(),
                b.getBuildKeyVersion(),
                detail ? SpecificationView.of(b.getSpecification()) : null,
                detail ? b.getArtifacts().stream().map(ArtifactView::of).toList() : null);
    }
}
