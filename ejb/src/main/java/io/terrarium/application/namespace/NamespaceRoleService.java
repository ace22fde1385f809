package io.terrarium.application.namespace;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Permission;
import io.terrarium.application.security.Role;
import io.terrarium.application.view.NamespaceRoleView;
import io.terrarium.domain.model.namespace.Namespace;
import io.terrarium.domain.model.namespace.NamespaceRoleMappingV2;
import io.terrarium.infrastructure.persistence.NamespaceRepository;
import io.terrarium.infrastructure.persistence.NamespaceRoleMappingRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * conda-store's v2 namespace role mappings ({@code /api/v1/namespace/{ns}/role} and {@code /roles}): which other
 * namespaces' entities hold which role on a namespace, with conda-store's permissions, status codes and messages.
 *
 * <p>Every operation needs {@code namespace::read} and one {@code namespace-role-mapping} permission on the
 * namespace, checked before the namespace is looked up; a missing namespace is 404 "namespace does not exist", a
 * missing other namespace 400 "Namespace='X' not found". Where conda-store fails with a 500 (a second mapping of
 * the same pair, updating a mapping that does not exist) this answers 409 and 404 instead.
 */
@Stateless
public class NamespaceRoleService {

    @Inject
    private NamespaceRepository namespaces;

    @Inject
    private NamespaceRoleMappingRepository mappings;

    @Inject
    private AuthorizationService authorization;

    /** @return the mappings that give access to {@code namespace}, oldest first */
    public List<NamespaceRoleView> roles(String namespace) {
        Namespace ns = authorized(namespace, Permission.NAMESPACE_ROLE_MAPPING_READ);
        return mappings.v2Of(ns).stream().map(NamespaceRoleView::of).toList();
    }

    /** Removes every mapping that gives access to {@code namespace}. */
    public void deleteRoles(String namespace) {
        Namespace ns = authorized(namespace, Permission.NAMESPACE_ROLE_MAPPING_DELETE);
        mappings.deleteV2Of(ns);
    }

    /** @throws RequestRejectedException NOT_FOUND "failed to find role" when the pair has no mapping */
    public NamespaceRoleView role(String namespace, String otherNamespace) {
        Namespace ns = authorized(namespace, Permission.NAMESPACE_ROLE_MAPPING_READ);
        return mappings.v2(ns, other(otherNamespace))
                .map(NamespaceRoleView::of)
                .orElseThrow(() -> RequestRejectedException.notFound("failed to find role"));
    }

    /** @throws RequestRejectedException CONFLICT when the pair already has a mapping (change it with PUT) */
    public void create(String namespace, String otherNamespace, String role) {
        Namespace ns = authorized(namespace, Permission.NAMESPACE_ROLE_MAPPING_CREATE);
        Namespace other = other(otherNamespace);
        String stored = storedRole(role);
        if (mappings.v2(ns, other).isPresent()) {
            throw RequestRejectedException.conflict(
                    "namespace '" + otherNamespace + "' already has a role on '" + namespace + "'; change it with PUT");
        }
        mappings.add(new NamespaceRoleMappingV2(ns, other, stored));
    }

    /** @throws RequestRejectedException NOT_FOUND "failed to find role" when the pair has no mapping to change */
    public void update(String namespace, String otherNamespace, String role) {
        Namespace ns = authorized(namespace, Permission.NAMESPACE_ROLE_MAPPING_UPDATE);
        Namespace other = other(otherNamespace);
        String stored = storedRole(role);
        mappings.v2(ns, other)
                .orElseThrow(() -> RequestRejectedException.notFound("failed to find role"))
                .setRole(stored);
    }

    /** Removes the pair's mapping; removing one that does not exist is not an error, as in conda-store. */
    public void delete(String namespace, String otherNamespace) {
        Namespace ns = authorized(namespace, Permission.NAMESPACE_ROLE_MAPPING_DELETE);
        mappings.deleteV2(ns, other(otherNamespace));
    }

    private Namespace authorized(String namespace, Permission roleMappingPermission) {
        String arn = AuthorizationService.arn(namespace);
        authorization.require(Permission.NAMESPACE_READ, arn);
        authorization.require(roleMappingPermission, arn);
        return namespaces
                .findByName(namespace)
                .orElseThrow(() -> RequestRejectedException.notFound("namespace does not exist"));
    }

    private Namespace other(String otherNamespace) {
        if (otherNamespace == null || otherNamespace.isEmpty()) {
            throw RequestRejectedException.invalid("'other_namespace' is required");
        }
        return namespaces
                .findByName(otherNamespace)
                .orElseThrow(() -> RequestRejectedException.invalid("Namespace='" + otherNamespace + "' not found"));
    }

    /** conda-store stores {@code editor} as {@code developer}. */
    private static String storedRole(String role) {
        if (role == null) {
            throw RequestRejectedException.invalid("'role' is required");
        }
        try {
            return Role.parse(role).wireName();
        } catch (IllegalArgumentException e) {
            throw RequestRejectedException.invalid(e.getMessage());
        }
    }
}
