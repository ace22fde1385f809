package io.terrarium.infrastructure.worker;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Reads and writes worker rows, each write in its own transaction so a failed heartbeat touches nothing else. */
@Stateless
public class WorkerStore {

    @PersistenceContext(unitName = "terrarium")
    private EntityManager em;

    /** Renews the heartbeat, re-inserting the row when it is missing (first start, or the database was reset). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void renew(Worker self, LocalDateTime now) {
        Worker row = em.find(Worker.class, self.getId());
        if (row == null) {
            Worker fresh = new Worker(
                    self.getId(),
                    self.getName(),
                    self.getHost(),
                    self.getPid(),
                    self.getPort(),
                    self.getRoles(),
                    self.getCapacity(),
                    self.getStartedOn());
            fresh.heartbeat(now);
            em.persist(fresh);
        } else {
            row.heartbeat(now);
        }
    }

    /** Ends this worker's lease at once (clean shutdown). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void stop(String id, LocalDateTime now) {
        Optional.ofNullable(em.find(Worker.class, id)).ifPresent(w -> w.stop(now));
    }

    public Optional<Worker> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(em.find(Worker.class, id));
    }

    /** @return workers seen since {@code since} (live ones, and the recently dead) by name */
    public List<Worker> seenSince(LocalDateTime since) {
        return em.createQuery(
                        "SELECT w FROM Worker w WHERE w.lastHeartbeat >= :since ORDER BY w.name, w.startedOn",
                        Worker.class)
                .setParameter("since", since)
                .getResultList();
    }

    /** Deletes rows of workers dead since before {@code before} that no build names any more. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int forgetDeadSince(LocalDateTime before) {
        return em.createQuery("DELETE FROM Worker w WHERE w.lastHeartbeat < :before"
                        + " AND NOT EXISTS (SELECT b FROM Build b WHERE b.workerId = w.id)")
                .setParameter("before", before)
                .executeUpdate();
    }
}
