package io.terrarium.application.build;

import io.terrarium.application.BuildLocations;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.build.BuildArtifact;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.domain.model.shared.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Soft-deletes a build and removes its files: the prefix and every artifact whose type is not in
 * {@code build_artifacts_kept_on_deletion}, only ever inside the store.
 */
@ApplicationScoped
public class BuildCleanup {

    private static final Logger LOG = Logger.getLogger(BuildCleanup.class.getName());

    @Inject
    BuildLocations locations;

    @Inject
    BuildLogs logs;

    @Inject
    AfterCommit afterCommit;

    /** Marks the build deleted, then deletes its files; a file that cannot be deleted is logged, not fatal. */
    public void delete(Build build, List<BuildArtifactType> keep) {
        build.markDeleted(Timestamps.now());
        build.clearSize();
        if (build.getEnvironment().getCurrentBuild() == build) {
            build.getEnvironment().setCurrentBuild(null);
            Path prefix = Path.of(locations.buildPath(build));
            locations
                    .environmentPath(build)
                    .ifPresent(link -> afterCommit.run(
                            "deactivating build " + build.getId(),
                            () -> locations.layout().deactivate(Path.of(link), prefix)));
        }
        for (BuildArtifact artifact : new ArrayList<>(build.getArtifacts())) {
            if (keep.contains(artifact.getArtifactType())) {
                continue;
            }
            try {
                Path file = artifact.getArtifactType() == BuildArtifactType.DIRECTORY
                        ? Path.of(artifact.getKey())
                        : locations.layout().artifactFile(artifact.getKey());
                locations.layout().deleteInsideStore(file);
                build.getArtifacts().remove(artifact);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot delete " + artifact.getArtifactType() + " of build " + build.getId(), e);
            }
        }
        if (!keep.contains(BuildArtifactType.DIRECTORY)) {
            // a build that failed half-way has a prefix but no DIRECTORY artifact
            try {
                locations.layout().deleteInsideStore(Path.of(locations.buildPath(build)));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot delete the prefix of build " + build.getId(), e);
            }
        }
        logs.forget(build.getId());
    }
}
