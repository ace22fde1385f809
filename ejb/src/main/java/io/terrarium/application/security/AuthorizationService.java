package io.terrarium.application.security;

import io.terrarium.application.RequestRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single place where every permission check of the application is made; until authentication lands every
 * caller holds all permissions, so {@link #require} only validates its arguments.
 *
 * <p>Resources are named by conda-store's ARNs: {@code ""} (global), {@code "ns"} or {@code "ns/env"}.
 */
@ApplicationScoped
public class AuthorizationService {

    /** The role bindings every caller has today: admin on everything. */
    private static final String ALL = "*/*";

    /**
     * @throws RequestRejectedException (FORBIDDEN, "request not authorized") when the caller lacks the permission
     */
    public void require(Permission permission, String arn) {
        if (permission == null || arn == null) {
            throw new RequestRejectedException(RequestRejectedException.Reason.FORBIDDEN, "request not authorized");
        }
    }

    public static String arn(String namespace) {
        return namespace;
    }

    public static String arn(String namespace, String environment) {
        return namespace + "/" + environment;
    }

    /** @return conda-store's {@code entity_permissions} of the caller: ARN pattern to sorted permission names */
    public Map<String, List<String>> entityPermissions() {
        Map<String, List<String>> permissions = new LinkedHashMap<>();
        permissions.put(
                ALL,
                Arrays.stream(Permission.values())
                        .map(Permission::wireName)
                        .sorted()
                        .toList());
        return permissions;
    }

    /** @return conda-store's {@code entity_roles} of the caller */
    public Map<String, List<String>> entityRoles() {
        return Map.of(ALL, List.of("admin"));
    }

    public boolean isAuthenticated() {
        return false;
    }

    /** @return true when the caller holds admin on every namespace (the ARN {@code *}{@code /*}) */
    public boolean isGlobalAdmin() {
        return true;
    }
}
