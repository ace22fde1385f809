package io.terrarium.infrastructure.persistence;

import io.terrarium.domain.model.specification.Specification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * Stores specifications, one row per content hash.
 */
@ApplicationScoped
public class SpecificationRepository {

    @PersistenceContext(unitName = "terrarium")
    private EntityManager em;

    public Optional<Specification> findBySha256(String sha256) {
        return em.createQuery("SELECT s FROM Specification s WHERE s.sha256 = :sha", Specification.class)
                .setParameter("sha", sha256)
                .getResultStream()
                .findFirst();
    }

    public void add(Specification specification) {
        em.persist(specification);
        em.flush();
    }
}
