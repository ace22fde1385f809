package io.terrarium.interfaces.auth;

import io.terrarium.application.security.RoleBindings;
import io.terrarium.conda.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenID Connect client settings ({@code terrarium.auth.oidc.*}) and the mapping from the provider's groups to
 * role bindings, checked once so a typo stops the deployment with the key that holds it.
 *
 * @param groupBindings per group, the wire form of the bindings its members get
 */
record OidcSettings(
        String issuer,
        String clientId,
        Optional<String> clientSecret,
        List<String> scopes,
        String usernameClaim,
        Optional<String> groupsClaim,
        Map<String, Map<String, List<String>>> groupBindings,
        Map<String, List<String>> everyoneBindings,
        Optional<String> redirectUri) {

    /**
     * @throws IllegalArgumentException naming the key of a missing or malformed setting
     */
    static OidcSettings read(String issuer) {
        String clientId = AuthSettings.text(AuthSettings.OIDC_CLIENT_ID)
                .orElseThrow(() -> new IllegalArgumentException(
                        AuthSettings.OIDC_CLIENT_ID + " is required when " + AuthSettings.OIDC_ISSUER + " is set"));
        Set<String> scopes = new LinkedHashSet<>(List.of("openid"));
        for (String s : AuthSettings.text(AuthSettings.OIDC_SCOPES)
                .orElse("openid profile email")
                .split("[\\s,]+")) {
            if (!s.isEmpty()) {
                scopes.add(s);
            }
        }
        Map<String, Map<String, List<String>>> groups = new LinkedHashMap<>();
        AuthSettings.text(AuthSettings.OIDC_GROUP_ROLE_BINDINGS).ifPresent(raw -> {
            Map<String, Object> json = parse(AuthSettings.OIDC_GROUP_ROLE_BINDINGS, raw);
            json.forEach((group, bindings) -> {
                if (!(bindings instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException(AuthSettings.OIDC_GROUP_ROLE_BINDINGS + ": the bindings of"
                            + " group '" + group + "' must be an object of ARN to a list of roles");
                }
                groups.put(group, wire(AuthSettings.OIDC_GROUP_ROLE_BINDINGS, Json.asObject(bindings)));
            });
        });
        Map<String, List<String>> everyone = AuthSettings.text(AuthSettings.OIDC_ROLE_BINDINGS)
                .map(raw -> wire(AuthSettings.OIDC_ROLE_BINDINGS, parse(AuthSettings.OIDC_ROLE_BINDINGS, raw)))
                .orElse(Map.of());
        return new OidcSettings(
                issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer,
                clientId,
                AuthSettings.text(AuthSettings.OIDC_CLIENT_SECRET),
                List.copyOf(scopes),
                AuthSettings.text(AuthSettings.OIDC_USERNAME_CLAIM).orElse("preferred_username"),
                AuthSettings.text(AuthSettings.OIDC_GROUPS_CLAIM),
                groups,
                everyone,
                AuthSettings.text(AuthSettings.OIDC_REDIRECT_URI));
    }

    /** The bindings of a user in {@code groups}: the everyone bindings, then each group's roles added per ARN. */
    RoleBindings bindingsFor(Collection<String> groups) {
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        everyoneBindings.forEach((arn, roles) ->
                merged.computeIfAbsent(arn, a -> new LinkedHashSet<>()).addAll(roles));
        for (String group : groups) {
            groupBindings
                    .getOrDefault(group, Map.of())
                    .forEach((arn, roles) -> merged.computeIfAbsent(arn, a -> new LinkedHashSet<>())
                            .addAll(roles));
        }
        Map<String, List<String>> wire = new LinkedHashMap<>();
        merged.forEach((arn, roles) -> wire.put(arn, new ArrayList<>(roles)));
        return RoleBindings.parse(wire);
    }

    private static Map<String, Object> parse(String key, String raw) {
        try {
            return Json.parseObject(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a JSON object: " + e.getMessage(), e);
        }
    }

    private static Map<String, List<String>> wire(String key, Map<String, Object> json) {
        Map<String, List<String>> wire = new LinkedHashMap<>();
        json.forEach((arn, roles) -> {
            if (!(roles instanceof Collection<?> list)) {
                throw new IllegalArgumentException(key + ": the roles of '" + arn + "' must be a list");
            }
            wire.put(arn, list.stream().map(String::valueOf).toList());
        });
        try {
            RoleBindings.parse(wire);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        return wire;
    }
}
