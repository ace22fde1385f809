package io.terrarium.infrastructure.persistence;

import io.terrarium.application.security.ArnPattern;
import io.terrarium.domain.model.namespace.Namespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Stores and finds namespaces.
 */
@ApplicationScoped
public class NamespaceRepository {

    @PersistenceContext(unitName = "terrarium")
    private EntityManager em;

    /** @return the namespace by name, soft-deleted ones included */
    public Optional<Namespace> findAnyByName(String name) {
        return em.createQuery("SELECT n FROM Namespace n WHERE n.name = :name", Namespace.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    /** @return the live (not deleted) namespace by name */
    public Optional<Namespace> findByName(String name) {
        return findAnyByName(name).filter(n -> !n.isDeleted());
    }

    public void add(Namespace namespace) {
        em.persist(namespace);
        em.flush();
    }

    /**
     * @param visibleTo  the ARN patterns whose namespace part a listed namespace must match (see
     *                   {@link QueryBuilder#visibleTo})
     * @param descending order by name descending
     */
    public List<Namespace> list(List<ArnPattern> visibleTo, int offset, int limit, boolean descending) {
        QueryBuilder q = live(visibleTo);
        if (q.matchesNothing()) {
            return List.of();
        }
        return q.select(em, Namespace.class, List.of("n.name " + (descending ? "DESC" : "ASC"), "n.id"))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(List<ArnPattern> visibleTo) {
        QueryBuilder q = live(visibleTo);
        return q.matchesNothing() ? 0 : q.count(em);
    }

    private static QueryBuilder live(List<ArnPattern> visibleTo) {
        return new QueryBuilder("n", "Namespace n").where("n.deletedOn IS NULL").visibleTo(visibleTo, "n.name", null);
    }
}
