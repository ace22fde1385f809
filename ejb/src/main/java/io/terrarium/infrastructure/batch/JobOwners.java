package io.terrarium.infrastructure.batch;

import io.terrarium.domain.model.shared.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Records and reads which worker runs each job execution of a build ({@link JobOwner}). */
@Stateless
public class JobOwners {

    @PersistenceContext(unitName = "terrarium")
    private EntityManager em;

    /** Records that {@code workerId} runs {@code jobExecutionId} for {@code buildId} (and, once known, the attempt). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void own(long jobExecutionId, long buildId, String workerId, Integer attempt) {
        JobOwner existing = em.find(JobOwner.class, jobExecutionId);
        if (existing == null) {
            em.persist(new JobOwner(jobExecutionId, buildId, workerId, attempt, Timestamps.now()));
        } else if (attempt != null) {
            existing.claimed(attempt);
        }
    }

    public Optional<JobOwner> of(long jobExecutionId) {
        return Optional.ofNullable(em.find(JobOwner.class, jobExecutionId));
    }

    /** @return the owners of a build's executions, oldest first */
    public List<JobOwner> ofBuild(long buildId) {
        return em.createNamedQuery(JobOwner.OF_BUILD, JobOwner.class)
                .setParameter("build", buildId)
                .getResultList();
    }
}
