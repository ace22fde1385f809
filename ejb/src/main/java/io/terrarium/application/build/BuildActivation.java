package io.terrarium.application.build;

import io.terrarium.application.BuildLocations;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.build.BuildStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Makes a COMPLETED build the active one of its environment: the current-build pointer in the database, then the
 * environment symlink swapped atomically (key versions 1 and 2; version 3 has no symlink). The pointer changes in the
 * caller's transaction and the symlink only after that transaction commits, so the link never names a build the
 * database does not show as current (a swap that fails after the commit is logged; the next activation repairs it).
 */
@ApplicationScoped
public class BuildActivation {

    @Inject
    BuildLocations locations;

    @Inject
    AfterCommit afterCommit;

    public void activate(Build build) {
        if (build.getStatus() != BuildStatus.COMPLETED) {
            throw new IllegalStateException("build " + build.getId() + " is " + build.getStatus()
                    + "; only a COMPLETED build can be activated");
        }
        build.getEnvironment().setCurrentBuild(build);
        Path target = Path.of(locations.buildPath(build));
        locations.environmentPath(build).ifPresent(link -> {
            if (java.nio.file.Files.isDirectory(Path.of(link), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // fail while the transaction can still roll the pointer back
                throw new IllegalStateException(link + " is a real directory, not an environment symlink;"
                        + " move it away before activating a build there");
            }
        });
        locations
                .environmentPath(build)
                .ifPresent(link -> afterCommit.run(
                        "activating build " + build.getId(),
                        () -> locations.layout().activate(Path.of(link), target)));
    }
}
