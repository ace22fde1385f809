package io.terrarium.application.build;

import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.domain.model.build.BuildStatus;
import java.util.List;

/**
 * Filters of the build listing; null fields do not filter. Soft-deleted builds are listed, as conda-store does.
 */
public record BuildFilter(
        BuildStatus status,
        List<String> packages,
        BuildArtifactType artifact,
        Long environmentId,
        String name,
        String namespace) {}
