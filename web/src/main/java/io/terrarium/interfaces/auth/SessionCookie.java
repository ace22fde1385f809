package io.terrarium.interfaces.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * conda-store's session cookie {@code conda-store-auth}: HttpOnly, SameSite=Strict, Path=/, Secure when the request
 * came over https (directly or through a proxy that says so), and Max-Age the seconds until the token expires.
 */
public final class SessionCookie {

    private SessionCookie() {}

    public static void set(HttpServletRequest request, HttpServletResponse response, String token, Instant exp) {
        long maxAge = Math.max(0, Duration.between(Instant.now(), exp).getSeconds());
        response.addHeader("Set-Cookie", header(AuthSettings.COOKIE_NAME, token, maxAge, "Strict", "/", request));
    }

    public static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", header(AuthSettings.COOKIE_NAME, "", 0, "Strict", "/", request));
    }

    static String header(
            String name, String value, long maxAge, String sameSite, String path, HttpServletRequest request) {
        StringBuilder b = new StringBuilder()
                .append(name)
                .append('=')
                .append(value)
                .append("; Path=")
                .append(path)
                .append("; Max-Age=")
                .append(maxAge)
                .append("; HttpOnly; SameSite=")
                .append(sameSite);
        if (secure(request)) {
            b.append("; Secure");
        }
        return b.toString();
    }

    static boolean secure(HttpServletRequest request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }
}
