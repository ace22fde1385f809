package io.terrarium.interfaces.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the token a request presents, in conda-store's order: the session cookie {@code conda-store-auth}, then
 * {@code Authorization: Bearer <token>}, then {@code Authorization: Basic base64(user:token)} (the password is the
 * token), then the query parameter {@code token}. As in conda-store, the first credential present is the one used,
 * even when it does not verify.
 */
public final class Credentials {

    private Credentials() {}

    public static Optional<String> token(HttpServletRequest request) {
        String cookie = null;
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (AuthSettings.COOKIE_NAME.equals(c.getName())
                        && !c.getValue().isEmpty()) {
                    cookie = c.getValue();
                    break;
                }
            }
        }
        return token(cookie, request.getHeader("Authorization"), queryToken(request.getQueryString()));
    }

    /**
     * @param cookie        the value of the session cookie, or {@code null}
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param query         the {@code token} query parameter, or {@code null}
     */
    static Optional<String> token(String cookie, String authorization, String query) {
        if (cookie != null && !cookie.isEmpty()) {
            return Optional.of(cookie);
        }
        if (authorization != null && !authorization.isBlank()) {
            return fromAuthorization(authorization.trim());
        }
        if (query != null && !query.isEmpty()) {
            return Optional.of(query);
        }
        return Optional.empty();
    }

    private static Optional<String> fromAuthorization(String header) {
        int space = header.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
        String value = header.substring(space + 1).trim();
        if (scheme.equals("bearer")) {
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
        if (scheme.equals("basic")) {
            try {
                String pair = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                String password = colon < 0 ? "" : pair.substring(colon + 1);
                return password.isEmpty() ? Optional.empty() : Optional.of(password);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Reads {@code token} from the raw query string (getParameter would consume a form body). */
    static String queryToken(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals("token") && eq >= 0) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
