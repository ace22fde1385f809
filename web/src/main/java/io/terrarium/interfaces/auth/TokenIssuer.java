package io.terrarium.interfaces.auth;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.security.ArnPattern;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Caller;
import io.terrarium.application.security.CurrentCaller;
import io.terrarium.application.security.Role;
import io.terrarium.application.security.RoleBindings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * conda-store's {@code POST /api/v1/token/}: a new token for the calling entity that may narrow, never widen, what
 * the caller holds: its role bindings must be covered by the caller's effective bindings and it may not outlive
 * the caller's own token.
 *
 * <p>Two rules are stricter than conda-store's: a new primary namespace needs admin on that namespace (it makes
 * its holder admin there), and a token made by an anonymous caller stays anonymous.
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    CurrentCaller current;

    @Inject
    AuthorizationService authorization;

    @Inject
    TokenAuthenticator tokens;

    @Inject
    AuthSettings settings;

    @Inject
    BuiltInUsers users;

    /**
     * @param body the request's JSON object: optional {@code primary_namespace}, {@code expiration},
     *             {@code role_bindings}
     * @param defaultNamespace the default namespace, the anonymous caller's primary one
     * @return the new token
     * @throws RequestRejectedException (INVALID) when the request would widen the caller's rights
     */
    public String issue(Map<String, Object> body, String defaultNamespace) {
        Instant now = Instant.now();
        Caller caller = current.get();
        if (caller == null) {
            caller = Caller.anonymous(defaultNamespace);
        }
        Instant currentExp = caller.expiration();
        if (!caller.authenticated() && currentExp == null) {
            // conda-store's pseudo entity of an anonymous caller expires a day from now
            currentExp = now.plus(settings.sessionLifetime());
        }
        RoleBindings held = authorization.effectiveBindings();

        RoleBindings requested = roleBindings(body.get("role_bindings"));
        if (requested != null && !held.covers(requested)) {
            throw RequestRejectedException.invalid("Requested role_bindings are not a subset of current permissions");
        }
        Instant exp = expiration(body.get("expiration"));
        if (exp == null) {
            exp = currentExp != null ? currentExp : now.plus(settings.sessionLifetime());
        } else if (currentExp != null && exp.isAfter(currentExp)) {
            throw RequestRejectedException.invalid("Requested expiration of token is greater than current permissions");
        } else if (!exp.isAfter(now)) {
            throw RequestRejectedException.invalid("Requested expiration of token is in the past");
        }
        String primary = caller.primaryNamespace();
        Object wantedPrimary = body.get("primary_namespace");
        if (wantedPrimary != null) {
            if (!(wantedPrimary instanceof String ns) || ns.contains("*") || !ArnPattern.isValid(ns + "/x")) {
                throw RequestRejectedException.invalid("'primary_namespace' must be a namespace name");
            }
            if (caller.authenticated() && !ns.equals(primary) && !held.covers(RoleBindings.of(ns + "/*", Role.ADMIN))) {
                throw RequestRejectedException.invalid(
                        "Requested primary_namespace is not a subset of current permissions");
            }
            primary = ns;
        }
        RoleBindings bindings = requested != null ? requested : held;
        Caller entity = new Caller(caller.authenticated(), caller.name(), primary, bindings, exp);
        String source = caller.authenticated() && users.exists(caller.name())
                ? SessionTokens.SOURCE_USER
                : SessionTokens.SOURCE_TOKEN;
        return tokens.sessionTokens().issue(entity, source);
    }

    private static RoleBindings roleBindings(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw RequestRejectedException.invalid("'role_bindings' must be an object of ARN to a list of roles");
        }
        Map<String, List<String>> wire = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof Collection<?> roles)) {
                throw RequestRejectedException.invalid("'role_bindings' must be an object of ARN to a list of roles");
            }
            wire.put(
                    String.valueOf(e.getKey()),
                    roles.stream().map(String::valueOf).toList());
        }
        try {
            return RoleBindings.parse(wire);
        } catch (IllegalArgumentException e) {
            throw RequestRejectedException.invalid(e.getMessage());
        }
    }

    /** conda-store's datetime: ISO-8601 with or without an offset (then UTC), or epoch seconds. */
    static Instant expiration(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        String text = raw.toString().trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw RequestRejectedException.invalid(
                        "'expiration' must be an ISO-8601 date-time, got '" + text + "'");
            }
        }
    }
}
