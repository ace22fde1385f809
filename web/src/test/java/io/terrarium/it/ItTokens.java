package io.terrarium.it;

/**
 * The predefined service tokens every IT server starts with (src/test/resources/it-tokens.json, passed as
 * {@code TERRARIUM_AUTH_PREDEFINED_TOKENS_FILE}); test clients send {@link #ADMIN} unless told otherwise.
 */
public final class ItTokens {

    /** Admin of every namespace. */
    public static final String ADMIN = "it-admin-token";
    /** Developer in every namespace. */
    public static final String DEVELOPER = "it-developer-token";
    /** Viewer of every namespace. */
    public static final String VIEWER = "it-viewer-token";
    /** Primary namespace {@code team}, admin of namespace {@code team} and nothing more. */
    public static final String TEAM = "it-team-token";
    /** Admin of every namespace, but its {@code exp} has passed: it counts as anonymous. */
    public static final String EXPIRED = "it-expired-token";

    private ItTokens() {}

    /** The {@code Authorization} header value that presents {@code token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
