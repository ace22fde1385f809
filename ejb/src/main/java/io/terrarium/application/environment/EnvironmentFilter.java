package io.terrarium.application.environment;

import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.domain.model.build.BuildStatus;
import java.util.List;

/**
 * Filters of the environment listings; null fields do not filter.
 */
public record EnvironmentFilter(
        String search,
        String namespace,
        String name,
        BuildStatus status,
        List<String> packages,
        BuildArtifactType artifact) {}
