package io.terrarium.interfaces.auth;

import io.terrarium.infrastructure.config.TerrariumConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The authentication settings of the deployment, read from MicroProfile Config (system properties, environment
 * variables such as {@code TERRARIUM_AUTH_SECRET}); every key is documented in README.md, "Authentication".
 */
@ApplicationScoped
public class AuthSettings {

    /** The HS256 secret of session tokens; unset keeps a generated one in {@code <store>/auth/session-secret}. */
    public static final String SECRET = "terrarium.auth.secret";
    /** A JSON file of service tokens: literal token to {@code {name, primary_namespace, role_bindings, exp}}. */
    public static final String PREDEFINED_TOKENS_FILE = "terrarium.auth.predefined-tokens-file";
    /** How long a login session (and a token made without an expiration) lasts, as ISO-8601; default a day. */
    public static final String SESSION_LIFETIME = "terrarium.auth.session-lifetime";
    /** The OpenID Connect issuer URL; setting it turns the login page into a redirect to the provider. */
    public static final String OIDC_ISSUER = "terrarium.auth.oidc.issuer";

    public static final String OIDC_CLIENT_ID = "terrarium.auth.oidc.client-id";
    public static final String OIDC_CLIENT_SECRET = "terrarium.auth.oidc.client-secret";
    /** Space-separated scopes asked for; {@code openid} is always added. */
    public static final String OIDC_SCOPES = "terrarium.auth.oidc.scopes";
    /** The ID token claim that names the user; default {@code preferred_username}. */
    public static final String OIDC_USERNAME_CLAIM = "terrarium.auth.oidc.username-claim";
    /** The ID token claim that lists the user's groups (a string array); unset: groups are not read. */
    public static final String OIDC_GROUPS_CLAIM = "terrarium.auth.oidc.groups-claim";
    /** JSON {@code {"group": {"ns/env": ["role"]}}}: the role bindings each group gives its members. */
    public static final String OIDC_GROUP_ROLE_BINDINGS = "terrarium.auth.oidc.group-role-bindings";
    /** JSON {@code {"ns/env": ["role"]}}: role bindings every user who signs in through the provider gets. */
    public static final String OIDC_ROLE_BINDINGS = "terrarium.auth.oidc.role-bindings";
    /** The callback URL registered at the provider; default {@code <scheme>://<host>{url_prefix}/oauth_callback/}. */
    public static final String OIDC_REDIRECT_URI = "terrarium.auth.oidc.redirect-uri";

    /** conda-store's cookie name, so its UI and clients keep working. */
    public static final String COOKIE_NAME = "conda-store-auth";

    @Inject
    TerrariumConfig terrarium;

    private static Config config() {
        return ConfigProvider.getConfig(AuthSettings.class.getClassLoader());
    }

    static Optional<String> text(String key) {
        return config().getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    public Path authDir() {
        return terrarium.storeDir().resolve("auth");
    }

    public Optional<String> secret() {
        return text(SECRET);
    }

    public Optional<Path> predefinedTokensFile() {
        return text(PREDEFINED_TOKENS_FILE).map(Path::of);
    }

    /**
     * @throws IllegalArgumentException naming the key when the value is not a positive ISO-8601 duration
     */
    public Duration sessionLifetime() {
        Optional<String> raw = text(SESSION_LIFETIME);
        if (raw.isEmpty()) {
            return Duration.ofDays(1);
        }
        try {
            Duration d = Duration.parse(raw.get());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // reported below with the key
        }
        throw new IllegalArgumentException(
                SESSION_LIFETIME + ": '" + raw.get() + "' is not a positive ISO-8601 duration such as PT8H or P1D");
    }

    public Optional<String> oidcIssuer() {
        return text(OIDC_ISSUER);
    }

    public boolean oidcEnabled() {
        return oidcIssuer().isPresent();
    }
}
