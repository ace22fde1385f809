package io.terrarium.application.security;

import java.time.Instant;

/**
 * Who makes the current request, as authentication established it: the entity of conda-store's token.
 *
 * @param authenticated    false for an anonymous caller (no credentials, or credentials that did not verify)
 * @param name             the user or service name, {@code null} when anonymous
 * @param primaryNamespace the caller's own namespace; the default namespace when anonymous
 * @param tokenBindings    the role bindings the caller's token carries
 * @param expiration       when the caller's token expires, {@code null} when anonymous or never
 */
public record Caller(
        boolean authenticated, String name, String primaryNamespace, RoleBindings tokenBindings, Instant expiration) {

    public static Caller anonymous(String defaultNamespace) {
        return new Caller(false, null, defaultNamespace, RoleBindings.NONE, null);
    }
}
