package io.terrarium.application.build;

import io.terrarium.application.BuildLocations;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.build.BuildStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Makes a COMPLETED build the active one of its environment: the current-build pointer in the database, then the
 * environment symlink swapped atomically (key versions 1 and 2; version 3 has no symlink). Runs in the caller's
 * transaction, so a failed swap rolls the pointer back too.
 */
@ApplicationScoped
public class BuildActivation {

    @Inject
    BuildLocations locations;

    public void activate(Build build) {
        if (build.getStatus() != BuildStatus.COMPLETED) {
            throw new IllegalStateException("build " + build.getId() + " is " + build.getStatus()
                    + "; only a COMPLETED build can be activated");
        }
        build.getEnvironment().setCurrentBuild(build);
        locations.environmentPath(build).ifPresent(link ->
                locations.layout().activate(Path.of(link), Path.of(locations.buildPath(build))));
    }
}
