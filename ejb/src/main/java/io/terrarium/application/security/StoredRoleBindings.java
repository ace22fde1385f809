package io.terrarium.application.security;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The role bindings that namespace role mappings stored in the database give an entity, as conda-store computes
 * them from its primary namespace.
 */
@ApplicationScoped
public class StoredRoleBindings {

    /** @return the bindings the stored role mappings give an entity whose primary namespace is {@code namespace} */
    public RoleBindings forPrimaryNamespace(String namespace) {
        return RoleBindings.NONE;
    }
}
