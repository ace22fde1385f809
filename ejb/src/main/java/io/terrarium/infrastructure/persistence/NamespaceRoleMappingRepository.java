package io.terrarium.infrastructure.persistence;

import io.terrarium.domain.model.namespace.Namespace;
import io.terrarium.domain.model.namespace.NamespaceRoleMappingV2;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Stores conda-store's v2 namespace role mappings and reads both kinds of mappings as the role bindings of a
 * primary namespace.
 */
@ApplicationScoped
public class NamespaceRoleMappingRepository {

    @PersistenceContext(unitName = "terrarium")
    private EntityManager em;

    /** One ARN pattern (or namespace name) and the role a mapping gives on it. */
    public record Grant(String target, String role) {}

    /** @return the v2 mappings that give access to {@code namespace}, oldest first */
    public List<NamespaceRoleMappingV2> v2Of(Namespace namespace) {
        return em.createQuery(
                        "SELECT m FROM NamespaceRoleMappingV2 m WHERE m.namespace = :ns ORDER BY m.id",
                        NamespaceRoleMappingV2.class)
                .setParameter("ns", namespace)
                .getResultList();
    }

    public Optional<NamespaceRoleMappingV2> v2(Namespace namespace, Namespace other) {
        return em.createQuery(
                        "SELECT m FROM NamespaceRoleMappingV2 m WHERE m.namespace = :ns AND m.otherNamespace = :other",
                        NamespaceRoleMappingV2.class)
                .setParameter("ns", namespace)
                .setParameter("other", other)
                .getResultStream()
                .findFirst();
    }

    public void add(NamespaceRoleMappingV2 mapping) {
        em.persist(mapping);
        em.flush();
    }

    /** @return how many mappings were removed */
    public int deleteV2(Namespace namespace, Namespace other) {
        return em.createQuery(
                        "DELETE FROM NamespaceRoleMappingV2 m WHERE m.namespace = :ns AND m.otherNamespace = :other")
                .setParameter("ns", namespace)
                .setParameter("other", other)
                .executeUpdate();
    }

    /** Removes the v2 mappings that give access to {@code namespace}. */
    public int deleteV2Of(Namespace namespace) {
        return em.createQuery("DELETE FROM NamespaceRoleMappingV2 m WHERE m.namespace = :ns")
                .setParameter("ns", namespace)
                .executeUpdate();
    }

    /** Removes every v2 mapping that names {@code namespace} on either side (the namespace is being deleted). */
    public int deleteV2Involving(Namespace namespace) {
        return em.createQuery("DELETE FROM NamespaceRoleMappingV2 m WHERE m.namespace = :ns OR m.otherNamespace = :ns")
                .setParameter("ns", namespace)
                .executeUpdate();
    }

    /**
     * Removes the v1 mappings, of any namespace, whose ARN pattern names {@code namespace} literally ({@code ns/*},
     * {@code ns/env}); patterns with a wildcard in the namespace part stay.
     */
    public int deleteV1Naming(String namespace) {
        return em.createQuery("DELETE FROM NamespaceRoleMapping m WHERE m.entity LIKE :arns ESCAPE '\\'")
                .setParameter("arns", QueryBuilder.escapeLike(namespace) + "/%")
                .executeUpdate();
    }

    /**
     * conda-store's v1 database bindings: the mappings attached to the namespace named {@code primaryNamespace}.
     *
     * @return entity ARN pattern and role pairs
     */
    public List<Grant> v1GrantsFor(String primaryNamespace) {
        return em
                .createQuery(
                        "SELECT m.entity, m.role FROM NamespaceRoleMapping m WHERE m.namespace.name = :primary"
                                + " ORDER BY m.id",
                        Object[].class)
                .setParameter("primary", primaryNamespace)
                .getResultList()
                .stream()
                .map(row -> new Grant((String) row[0], (String) row[1]))
                .toList();
    }

    /**
     * conda-store's v2 database bindings: the mappings whose other namespace is {@code primaryNamespace}.
     *
     * @return namespace name and role pairs
     */
    public List<Grant> v2GrantsFor(String primaryNamespace) {
        return em
                .createQuery(
                        "SELECT m.namespace.name, m.role FROM NamespaceRoleMappingV2 m"
                                + " WHERE m.otherNamespace.name = :primary ORDER BY m.id",
                        Object[].class)
                .setParameter("primary", primaryNamespace)
                .getResultList()
                .stream()
                .map(row -> new Grant((String) row[0], (String) row[1]))
                .toList();
    }
}
