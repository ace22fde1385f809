package io.terrarium.application.view;

import io.terrarium.domain.model.build.BuildArtifact;
import io.terrarium.domain.model.build.BuildArtifactType;

/**
 * Read model of a build artifact for API responses.
 */
public record ArtifactView(long id, BuildArtifactType type, String key) {

    public static ArtifactView of(BuildArtifact a) {
        return new ArtifactView(a.getId(), a.getArtifactType(), a.getKey());
    }
}
