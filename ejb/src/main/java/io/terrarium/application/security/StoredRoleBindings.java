package io.terrarium.application.security;

import io.terrarium.infrastructure.config.TerrariumConfig;
import io.terrarium.infrastructure.persistence.NamespaceRoleMappingRepository;
import io.terrarium.infrastructure.persistence.NamespaceRoleMappingRepository.Grant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The role bindings that namespace role mappings stored in the database give an entity, as conda-store computes
 * them from its primary namespace under the configured {@link TerrariumConfig#ROLE_MAPPINGS_VERSION}.
 */
@ApplicationScoped
public class StoredRoleBindings {

    private static final Logger LOG = Logger.getLogger(StoredRoleBindings.class.getName());

    @Inject
    NamespaceRoleMappingRepository mappings;

    @Inject
    TerrariumConfig config;

    /**
     * Version 1: the mappings attached to the namespace named {@code namespace}, entity ARN to roles. Version 2:
     * for every mapping whose other namespace is {@code namespace}, {@code "<its namespace>/*"} to its role.
     *
     * @return the bindings the stored role mappings give an entity whose primary namespace is {@code namespace}
     */
    public RoleBindings forPrimaryNamespace(String namespace) {
        if (namespace == null) {
            return RoleBindings.NONE;
        }
        return config.roleMappingsVersion() == 2
                ? fromGrants(mappings.v2GrantsFor(namespace), true)
                : fromGrants(mappings.v1GrantsFor(namespace), false);
    }

    /**
     * @param namespaceTargets true when each grant names a namespace, which stands for {@code "<namespace>/*"}
     */
    static RoleBindings fromGrants(List<Grant> grants, boolean namespaceTargets) {
        Map<String, Set<String>> wire = new LinkedHashMap<>();
        for (Grant grant : grants) {
            String arn = namespaceTargets ? grant.target() + "/*" : grant.target();
            // rows are validated when written; one written around the API must not lock every caller out
            if (!ArnPattern.isValid(arn) || !isRole(grant.role())) {
                LOG.log(
                        Level.WARNING,
                        "ignoring stored role mapping {0} -> {1}: not a valid ARN and role",
                        new Object[] {arn, grant.role()});
                continue;
            }
            wire.computeIfAbsent(arn, a -> new LinkedHashSet<>()).add(grant.role());
        }
        return wire.isEmpty() ? RoleBindings.NONE : RoleBindings.parse(wire);
    }

    private static boolean isRole(String role) {
        try {
            Role.parse(role);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
