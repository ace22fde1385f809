package io.terrarium.interfaces.storage;

import io.terrarium.interfaces.auth.TokenAuthenticator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Makes the absolute, signed and short-lived link to a stored artifact that the artifact routes redirect to:
 * {@code {application root}/storage/{key}?expires=…&signature=…}.
 */
@ApplicationScoped
public class StorageLinks {

    /** Long enough for a client to follow the redirect, short enough that a leaked link soon stops working. */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    static final String EXPIRES = "expires";
    static final String SIGNATURE = "signature";

    @Inject
    TokenAuthenticator tokens;

    /**
     * @param applicationRoot the absolute URI of the application's root, ending in {@code /} (the url_prefix)
     * @param key             a storage key {@link ArtifactKind#ofKey} accepts
     * @param yaml            a lockfile link that asks for the stored YAML ({@code format=yaml})
     */
    public URI location(URI applicationRoot, String key, boolean yaml) {
        if (ArtifactKind.ofKey(key).isEmpty()) {
            throw new IllegalArgumentException("not a servable storage key: " + key);
        }
        long expires = tokens.storageLinks().expiresIn(LIFETIME.toSeconds());
        String signature = tokens.storageLinks().sign(key, expires);
        StringBuilder link = new StringBuilder(applicationRoot.toString())
                .append("storage")
                .append(encodedPath(key))
                .append('?')
                .append(EXPIRES)
                .append('=')
                .append(expires)
                .append('&')
                .append(SIGNATURE)
                .append('=')
                .append(signature);
        if (yaml) {
            link.append("&format=yaml");
        }
        return URI.create(link.toString());
    }

    /** Quotes what a path may not hold (a build key may contain {@code ? ^ &} from the environment name). */
    private static String encodedPath(String key) {
        try {
            return new URI(null, null, "/" + key, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("storage key '" + key + "' cannot be a URI path", e);
        }
    }
}
