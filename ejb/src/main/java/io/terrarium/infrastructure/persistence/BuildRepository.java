package io.terrarium.infrastructure.persistence;

import io.terrarium.application.build.BuildFilter;
import io.terrarium.domain.model.build.Build;
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

    /** Finds a build and locks its row, so concurrent state changes of one build are serialised. */
    public Optional<Build> findForUpdate(long id) {
        return Optional.ofNullable(em.find(Build.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Stores a new build; a build of key version 3 then gets its hash (the v3 build key), which needs the id. */
    public void add(Build build) {
        em.persist(build);
        em.flush();
        if (build.getBuildKeyVersion() == 3) {
            build.setHash(BuildKey.v3Hash(build.getEnvironment().getNamespace().getName(),
                    build.getSpecification().getSha256(), build.getScheduledOn(), build.getId()));
        }
    }

    public List<Build> ofEnvironment(Environment environment) {
        return em.createQuery("SELECT b FROM Build b WHERE b.environment = :env ORDER BY b.id", Build.class)
                .setParameter("env", environment).getResultList();
    }

    public List<Build> search(BuildFilter filter, List<String> orderBy, boolean descending, int offset, int limit) {
        return query(filter).select(em, Build.class, orderClauses(orderBy, descending))
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(BuildFilter filter) {
        return query(filter).count(em);
    }

    /** @return [environments, builds, bytes] of a namespace's live environments and builds */
    public long[] usage(long namespaceId) {
        long envs = em.createQuery("SELECT COUNT(e) FROM Environment e WHERE e.namespace.id = :ns AND e.deletedOn IS NULL",
                Long.class).setParameter("ns", namespaceId).getSingleResult();
        Object[] builds = em.createQuery("SELECT COUNT(b), COALESCE(SUM(b.size), 0) FROM Build b"
                + " WHERE b.environment.namespace.id = :ns AND b.deletedOn IS NULL", Object[].class)
                .setParameter("ns", namespaceId).getSingleResult();
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

    private QueryBuilder query(BuildFilter f) {
        QueryBuilder q = new QueryBuilder("b", "Build b JOIN b.environment e JOIN e.namespace n");
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
                q.where("b.id IN (SELECT b2.id FROM Build b2 JOIN b2.packageBuilds pb JOIN pb.condaPackage cp"
                        + " WHERE cp.name = ?)", pkg);
            }
        }
        return q;
    }
}
