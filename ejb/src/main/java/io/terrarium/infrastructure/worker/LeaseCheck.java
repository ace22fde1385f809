package io.terrarium.infrastructure.worker;

import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.build.BuildStatus;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads, in one query, whether the builds this process runs are still held by the attempts it runs them at. */
@Stateless
public class LeaseCheck {

    @PersistenceContext(unitName = "terrarium")
    private EntityManager em;

    /** @return the leases among {@code leases} whose attempt no longer holds its build */
    public List<BuildLease> lost(Collection<BuildLease> leases) {
        if (leases.isEmpty()) {
            return List.of();
        }
        Set<Long> ids = leases.stream().map(BuildLease::buildId).collect(Collectors.toSet());
        Map<Long, Build> builds = new HashMap<>();
        for (Build b : em.createQuery("SELECT b FROM Build b WHERE b.id IN :ids", Build.class)
                .setParameter("ids", ids)
                .getResultList()) {
            builds.put(b.getId(), b);
        }
        return leases.stream()
                .filter(l -> !heldOrCompletedBy(builds.get(l.buildId()), l.attempt()))
                .toList();
    }

    /** A build its attempt just completed is still that attempt's (its job is only finishing its last step). */
    private static boolean heldOrCompletedBy(Build b, int attempt) {
        return b != null
                && (b.heldBy(attempt)
                        || (b.getStatus() == BuildStatus.COMPLETED && !b.isDeleted() && b.getAttempt() == attempt));
    }

    /** @return why the build is no longer held by that attempt, for the server log */
    public static String reason(Build b, int attempt) {
        if (b == null || b.isDeleted()) {
            return "deleted";
        }
        return b.getStatus() + " at attempt " + b.getAttempt() + " (this execution holds attempt " + attempt + ")";
    }
}
