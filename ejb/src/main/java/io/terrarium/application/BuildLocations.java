package io.terrarium.application;

import io.terrarium.domain.model.build.Build;
import io.terrarium.infrastructure.store.BuildCoordinates;
import io.terrarium.infrastructure.store.BuildKey;
import io.terrarium.infrastructure.store.StoreLayout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Answers where a build lives in the store (key, prefix, environment symlink, artifact files) from its entity.
 */
@ApplicationScoped
public class BuildLocations {

    @Inject
    StoreLayout layout;

    public BuildLocations() {}

    BuildLocations(StoreLayout layout) {
        this.layout = layout;
    }

    public StoreLayout layout() {
        return layout;
    }

    public static BuildCoordinates coordinates(Build b) {
        return new BuildCoordinates(
                b.getId(),
                b.getBuildKeyVersion(),
                b.getSpecification().getSha256(),
                b.getScheduledOn(),
                b.getSpecification().getName(),
                b.getEnvironment().getNamespace().getName());
    }

    public String key(Build b) {
        if (b.getBuildKeyVersion() == 3 && b.getHash() != null) {
            return b.getHash();
        }
        return BuildKey.of(coordinates(b));
    }

    /** @throws io.terrarium.infrastructure.store.BuildPathTooLongException for paths over 255 characters */
    public String buildPath(Build b) {
        return layout.buildPath(coordinates(b));
    }

    public Optional<String> environmentPath(Build b) {
        return Optional.ofNullable(layout.environmentPath(
                b.getBuildKeyVersion(),
                b.getEnvironment().getNamespace().getName(),
                b.getEnvironment().getName()));
    }

    public Path storageFile(String key) {
        return layout.storageFile(key);
    }
}
