package io.terrarium.infrastructure.persistence;

import io.terrarium.application.environment.EnvironmentFilter;
import io.terrarium.application.security.ArnPattern;
import io.terrarium.domain.model.environment.Environment;
import io.terrarium.domain.model.namespace.Namespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
     * @param visibleTo every list of ARN patterns must name a listed environment (the caller's scopes, and the
     *                  scopes of a token the listing is restricted to); see {@link QueryBuilder#visibleTo}
     * @param orderBy   whitelisted sort keys: {@code namespace}, {@code name}
     */
    public List<Environment> search(
            EnvironmentFilter filter,
            List<List<ArnPattern>> visibleTo,
            List<String> orderBy,
            boolean descending,
            int offset,
            int limit) {
        QueryBuilder q = query(filter, visibleTo);
        if (q.matchesNothing()) {
            return List.of();
        }
        var query = q.select(em, Environment.class, orderClauses(orderBy, descending));
        if (offset > 0) {
            query.setFirstResult(offset);
        }
        if (limit > 0) {
            query.setMaxResults(limit);
        }
        return query.getResultList();
    }

    /**
     * Keyset pagination: the first {@code limit} environments after the one a cursor names, in the order of
     * {@code orderBy} then id, compared in SQL so the database's collation decides as it does for ORDER BY.
     *
     * @param afterId     the id of the last environment of the previous page, null for the first page
     * @param afterValues that environment's values of the sort keys
     */
    public List<Environment> searchAfter(
            EnvironmentFilter filter,
            List<List<ArnPattern>> visibleTo,
            List<String> orderBy,
            boolean descending,
            Long afterId,
            Map<String, String> afterValues,
            int limit) {
        QueryBuilder q = query(filter, visibleTo);
        if (q.matchesNothing()) {
            return List.of();
        }
        if (afterId != null) {
            keyset(q, orderBy, descending, afterId, afterValues);
        }
        return q.select(em, Environment.class, orderClauses(orderBy, descending))
                .setMaxResults(limit)
                .getResultList();
    }

    /** {@code (k1, ..., kn, id) > (v1, ..., vn, lastId)} written out, as not every database takes row values. */
    private static void keyset(
            QueryBuilder q, List<String> orderBy, boolean descending, long afterId, Map<String, String> afterValues) {
        String after = descending ? " < ?" : " > ?";
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (String key : orderBy) {
            String column = column(key);
            if (column != null && afterValues.get(key) != null && !columns.contains(column)) {
                columns.add(column);
                values.add(afterValues.get(key));
            }
        }
        columns.add("e.id");
        values.add(afterId);
        List<String> alternatives = new ArrayList<>();
        List<Object> bound = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(columns.get(j) + " = ?");
                bound.add(values.get(j));
            }
            terms.add(columns.get(i) + after);
            bound.add(values.get(i));
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        q.where("(" + String.join(" OR ", alternatives) + ")", bound.toArray());
    }

    public long count(EnvironmentFilter filter, List<List<ArnPattern>> visibleTo) {
        QueryBuilder q = query(filter, visibleTo);
        return q.matchesNothing() ? 0 : q.count(em);
    }

    private static String column(String key) {
        return switch (key) {
            case "namespace" -> "n.name";
            case "name" -> "e.name";
            default -> null;
        };
    }

    static List<String> orderClauses(List<String> orderBy, boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        List<String> clauses = new ArrayList<>();
        for (String key : orderBy) {
            // conda-store ignores unknown sort keys
            String column = column(key);
            if (column != null && !clauses.contains(column + direction)) {
                clauses.add(column + direction);
            }
        }
        clauses.add("e.id" + direction);
        return clauses;
    }

    private QueryBuilder query(EnvironmentFilter f, List<List<ArnPattern>> visibleTo) {
        QueryBuilder q = new QueryBuilder("e", "Environment e JOIN e.namespace n LEFT JOIN e.currentBuild b")
                .where("e.deletedOn IS NULL")
                .where("n.deletedOn IS NULL");
        for (List<ArnPattern> scopes : visibleTo) {
            q.visibleTo(scopes, "n.name", "e.name");
        }
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
