package io.terrarium.application.view;

import io.terrarium.domain.model.namespace.NamespaceRoleMappingV2;

/**
 * Read model of a v2 namespace role mapping: conda-store's {@code {id, namespace, other_namespace, role}}, with
 * namespace names.
 */
public record NamespaceRoleView(long id, String namespace, String otherNamespace, String role) {

    public static NamespaceRoleView of(NamespaceRoleMappingV2 m) {
        return new NamespaceRoleView(
                m.getId(), m.getNamespace().getName(), m.getOtherNamespace().getName(), m.getRole());
    }
}
