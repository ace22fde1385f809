package io.terrarium.infrastructure.metrics;

import io.terrarium.domain.model.build.BuildStatus;
import io.terrarium.domain.model.shared.Timestamps;
import io.terrarium.infrastructure.worker.LeaseRules;
import io.terrarium.infrastructure.worker.WorkerSettings;
import io.terrarium.infrastructure.worker.WorkerStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The database counts the metrics publish: builds per status, live environments and live workers. */
@Stateless
public class OperationsQueries {

    @PersistenceContext(unitName = "terrarium")
    private EntityManager em;

    @EJB
    private WorkerStore workers;

    /** @return the number of builds (deleted ones included, as conda-store counts them) in each status */
    public Map<BuildStatus, Long> buildsByStatus() {
        Map<BuildStatus, Long> counts = new EnumMap<>(BuildStatus.class);
        for (BuildStatus s : BuildStatus.values()) {
            counts.put(s, 0L);
        }
        List<Object[]> rows = em.createQuery("SELECT b.status, COUNT(b) FROM Build b GROUP BY b.status", Object[].class)
                .getResultList();
        for (Object[] row : rows) {
            counts.put((BuildStatus) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    public long environments() {
        return em.createQuery("SELECT COUNT(e) FROM Environment e WHERE e.deletedOn IS NULL", Long.class)
                .getSingleResult();
    }

    public long workersAlive() {
        LeaseRules rules = WorkerSettings.leaseRules();
        LocalDateTime now = Timestamps.now();
        return workers.seenSince(rules.oldestLiveHeartbeat(now)).stream()
                .filter(w -> rules.alive(w.getLastHeartbeat(), w.getStoppedOn(), now))
                .count();
    }
}
