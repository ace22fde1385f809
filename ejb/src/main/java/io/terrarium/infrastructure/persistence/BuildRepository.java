package io.terrarium.infrastructure.persistence;

import io.terrarium.application.build.BuildFilter;
import io.terrarium.application.security.ArnPattern;
import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.build.BuildStatus;
import io.terrarium.domain.model.environment.Environment;
import io.terrarium.infrastructure.store.BuildKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores builds and answers the filtered build listings of the API.
 */
@ApplicationScoped
public class BuildRepository {

    @PersistenceContext(unitName = "terrarium")
    private EntityManager em;

    public Optional<Build> find(long id) {
        return Optional.ofNullable(em.find(Build.class, id));
    }

    /**
     * Finds a build with what its API representation shows (environment, namespace, specification, artifacts) in one
     * query instead of one per relation.
     */
    public Optional<Build> findWithDetails(long id) {
        return em.createQuery(
                        "SELECT b FROM Build b JOIN FETCH b.environment e JOIN FETCH e.namespace"
                                + " JOIN FETCH b.specification LEFT JOIN FETCH b.artifacts WHERE b.id = :id",
                        Build.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    /** Finds a build and locks its row, so concurrent state changes of one build are serialised. */
    public Optional<Build> findForUpdate(long id) {
        return Optional.ofNullable(em.find(Build.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Records a chunk's progress in the caller's transaction, fenced: only while {@code attempt} holds the running
     * build (see {@link BuildRowSql#FENCED_PROGRESS}).
     *
     * @return false when the attempt no longer holds it
     */
    public boolean recordProgress(long id, int attempt, String step, int done, int total) {
        return em.createNativeQuery(BuildRowSql.FENCED_PROGRESS)
                        .setParameter(1, step)
                        .setParameter(2, done)
                        .setParameter(3, total)
                        .setParameter(4, id)
                        .setParameter(5, attempt)
                        .executeUpdate()
                == 1;
    }

    /**
     * Locks a build's row unless another transaction holds it (see {@link BuildRowSql#CLAIM_UNLOCKED}).
     *
     * @return the build, read after the lock, or empty when it is held elsewhere or gone
     */
    public Optional<Build> claimUnlocked(long id) {
        List<?> rows = em.createNativeQuery(BuildRowSql.CLAIM_UNLOCKED)
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Build build = em.find(Build.class, id);
        if (build != null) {
            em.refresh(build);
        }
        return Optional.ofNullable(build);
    }

    /** @return ids of BUILDING builds whose worker is set and holds no lease (stopped, or heartbeat too old) */
    public List<Long> buildingOnLostWorkers(java.time.LocalDateTime oldestLiveHeartbeat) {
        return em.createQuery(
                        "SELECT b.id FROM Build b WHERE b.status = :building AND b.workerId IS NOT NULL"
                                + " AND b.deletedOn IS NULL AND NOT EXISTS (SELECT w.id FROM Worker w WHERE w.id = b.workerId"
                                + " AND w.stoppedOn IS NULL AND w.lastHeartbeat > :oldest) ORDER BY b.id",
                        Long.class)
                .setParameter("building", BuildStatus.BUILDING)
                .setParameter("oldest", oldestLiveHeartbeat)
                .getResultList();
    }

    /** @return ids of BUILDING builds that name this worker */
    public List<Long> buildingOn(String workerId) {
        return em.createQuery(
                        "SELECT b.id FROM Build b WHERE b.status = :building AND b.workerId = :worker"
                                + " ORDER BY b.id",
                        Long.class)
                .setParameter("building", BuildStatus.BUILDING)
                .setParameter("worker", workerId)
                .getResultList();
    }

    /** @return ids of builds waiting for a worker (QUEUED, or BUILDING handed over) since before {@code before} */
    public List<Long> awaitingWorkerSince(java.time.LocalDateTime before) {
        return em.createQuery(
                        "SELECT b.id FROM Build b WHERE b.deletedOn IS NULL AND (b.status = :queued"
                                + " OR (b.status = :building AND b.workerId IS NULL))"
                                + " AND COALESCE(b.handedOverOn, b.scheduledOn) < :before ORDER BY b.id",
                        Long.class)
                .setParameter("queued", BuildStatus.QUEUED)
                .setParameter("building", BuildStatus.BUILDING)
                .setParameter("before", before)
                .getResultList();
    }

    /**
     * @return ids of builds waiting for a worker whose current hand-over went to a job execution on a worker that holds
     *     no lease any more (it died between taking the message and claiming the build)
     */
    public List<Long> awaitingWorkerWithLostLauncher(java.time.LocalDateTime oldestLiveHeartbeat) {
        return em.createQuery(
                        "SELECT DISTINCT b.id FROM Build b, JobOwner o WHERE o.buildId = b.id"
                                + " AND b.deletedOn IS NULL AND (b.status = :queued OR (b.status = :building AND b.workerId IS NULL))"
                                + " AND o.startedOn >= COALESCE(b.handedOverOn, b.scheduledOn)"
                                + " AND NOT EXISTS (SELECT w.id FROM Worker w WHERE w.id = o.workerId"
                                + " AND w.stoppedOn IS NULL AND w.lastHeartbeat > :oldest)",
                        Long.class)
                .setParameter("queued", BuildStatus.QUEUED)
                .setParameter("building", BuildStatus.BUILDING)
                .setParameter("oldest", oldestLiveHeartbeat)
                .getResultList();
    }

    /** @return ids of CANCELED builds still naming a worker that holds no lease (their prefix may be left over) */
    public List<Long> canceledOnLostWorkers(java.time.LocalDateTime oldestLiveHeartbeat) {
        return em.createQuery(
                        "SELECT b.id FROM Build b WHERE b.status = :canceled AND b.workerId IS NOT NULL"
                                + " AND NOT EXISTS (SELECT w.id FROM Worker w WHERE w.id = b.workerId"
                                + " AND w.stoppedOn IS NULL AND w.lastHeartbeat > :oldest) ORDER BY b.id",
                        Long.class)
                .setParameter("canceled", BuildStatus.CANCELED)
                .setParameter("oldest", oldestLiveHeartbeat)
                .getResultList();
    }

    /** Stores a new build; a build of key version 3 then gets its hash (the v3 build key), which needs the id. */
    public void add(Build build) {
        em.persist(build);
        em.flush();
        if (build.getBuildKeyVersion() == 3) {
            build.setHash(BuildKey.v3Hash(
                    build.getEnvironment().getNamespace().getName(),
                    build.getSpecification().getSha256(),
                    build.getScheduledOn(),
                    build.getId()));
        }
    }

    public List<Build> ofEnvironment(Environment environment) {
        return em.createQuery("SELECT b FROM Build b WHERE b.environment = :env ORDER BY b.id", Build.class)
                .setParameter("env", environment)
                .getResultList();
    }

    /**
     * @param visibleTo the ARN patterns that must name a listed build's environment (see
     *                  {@link QueryBuilder#visibleTo})
     */
    public List<Build> search(
            BuildFilter filter,
            List<ArnPattern> visibleTo,
            List<String> orderBy,
            boolean descending,
            int offset,
            int limit) {
        QueryBuilder q = query(filter, visibleTo);
        if (q.matchesNothing()) {
            return List.of();
        }
        return q.select(em, Build.class, orderClauses(orderBy, descending))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(BuildFilter filter, List<ArnPattern> visibleTo) {
        QueryBuilder q = query(filter, visibleTo);
        return q.matchesNothing() ? 0 : q.count(em);
    }

    /** @return [environments, builds, bytes] of a namespace's live environments and builds */
    public long[] usage(long namespaceId) {
        long envs = em.createQuery(
                        "SELECT COUNT(e) FROM Environment e WHERE e.namespace.id = :ns AND e.deletedOn IS NULL",
                        Long.class)
                .setParameter("ns", namespaceId)
                .getSingleResult();
        Object[] builds = em.createQuery(
                        "SELECT COUNT(b), COALESCE(SUM(b.size), 0) FROM Build b"
                                + " WHERE b.environment.namespace.id = :ns AND b.deletedOn IS NULL",
                        Object[].class)
                .setParameter("ns", namespaceId)
                .getSingleResult();
        return new long[] {envs, ((Number) builds[0]).longValue(), ((Number) builds[1]).longValue()};
    }

    static List<String> orderClauses(List<String> orderBy, boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        List<String> clauses = new ArrayList<>();
        for (String key : orderBy) {
            switch (key) {
                case "id" -> clauses.add("b.id" + direction);
                case "started_on" -> clauses.add("b.startedOn" + direction);
                case "scheduled_on" -> clauses.add("b.scheduledOn" + direction);
                case "ended_on" -> clauses.add("b.endedOn" + direction);
                default -> {
                    // conda-store ignores unknown sort keys
                }
            }
        }
        clauses.add("b.id" + direction);
        return clauses;
    }

    private QueryBuilder query(BuildFilter f, List<ArnPattern> visibleTo) {
        QueryBuilder q = new QueryBuilder("b", "Build b JOIN b.environment e JOIN e.namespace n")
                .visibleTo(visibleTo, "n.name", "e.name");
        if (f.status() != null) {
            q.where("b.status = ?", f.status());
        }
        if (f.artifact() != null) {
            // uncorrelated IN subqueries: EclipseLink mis-aliases correlated EXISTS over an outer (LEFT) join
            q.where("b.id IN (SELECT a.build.id FROM BuildArtifact a WHERE a.artifactType = ?)", f.artifact());
        }
        if (f.environmentId() != null) {
            q.where("e.id = ?", f.environmentId());
        }
        if (f.name() != null) {
            q.where("e.name = ?", f.name());
        }
        if (f.namespace() != null) {
            q.where("n.name = ?", f.namespace());
        }
        if (f.packages() != null) {
            for (String pkg : f.packages()) {
                q.where(
                        "b.id IN (SELECT b2.id FROM Build b2 JOIN b2.packageBuilds pb JOIN pb.condaPackage cp"
                                + " WHERE cp.name = ?)",
                        pkg);
            }
        }
        return q;
    }
}
