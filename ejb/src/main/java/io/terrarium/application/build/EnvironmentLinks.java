package io.terrarium.application.build;

import io.terrarium.application.BuildLocations;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.environment.Environment;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Repairs environment symlinks that do not name their environment's current build: the link is swapped after the
 * database commit, so a process that died in between leaves it on the previous build. Run once after startup.
 */
@Stateless
public class EnvironmentLinks {

    private static final Logger LOG = Logger.getLogger(EnvironmentLinks.class.getName());

    @PersistenceContext(unitName = "terrarium")
    private EntityManager em;

    @Inject
    private BuildLocations locations;

    /** @return how many links were repaired */
    public int repairAll() {
        int repaired = 0;
        for (Environment env : em.createQuery(
                        "SELECT e FROM Environment e WHERE e.currentBuild IS NOT NULL" + " AND e.deletedOn IS NULL",
                        Environment.class)
                .getResultList()) {
            Build current = env.getCurrentBuild();
            if (current.isDeleted() || locations.environmentPath(current).isEmpty()) {
                continue;
            }
            Path link = Path.of(locations.environmentPath(current).get());
            Path target = Path.of(locations.buildPath(current)).toAbsolutePath();
            try {
                if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
                    continue;
                }
                if (Files.exists(link) && !Files.isSymbolicLink(link)) {
                    continue;
                }
                locations.layout().activate(link, target);
                repaired++;
                LOG.info(() -> "environment " + env.getNamespace().getName() + "/" + env.getName()
                        + ": symlink repaired to its current build " + current.getId());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot repair the symlink of environment " + env.getId(), e);
            }
        }
        return repaired;
    }
}
