package io.terrarium.infrastructure.persistence;

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

    /** @param descending order by name descending */
    public List<Namespace> list(int offset, int limit, boolean descending) {
        return em.createQuery(
                        "SELECT n FROM Namespace n WHERE n.deletedOn IS NULL ORDER BY n.name "
                                + (descending ? "DESC" : "ASC"),
                        Namespace.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count() {
        return em.createQuery("SELECT COUNT(n) FROM Namespace n WHERE n.deletedOn IS NULL", Long.class)
                .getSingleResult();
    }
}
