package io.terrarium.infrastructure.persistence;

import io.terrarium.application.environment.EnvironmentFilter;
import io.terrarium.domain.model.environment.Environment;
import io.terrarium.domain.model.namespace.Namespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Stores environments and answers the filtered environment listings of the API.
 */
@ApplicationScoped
public class EnvironmentRepository {

    @PersistenceContext(unitName = "terrarium")
    private EntityManager em;

    /** @return the environment by namespace and name, soft-deleted ones included */
    public Optional<Environment> findAny(Namespace namespace, String name) {
        return em.createQuery(
                        "SELECT e FROM Environment e WHERE e.namespace = :ns AND e.name = :name", Environment.class)
                .setParameter("ns", namespace)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    /** @return the live environment in a live namespace */
    public Optional<Environment> find(String namespace, String name) {
        return em.createQuery(
                        "SELECT e FROM Environment e WHERE e.namespace.name = :ns AND e.name = :name"
                                + " AND e.deletedOn IS NULL AND e.namespace.deletedOn IS NULL",
                        Environment.class)
                .setParameter("ns", namespace)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    public void add(Environment environment) {
        em.persist(environment);
        em.flush();
    }

    public List<Environment> inNamespace(Namespace namespace) {
        return em.createQuery(
                        "SELECT e FROM Environment e WHERE e.namespace = :ns AND e.deletedOn IS NULL",
                        Environment.class)
                .setParameter("ns", namespace)
                .getResultList();
    }

    /**
     * @param orderBy whitelisted sort keys: {@code namespace}, {@code name}
     */
    public List<Environment> search(
            EnvironmentFilter filter, List<String> orderBy, boolean descending, int offset, int limit) {
        var query = query(filter).select(em, Environment.class, orderClauses(orderBy, descending));
        if (offset > 0) {
            query.setFirstResult(offset);
        }
        if (limit > 0) {
            query.setMaxResults(limit);
        }
        return query.getResultList();
    }

    public long count(EnvironmentFilter filter) {
        return query(filter).count(em);
    }

    static List<String> orderClauses(List<String> orderBy, boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        List<String> clauses = new ArrayList<>();
        for (String key : orderBy) {
            switch (key) {
                case "namespace" -> clauses.add("n.name" + direction);
                case "name" -> clauses.add("e.name" + direction);
                default -> {
                    // conda-store ignores unknown sort keys
                }
            }
        }
        clauses.add("e.id" + direction);
        return clauses;
    }

    private QueryBuilder query(EnvironmentFilter f) {
        QueryBuilder q = new QueryBuilder("e", "Environment e JOIN e.namespace n LEFT JOIN e.currentBuild b")
                .where("e.deletedOn IS NULL")
                .where("n.deletedOn IS NULL");
        if (f.search() != null && !f.search().isEmpty()) {
            String like = QueryBuilder.likeContains(f.search().toLowerCase(Locale.ROOT));
            q.where("(LOWER(n.name) LIKE ? ESCAPE '\\' OR LOWER(e.name) LIKE ? ESCAPE '\\')", like, like);
        }
        if (f.namespace() != null) {
            q.where("n.name = ?", f.namespace());
        }
        if (f.name() != null) {
            q.where("e.name = ?", f.name());
        }
        if (f.status() != null) {
            q.where("b.status = ?", f.status());
        }
        if (f.artifact() != null) {
            // uncorrelated IN subqueries: EclipseLink mis-aliases correlated EXISTS over an outer (LEFT) join
            q.where("b.id IN (SELECT a.build.id FROM BuildArtifact a WHERE a.artifactType = ?)", f.artifact());
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
