package io.terrarium.application.security;

import io.terrarium.application.RequestRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * The single place where every permission check of the application is made, on the caller's effective role
 * bindings as conda-store computes them.
 *
 * <p>Resources are named by conda-store's ARNs: {@code ""} (global), {@code "ns"} or {@code "ns/env"}.
 */
@ApplicationScoped
public class AuthorizationService {

    /** conda-store's {@code unauthenticated_role_bindings}. */
    static final RoleBindings ANONYMOUS_DEFAULTS = RoleBindings.of("default/*", Role.VIEWER);

    /** conda-store's {@code authenticated_role_bindings}; each entity is also admin of its primary namespace. */
    static final RoleBindings AUTHENTICATED_DEFAULTS =
            ANONYMOUS_DEFAULTS.overriddenBy(RoleBindings.of("filesystem/*", Role.VIEWER));

    @Inject
    CurrentCaller current;

    @Inject
    StoredRoleBindings stored;

    /**
     * @throws RequestRejectedException (FORBIDDEN, "request not authorized") when the caller lacks the permission
     */
    public void require(Permission permission, String arn) {
        if (permission == null || arn == null || !allows(permission, arn)) {
            throw new RequestRejectedException(RequestRejectedException.Reason.FORBIDDEN, "request not authorized");
        }
    }

    public boolean allows(Permission permission, String arn) {
        return effectiveBindings().allows(permission, arn);
    }

    /** True when the caller holds admin on every namespace (a binding on {@code *} / {@code *}). */
    public boolean isGlobalAdmin() {
        return effectiveBindings().permissionsOn("").containsAll(Role.ADMIN.permissions());
    }

    /** The patterns under which the caller holds {@code permission}; lists show only what these match. */
    public List<ArnPattern> scopesGranting(Permission permission) {
        return effectiveBindings().patternsGranting(permission);
    }

    /**
     * conda-store's effective bindings: for an authenticated caller the authenticated defaults, then its token's
     * bindings, then the stored role mappings of its primary namespace, each replacing the earlier per ARN; for an
     * anonymous caller the anonymous defaults, then its token's bindings.
     */
    public RoleBindings effectiveBindings() {
        Caller caller = current.get();
        if (caller == null) {
            // the web tier sets a caller on every API request; anything else is asked as nobody, i.e. anonymous
            return ANONYMOUS_DEFAULTS;
        }
        RoleBindings cached = current.effectiveBindings();
        if (cached != null) {
            return cached;
        }
        RoleBindings effective = effectiveBindingsOf(caller);
        current.cacheEffectiveBindings(effective);
        return effective;
    }

    /** The effective bindings of any caller, e.g. of a token a request names (the environment list's jwt). */
    public RoleBindings effectiveBindingsOf(Caller caller) {
        if (caller.authenticated()) {
            return AUTHENTICATED_DEFAULTS
                    .overriddenBy(RoleBindings.of(caller.primaryNamespace() + "/*", Role.ADMIN))
                    .overriddenBy(caller.tokenBindings())
                    .overriddenBy(stored.forPrimaryNamespace(caller.primaryNamespace()));
        }
        return ANONYMOUS_DEFAULTS.overriddenBy(caller.tokenBindings());
    }

    public static String arn(String namespace) {
        return namespace;
    }

    public static String arn(String namespace, String environment) {
        return namespace + "/" + environment;
    }

    /** @return conda-store's {@code entity_permissions} of the caller: ARN pattern to sorted permission names */
    public Map<String, List<String>> entityPermissions() {
        return effectiveBindings().permissionsToWire();
    }

    /** @return conda-store's {@code entity_roles} of the caller */
    public Map<String, List<String>> entityRoles() {
        return effectiveBindings().toWire();
    }

    public boolean isAuthenticated() {
        Caller caller = current.get();
        return caller != null && caller.authenticated();
    }

    /**
     * conda-store's default namespace of a request: the caller's primary namespace when authenticated, else the
     * configured default namespace.
     */
    public String primaryNamespaceOr(String defaultNamespace) {
        Caller caller = current.get();
        return caller != null && caller.authenticated() && caller.primaryNamespace() != null
                ? caller.primaryNamespace()
                : defaultNamespace;
    }
}
