package io.terrarium.application.view;

import io.terrarium.domain.model.namespace.Namespace;
import io.terrarium.domain.model.namespace.NamespaceRoleMapping;
import java.util.List;

/**
 * Read model of a namespace for API responses, with its v1 role mappings.
 *
 * @param metadataJson the namespace's metadata as JSON object text
 */
public record NamespaceView(long id, String name, String metadataJson, List<RoleMappingView> roleMappings) {

    /** One v1 role mapping: conda-store's {@code {id, entity, role}}. */
    public record RoleMappingView(long id, String entity, String role) {

        static RoleMappingView of(NamespaceRoleMapping m) {
            return new RoleMappingView(m.getId(), m.getEntity(), m.getRole());
        }
    }

    public NamespaceView(long id, String name, String metadataJson) {
        this(id, name, metadataJson, List.of());
    }

    public static NamespaceView of(Namespace n) {
        return new NamespaceView(
                n.getId(),
                n.getName(),
                n.getMetadataJson(),
                n.getRoleMappings().stream().map(RoleMappingView::of).toList());
    }

    /** Without the role mappings, for lists that show only {@code id} and {@code name}. */
    public static NamespaceView summary(Namespace n) {
        return new NamespaceView(n.getId(), n.getName(), n.getMetadataJson());
    }
}
